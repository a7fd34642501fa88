using Microsoft.ML.SparseAdaptive.Network;

namespace Microsoft.ML.SparseAdaptive.Training;

/// <summary>
/// One rewiring step of Sparse Evolutionary Training on a layer: remove the fraction ζ of the links closest to zero
/// (the smallest positive weights and the largest negative ones, ζ of each sign), then add as many links at random
/// empty positions, so the link count is preserved exactly.
/// </summary>
internal static class TopologyEvolver
{
    /// <summary>New links start small, so a rewiring does not jolt what the network has learnt.</summary>
    private const float NewLinkScale = 0.1f;

    /// <summary>Rewires <paramref name="layer"/> in place.</summary>
    /// <returns>The number of links replaced, and for each link of the new topology the index of the old link it
    /// continues (−1 for a new link), so optimiser state can follow.</returns>
    public static (int Replaced, int[] Origin) Rewire(SparseLayer layer, double fraction, ref SeededRandom random)
    {
        bool[] removed = WeakestLinks(layer.Weights, fraction, out int replaced);
        var added = GrowLinks(layer, removed, replaced, ref random);
        float limit = NewLinkScale * RandomTopology.HeLimit((double)layer.LinkCount / layer.OutputSize);

        int[] oldOffsets = layer.RowOffsets;
        int[] oldSources = layer.Sources;
        float[] oldWeights = layer.Weights;
        var rowOffsets = new int[layer.OutputSize + 1];
        var sources = new int[layer.LinkCount];
        var weights = new float[layer.LinkCount];
        var origin = new int[layer.LinkCount];
        int n = 0;
        for (int row = 0; row < layer.OutputSize; row++)
        {
            var grown = added[row];
            grown?.Sort();
            int g = 0;
            for (int k = oldOffsets[row]; k <= oldOffsets[row + 1]; k++)
            {
                int nextKept = k < oldOffsets[row + 1] ? oldSources[k] : int.MaxValue;
                while (grown is not null && g < grown.Count && grown[g] < nextKept)
                {
                    sources[n] = grown[g++];
                    weights[n] = random.NextSymmetric(limit);
                    origin[n++] = -1;
                }
                if (k < oldOffsets[row + 1] && !removed[k])
                {
                    sources[n] = oldSources[k];
                    weights[n] = oldWeights[k];
                    origin[n++] = k;
                }
            }
            rowOffsets[row + 1] = n;
        }
        layer.SetTopology(rowOffsets, sources, weights);
        return (replaced, origin);
    }

    /// <summary>
    /// Marks the links to remove: ζ of the non-negative weights, smallest first, and ζ of the negative ones, closest to
    /// zero first; ties go to the lower link index so the choice is deterministic.
    /// </summary>
    internal static bool[] WeakestLinks(float[] weights, double fraction, out int count)
    {
        // Keys are |w|'s bits (ordered like |w| for finite floats) above the link index: one plain sort per sign.
        var positive = new List<ulong>(weights.Length);
        var negative = new List<ulong>(weights.Length);
        for (int k = 0; k < weights.Length; k++)
        {
            ulong key = ((ulong)BitConverter.SingleToUInt32Bits(MathF.Abs(weights[k])) << 32) | (uint)k;
            (weights[k] >= 0 ? positive : negative).Add(key);
        }

        var removed = new bool[weights.Length];
        count = 0;
        foreach (var group in new[] { positive, negative })
        {
            group.Sort();
            int take = (int)Math.Round(fraction * group.Count, MidpointRounding.AwayFromZero);
            for (int i = 0; i < take; i++)
            {
                removed[(int)(uint)group[i]] = true;
            }
            count += take;
        }
        return removed;
    }

    // Uniform over the empty positions by rejection: at the densities SET runs at, nearly every draw is empty.
    private static List<int>?[] GrowLinks(SparseLayer layer, bool[] removed, int count, ref SeededRandom random)
    {
        var added = new List<int>?[layer.OutputSize];
        var taken = new HashSet<long>();
        while (taken.Count < count)
        {
            int row = random.NextInt(layer.OutputSize);
            int source = random.NextInt(layer.InputSize);
            if (IsPresent(layer, removed, row, source) || !taken.Add((long)row * layer.InputSize + source))
            {
                continue;
            }
            (added[row] ??= []).Add(source);
        }
        return added;
    }

    private static bool IsPresent(SparseLayer layer, bool[] removed, int row, int source)
    {
        int first = layer.RowOffsets[row];
        int index = Array.BinarySearch(layer.Sources, first, layer.RowOffsets[row + 1] - first, source);
        return index >= 0 && !removed[index];
    }
}
