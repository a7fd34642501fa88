namespace SparseAdaptive.Network;

/// <summary>Which links <see cref="SparseLayer.ReplaceLinks"/> removes, decided from a link's weight and index alone.</summary>
internal interface ILinkRemoval
{
    /// <summary>True when link <paramref name="link"/>, of weight <paramref name="weight"/>, is removed.</summary>
    bool Removes(float weight, int link);
}

/// <summary>How many new links <see cref="SparseLayer.ReplaceLinks"/> gives each row, where, and with what weights.</summary>
internal interface ILinkGrowth
{
    /// <summary>
    /// How many of the <paramref name="count"/> new links each row gets, given how many links each row kept; called
    /// once, before any row is filled. A row can take no more new links than it has empty sources.
    /// </summary>
    int[] CountPerRow(int[] kept, int count);

    /// <summary>
    /// The new links of row <paramref name="row"/>: their sources into <paramref name="freeRanks"/>, as increasing ranks
    /// among the row's <paramref name="freeCount"/> empty sources (rank r is the (r + 1)-th smallest empty source), and
    /// their weights into <paramref name="weights"/>, in the same order. Called for the rows in any order, on any thread;
    /// <paramref name="scratch"/> is one flag per input, all false, to be left all false.
    /// </summary>
    void Draw(int row, int freeCount, Span<int> freeRanks, Span<float> weights, bool[] scratch);
}

