using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>
/// Each block's share of one layer's bias gradients and, when the network can afford them, of its link gradients: the
/// weight update adds the shares in block order, here and nowhere else, so every path sums a gradient the same way.
/// </summary>
/// <remarks>
/// The link shares are written by whichever thread takes a block through the backward pass, while the block's
/// activations and gradients are still in that core's cache; without them the update reads every block, half of which
/// the other core has just written. They cost 4 bytes per link and per block, so a network whose shares would exceed
/// <see cref="MaxBytes"/> updates its links from the blocks directly (<see cref="RowWeightUpdate"/>), with the same
/// additions in the same order; layers updated as dense tiles (<see cref="DenseWeightUpdate"/>) keep no link shares.
/// </remarks>
internal sealed class GradientShares
{
    /// <summary>Most memory the link shares of all layers may take.</summary>
    public const long MaxBytes = 256L << 20;

    private long _linksPass = -1;

    /// <summary>Shares of <paramref name="blocks"/> blocks, reusing <paramref name="previous"/>'s arrays where they have the right size.</summary>
    public GradientShares(SparseLayer layer, int blocks, bool withLinks, GradientShares? previous)
    {
        Biases = new float[blocks][];
        Links = withLinks ? new float[blocks][] : null;
        for (int block = 0; block < blocks; block++)
        {
            Biases[block] = previous?.Biases[block] ?? new float[layer.OutputSize];
            if (Links is not null)
            {
                Links[block] = previous?.Links?[block] is { } reused && reused.Length == layer.LinkCount ? reused : new float[layer.LinkCount];
            }
        }
    }

    /// <summary>Each block's <c>Σ outputGradient</c> per row.</summary>
    public float[][] Biases { get; }

    /// <summary>Each block's <c>Σ outputGradient·input</c> per link, or null when the layer keeps none.</summary>
    public float[][]? Links { get; }

    /// <summary>Whether the link shares of every network with these layers and <paramref name="blocks"/> blocks fit <see cref="MaxBytes"/>.</summary>
    public static bool Fit(SparseNetwork network, KernelPolicy policy, int blocks)
    {
        long bytes = network.Layers.Sum(l => (long)((policy.UpdatesDenseTiles(l) ? 0 : l.LinkCount) + l.OutputSize) * blocks * sizeof(float));
        return blocks > 1 && bytes <= MaxBytes;
    }

    /// <summary>Records that the link shares were computed by the propagator's pass <paramref name="pass"/>.</summary>
    public void MarkLinksComputedIn(long pass) => _linksPass = pass;

    /// <summary>Whether the link shares are those of the propagator's pass <paramref name="pass"/>.</summary>
    public bool HasLinksOf(long pass) => Links is not null && _linksPass == pass;

    /// <summary>One momentum SGD step of every bias from the shares of the first <paramref name="blocks"/> blocks.</summary>
    public void ApplyToBiases(SparseLayer layer, LayerVelocity velocity, SgdStep step, int blocks)
    {
        for (int row = 0; row < layer.OutputSize; row++)
        {
            step.ApplyToBias(layer.Biases, velocity.Biases, row, SumInBlockOrder(Biases, blocks, row));
        }
    }

    /// <summary>One momentum SGD step of every link from the link shares, links split between up to <paramref name="threads"/> threads.</summary>
    public void ApplyToLinks(SparseLayer layer, LayerVelocity velocity, SgdStep step, int blocks, int threads)
    {
        var links = Links ?? throw new InvalidOperationException("The layer keeps no link shares.");
        ParallelRange.Run(threads, layer.LinkCount, (start, end) =>
            KernelDriver.Run(new LinkSteps(layer.Weights, velocity.Weights, links, blocks, start, end, step), layer));
    }

    /// <summary>The block-ordered sum of one entry of the shares: the first block's, then each next block's added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SumInBlockOrder(float[][] shares, int blocks, int at)
    {
        float sum = shares[0][at];
        for (int block = 1; block < blocks; block++)
        {
            sum += shares[block][at];
        }
        return sum;
    }

    // The steps of links [start, end): whole vectors of links, then one by one; a vector lane adds the shares in block order too.
    private readonly ref struct LinkSteps(float[] weights, float[] velocity, float[][] shares, int blocks, int start, int end, SgdStep step) : ILayerKernel
    {
        void ILayerKernel.Run<TV16, TV16Ops, TV, TOps, TIndex>(TIndex[] sources)
        {
            int width = TOps.Count;
            var vectorStep = new SgdVectorStep<TV, TOps>(step);
            ref float w = ref MemoryMarshal.GetArrayDataReference(weights);
            ref float v = ref MemoryMarshal.GetArrayDataReference(velocity);
            int k = start;
            for (; k + width <= end; k += width)
            {
                TV sum = TOps.Load(ref shares[0][k]);
                for (int block = 1; block < blocks; block++)
                {
                    sum = TOps.Add(sum, TOps.Load(ref shares[block][k]));
                }
                vectorStep.Apply(ref Unsafe.Add(ref w, k), ref Unsafe.Add(ref v, k), sum);
            }
            for (; k < end; k++)
            {
                step.Apply(weights, velocity, k, SumInBlockOrder(shares, blocks, k));
            }
        }
    }
}
