using SparseAdaptive.Network;

namespace SparseAdaptive.Analysis;

/// <summary>
/// How many links leave each input pixel of an image classifier's first layer, laid out as the image. Under
/// Sparse Evolutionary Training the uninformative pixels lose their links: the map shows the implicit feature selection.
/// </summary>
public sealed class PixelLinkMap
{
    private readonly int[] _counts;

    private PixelLinkMap(int rows, int columns, int[] counts)
    {
        Rows = rows;
        Columns = columns;
        _counts = counts;
    }

    /// <summary>Image height in pixels.</summary>
    public int Rows { get; }

    /// <summary>Image width in pixels.</summary>
    public int Columns { get; }

    /// <summary>Links leaving the pixel at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is outside the image.</exception>
    public int this[int row, int column]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
            return _counts[row * Columns + column];
        }
    }

    /// <summary>The link count of every pixel, row-major (the order of the features).</summary>
    public int[] GetCounts() => (int[])_counts.Clone();

    /// <summary>Reads the map off the first layer of <paramref name="network"/>.</summary>
    /// <param name="network">A network whose inputs are the pixels of <paramref name="rows"/> × <paramref name="columns"/> images, row-major.</param>
    /// <param name="rows">Image height.</param>
    /// <param name="columns">Image width.</param>
    /// <exception cref="ArgumentException">The network does not take <paramref name="rows"/> × <paramref name="columns"/> inputs.</exception>
    public static PixelLinkMap Of(SparseNetwork network, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (network.InputSize != (long)rows * columns)
        {
            throw new ArgumentException(
                $"The network takes {network.InputSize} inputs, not the {(long)rows * columns} pixels of a {rows}×{columns} image.", nameof(network));
        }
        return new PixelLinkMap(rows, columns, network.Layers[0].GetOutDegrees());
    }
}
