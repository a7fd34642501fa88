using SparseAdaptive.Network;

namespace SparseAdaptive.Analysis;

/// <summary>
/// The input pixels that are (nearly) always blank in a training set: mean intensity below a threshold (0.02 on
/// [0, 1] pixels by default; 369 of MNIST's 784 pixels). They carry no signal, so a first-layer link from one of them
/// gets no gradient: the share of first-layer links they hold, against their share of the pixels, measures how far
/// Sparse Evolutionary Training has moved the links onto the informative pixels (1 = no selection, 0 = all moved).
/// </summary>
public sealed class NearBlankPixels
{
    /// <summary>The threshold on the training-set mean intensity used unless told otherwise.</summary>
    public const double DefaultThreshold = 0.02;

    private readonly bool[] _blank;

    private NearBlankPixels(bool[] blank, double threshold)
    {
        _blank = blank;
        Threshold = threshold;
        Count = blank.Count(b => b);
    }

    /// <summary>Mean intensity below which a pixel counts as near-blank.</summary>
    public double Threshold { get; }

    /// <summary>Number of pixels per image.</summary>
    public int PixelCount => _blank.Length;

    /// <summary>Number of near-blank pixels.</summary>
    public int Count { get; }

    /// <summary>Share of the pixels that are near-blank: the share of links they hold under a uniform random topology.</summary>
    public double UniformShare => (double)Count / PixelCount;

    /// <summary>Whether the pixel at feature index <paramref name="pixel"/> is near-blank.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pixel"/> is not a pixel index.</exception>
    public bool IsBlank(int pixel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pixel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pixel, PixelCount);
        return _blank[pixel];
    }

    /// <summary>Finds the near-blank pixels of a training set.</summary>
    /// <param name="features">The training images, <paramref name="pixelCount"/> values each, image after image.</param>
    /// <param name="pixelCount">Pixels per image.</param>
    /// <param name="threshold">Mean intensity below which a pixel is near-blank; must be finite.</param>
    /// <exception cref="ArgumentException">No whole image, a length that is not a multiple of <paramref name="pixelCount"/>, or a threshold that is not finite.</exception>
    public static NearBlankPixels Of(ReadOnlySpan<float> features, int pixelCount, double threshold = DefaultThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelCount);
        if (!double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The near-blank threshold must be finite.");
        }
        if (features.Length == 0 || features.Length % pixelCount != 0)
        {
            throw new ArgumentException(
                $"{features.Length} feature values are not a positive whole number of images of {pixelCount} pixels.", nameof(features));
        }
        var sums = new double[pixelCount];
        for (int start = 0; start < features.Length; start += pixelCount)
        {
            var image = features.Slice(start, pixelCount);
            for (int p = 0; p < pixelCount; p++)
            {
                sums[p] += image[p];
            }
        }
        double images = features.Length / pixelCount;
        return new NearBlankPixels(sums.Select(s => s / images < threshold).ToArray(), threshold);
    }

    /// <summary>Share of the first-layer links of <paramref name="network"/> that leave a near-blank pixel.</summary>
    /// <exception cref="ArgumentException">The network does not take <see cref="PixelCount"/> inputs, or its first layer has no links.</exception>
    public double LinkShare(SparseNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.InputSize != PixelCount)
        {
            throw new ArgumentException($"The network takes {network.InputSize} inputs, not {PixelCount} pixels.", nameof(network));
        }
        int[] degrees = network.Layers[0].GetOutDegrees();
        long blank = 0, all = 0;
        for (int p = 0; p < degrees.Length; p++)
        {
            all += degrees[p];
            blank += _blank[p] ? degrees[p] : 0;
        }
        if (all == 0)
        {
            throw new ArgumentException("The network's first layer has no links.", nameof(network));
        }
        return (double)blank / all;
    }

    /// <summary>
    /// <see cref="LinkShare"/> over <see cref="UniformShare"/>: 1 when near-blank pixels hold their uniform share of
    /// the first-layer links, 0 when they hold none.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="LinkShare"/>.</exception>
    /// <exception cref="InvalidOperationException">No pixel is near-blank, so the ratio is undefined.</exception>
    public double Ratio(SparseNetwork network)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException($"No pixel has a mean intensity below {Threshold}: the near-blank ratio is undefined.");
        }
        return LinkShare(network) / UniformShare;
    }
}