// The ways a layer's links and weights change after it is built. Each keeps the invariants (rows in target order,
// sources strictly increasing within a row and in range, finite weights) and moves TopologyVersion on when links move,
// so no caller handles the arrays or the version.
public sealed partial class SparseLayer
{
    /// <summary>
    /// Permutes the weights of <paramref name="links"/> among themselves, uniformly at random (a shuffle of their weights
    /// taken in the order listed): the topology, the biases and the multiset of weights are unchanged.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A link index is outside the layer.</exception>
    internal void PermuteWeights(ReadOnlySpan<int> links, ref SeededRandom random)
    {
        var weights = new float[links.Length];
        for (int i = 0; i < links.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)links[i], (uint)LinkCount, nameof(links));
            weights[i] = Weights[links[i]];
        }
        random.Shuffle(weights.AsSpan());
        for (int i = 0; i < links.Length; i++)
        {
            Weights[links[i]] = weights[i];
        }
    }

    /// <summary>
    /// Removes the links flagged in <paramref name="removed"/> (one flag per link), keeping the order of the survivors and
    /// multiplying their weights by <paramref name="survivorScale"/>.
    /// </summary>
    /// <exception cref="ArgumentException">There is not one flag per link, or the scale is not finite.</exception>
    internal void RemoveLinks(ReadOnlySpan<bool> removed, float survivorScale = 1f)
    {
        if (removed.Length != LinkCount)
        {
            throw new ArgumentException($"Expected one flag per link ({LinkCount}) but got {removed.Length}.", nameof(removed));
        }
        if (!float.IsFinite(survivorScale))
        {
            throw new ArgumentException("The survivors' weight scale must be finite.", nameof(survivorScale));
        }
        int kept = removed.Count(false);
        var rowOffsets = new int[OutputSize + 1];
        var sources = new int[kept];
        var weights = new float[kept];
        int next = 0;
        for (int row = 0; row < OutputSize; row++)
        {
            for (int k = RowOffsets[row]; k < RowOffsets[row + 1]; k++)
            {
                if (!removed[k])
                {
                    sources[next] = SourceAt(k);
                    weights[next] = Weights[k] * survivorScale;
                    next++;
                }
            }
            rowOffsets[row + 1] = next;
        }
        SetTopology(rowOffsets, sources, weights);
    }

    /// <summary>
    /// Removes neurons: every link into an output flagged in <paramref name="removedOutputs"/> (whose bias becomes zero)
    /// and every link from an input flagged in <paramref name="removedInputs"/>; null removes none on that side.
    /// </summary>
    /// <exception cref="ArgumentException">A set of flags does not have one flag per neuron of its side.</exception>
    internal void RemoveNeurons(bool[]? removedOutputs, bool[]? removedInputs)
    {
        if (removedOutputs is not null && removedOutputs.Length != OutputSize)
        {
            throw new ArgumentException($"Expected one flag per output neuron ({OutputSize}) but got {removedOutputs.Length}.", nameof(removedOutputs));
        }
        if (removedInputs is not null && removedInputs.Length != InputSize)
        {
            throw new ArgumentException($"Expected one flag per input neuron ({InputSize}) but got {removedInputs.Length}.", nameof(removedInputs));
        }
        var links = new bool[LinkCount];
        for (int row = 0; row < OutputSize; row++)
        {
            bool rowRemoved = removedOutputs?[row] == true;
            if (rowRemoved)
            {
                Biases[row] = 0f;
            }
            for (int k = RowOffsets[row]; k < RowOffsets[row + 1]; k++)
            {
                links[k] = rowRemoved || removedInputs?[SourceAt(k)] == true;
            }
        }
        RemoveLinks(links);
    }

    /// <summary>
    /// Replaces links in place, keeping their number: each row keeps, in order, the links <paramref name="removal"/> does
    /// not remove, then gains the new links <paramref name="growth"/> counts and draws, merged into their sorted place with
    /// momentum 0. Kept links keep their weight and their entry of <paramref name="momentum"/>, which moves with them.
    /// </summary>
    /// <remarks>
    /// Everything happens in the layer's and the momentum's own arrays, with extra memory of the order of the layer's
    /// rows plus columns: a layer of 10^9 links already fills most of the machine, so no array per link may be allocated.
    /// Nothing is moved before the growth's counts are known to fit. The result does not depend on <paramref name="threads"/>.
    /// </remarks>
    /// <returns>The number of links replaced.</returns>
    /// <exception cref="ArgumentException"><paramref name="momentum"/> does not have one entry per link.</exception>
    /// <exception cref="InvalidOperationException">
    /// The growth gives a row more links than it has empty sources or not as many links as were removed (the layer is
    /// then left as it was), or draws a row's sources out of order or a weight that is not finite.
    /// </exception>
    internal int ReplaceLinks<TRemoval, TGrowth>(TRemoval removal, TGrowth growth, float[] momentum, int threads)
        where TRemoval : struct, ILinkRemoval
        where TGrowth : ILinkGrowth
    {
        if (momentum.Length != LinkCount)
        {
            throw new ArgumentException($"The momentum has {momentum.Length} link entries but the layer has {LinkCount} links.", nameof(momentum));
        }
        int replaced = NarrowSources is { } narrow
            ? ReplaceLinksIn(narrow, removal, growth, momentum, threads)
            : ReplaceLinksIn(WideSources!, removal, growth, momentum, threads);
        TopologyVersion++;
        return replaced;
    }

    private int ReplaceLinksIn<TIndex, TRemoval, TGrowth>(TIndex[] sources, TRemoval removal, TGrowth growth, float[] momentum, int threads)
        where TIndex : unmanaged
        where TRemoval : struct, ILinkRemoval
        where TGrowth : ILinkGrowth
    {
        var kept = new int[OutputSize];
        ParallelRange.Run(threads, RowOffsets, (first, end) => CountKept(removal, kept, first, end));
        int count = LinkCount - kept.Sum();
        int[] grown = growth.CountPerRow(kept, count);
        long total = 0;
        for (int row = 0; row < OutputSize; row++)
        {
            if (grown[row] < 0 || grown[row] > InputSize - kept[row])
            {
                throw new InvalidOperationException($"Row {row} keeps {kept[row]} of {InputSize} sources and cannot take {grown[row]} new links.");
            }
            total += grown[row];
        }
        if (total != count)
        {
            throw new InvalidOperationException($"{count} links were removed but {total} new ones are counted.");
        }
        ParallelRange.Run(threads, RowOffsets, (first, end) => CompactRows(sources, momentum, removal, first, end));
        MoveRows(momentum, kept, grown);
        ParallelRange.Run(threads, RowOffsets, (first, end) => FillRows(sources, momentum, kept, grown, growth, first, end));
        return count;
    }

    private void CountKept<TRemoval>(TRemoval removal, int[] kept, int first, int end)
        where TRemoval : struct, ILinkRemoval
    {
        for (int row = first; row < end; row++)
        {
            int n = 0;
            for (int k = RowOffsets[row]; k < RowOffsets[row + 1]; k++)
            {
                n += removal.Removes(Weights[k], k) ? 0 : 1;
            }
            kept[row] = n;
        }
    }

    // Every row moves its kept links, in order, to the front of its own span.
    private void CompactRows<TIndex, TRemoval>(TIndex[] sources, float[] momentum, TRemoval removal, int first, int end)
        where TIndex : unmanaged
        where TRemoval : struct, ILinkRemoval
    {
        int[] offsets = RowOffsets;
        float[] weights = Weights;
        for (int row = first; row < end; row++)
        {
            int n = offsets[row];
            for (int k = offsets[row]; k < offsets[row + 1]; k++)
            {
                // Written whether kept or not, and overwritten by the next kept link: no branch to mispredict.
                float w = weights[k];
                sources[n] = sources[k];
                weights[n] = w;
                momentum[n] = momentum[k];
                n += removal.Removes(w, k) ? 0 : 1;
            }
        }
    }

    /// <summary>
    /// Moves each row's kept links to the start of its final span and sets the final row offsets. Rows moving towards
    /// the front go first, front to back, then rows moving towards the back, back to front: a row then only ever lands
    /// on space that rows before it (in that walk) have left or never used.
    /// </summary>
    private void MoveRows(float[] momentum, int[] kept, int[] grown)
    {
        int[] offsets = RowOffsets;
        int rows = OutputSize;
        int start = 0;
        for (int row = 0; row < rows; row++)
        {
            if (start < offsets[row])
            {
                MoveLinks(momentum, offsets[row], start, kept[row]);
            }
            start += kept[row] + grown[row];
        }
        int end = offsets[rows];
        for (int row = rows - 1; row >= 0; row--)
        {
            end -= kept[row] + grown[row];
            if (end > offsets[row])
            {
                MoveLinks(momentum, offsets[row], end, kept[row]);
            }
        }
        for (int row = 0; row < rows; row++)
        {
            offsets[row + 1] = offsets[row] + kept[row] + grown[row];
        }
    }

    private void MoveLinks(float[] momentum, int from, int to, int count)
    {
        Array.Copy(SourceArray, from, SourceArray, to, count);
        Array.Copy(Weights, from, Weights, to, count);
        Array.Copy(momentum, from, momentum, to, count);
    }

    // Each row's new links, drawn by the growth, merged into their sorted place from the back, where the row's free space is.
    private void FillRows<TIndex, TGrowth>(TIndex[] sources, float[] momentum, int[] kept, int[] grown, TGrowth growth, int first, int end)
        where TIndex : unmanaged
        where TGrowth : ILinkGrowth
    {
        int[] offsets = RowOffsets;
        float[] weights = Weights;
        int most = 0;
        for (int row = first; row < end; row++)
        {
            most = Math.Max(most, grown[row]);
        }
        if (most == 0)
        {
            return;
        }
        var picks = new int[most];
        var pickWeights = new float[most];
        var scratch = new bool[InputSize];
        for (int row = first; row < end; row++)
        {
            if (grown[row] == 0)
            {
                continue;
            }
            var rowPicks = picks.AsSpan(0, grown[row]);
            var rowWeights = pickWeights.AsSpan(0, grown[row]);
            int freeCount = InputSize - kept[row];
            growth.Draw(row, freeCount, rowPicks, rowWeights, scratch);
            for (int i = 0; i < rowPicks.Length; i++)
            {
                if (rowPicks[i] < (i == 0 ? 0 : rowPicks[i - 1] + 1) || rowPicks[i] >= freeCount || !float.IsFinite(rowWeights[i]))
                {
                    throw new InvalidOperationException(
                        $"The new links of row {row} must be increasing ranks among its {freeCount} empty sources, with finite weights.");
                }
            }

            // The kept links above each pick move up past it. The pick-th free source (from 0) is the pick plus the
            // number of kept sources below it, keep + 1.
            int start = offsets[row];
            int keep = kept[row] - 1;
            int write = offsets[row + 1] - 1;
            for (int i = rowPicks.Length - 1; i >= 0; i--, write--)
            {
                for (; keep >= 0 && LinkSources.Read(sources, start + keep) > rowPicks[i] + keep; keep--, write--)
                {
                    sources[write] = sources[start + keep];
                    weights[write] = weights[start + keep];
                    momentum[write] = momentum[start + keep];
                }
                LinkSources.Write(sources, write, rowPicks[i] + keep + 1);
                weights[write] = rowWeights[i];
                momentum[write] = 0f;
            }
        }
    }
}
