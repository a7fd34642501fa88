using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Topology;

/// <summary>
/// One rewiring step of Sparse Evolutionary Training on a layer: remove the fraction ζ of the links closest to zero
/// (the smallest positive weights and the largest negative ones, ζ of each sign), then add as many links at random
/// empty positions, so the link count is preserved exactly.
/// </summary>
/// <remarks>
/// This decides which links go and where new ones come; <see cref="SparseLayer.ReplaceLinks"/> moves them, in place. The
/// result does not depend on the number of threads.
/// </remarks>
internal static class TopologyEvolver
{
    /// <summary>Rewires <paramref name="layer"/> in place; kept links keep their weight and momentum, new links start with momentum 0.</summary>
    /// <param name="layer">The layer to rewire.</param>
    /// <param name="velocity">The layer's momentum, moved with its links.</param>
    /// <param name="fraction">ζ, the fraction of each sign's links replaced.</param>
    /// <param name="random">The rewiring's random stream.</param>
    /// <param name="threads">Threads to use; the result does not depend on them.</param>
    /// <param name="newLinkScale">
    /// A new link's weight is uniform in ±(this × the layer's initial weight limit): 1 is the initial distribution, 0 zero.
    /// </param>
    /// <returns>The number of links replaced.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in [0, 1], or <paramref name="newLinkScale"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="velocity"/> does not belong to <paramref name="layer"/>.</exception>
    public static int Rewire(SparseLayer layer, LayerVelocity velocity, double fraction, ref SeededRandom random, int threads,
        double newLinkScale = TrainingDefaults.NewLinkWeightScale)
    {
        if (!(fraction is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The rewiring fraction must be in [0, 1].");
        }
        if (!(newLinkScale >= 0 && double.IsFinite(newLinkScale)))
        {
            throw new ArgumentOutOfRangeException(nameof(newLinkScale), newLinkScale, "The new-link weight scale must be non-negative and finite.");
        }
        if (velocity.Weights.Length != layer.LinkCount)
        {
            throw new ArgumentException(
                $"The momentum has {velocity.Weights.Length} link entries but the layer has {layer.LinkCount} links.", nameof(velocity));
        }

        var rule = RemovalRule.Find(layer.Weights, fraction, threads, out _);
        float limit = (float)(newLinkScale * RandomTopology.HeLimit((double)layer.LinkCount / layer.OutputSize));
        var growth = new UniformGrowth(layer.InputSize, layer.OutputSize, limit, random);
        int replaced = layer.ReplaceLinks(rule, growth, velocity.Weights, threads);
        random = growth.Random;
        return replaced;
    }

    /// <summary>
    /// New links spread uniformly over the empty positions, with weights uniform in ±limit. The counts per row are drawn
    /// from the rewiring's stream, then a seed from which each row draws its own, so rows can be filled in any order on
    /// any thread.
    /// </summary>
    private sealed class UniformGrowth(int inputSize, int outputSize, float limit, SeededRandom random) : ILinkGrowth
    {
        private SeededRandom _random = random;
        private long _seed;

        /// <summary>The rewiring's stream, after the counts and the rows' seed.</summary>
        public SeededRandom Random => _random;

        /// <summary>
        /// How many of the <paramref name="count"/> new links each row gets, distributed exactly as if they were drawn one
        /// by one uniformly among the empty positions without repetition: a draw lands on a uniform position, and is
        /// rejected with the probability that it hits a kept link or one of the row's new links drawn before.
        /// </summary>
        /// <remarks>
        /// Only the counts are needed, so the test takes no search: among a row's <c>inputSize</c> positions,
        /// <c>kept + grown</c> are taken, so a uniform column below the number of free positions stands for a free one.
        /// The removed links leave at least <paramref name="count"/> free positions, so the loop always ends.
        /// </remarks>
        public int[] CountPerRow(int[] kept, int count)
        {
            var grown = new int[outputSize];
            for (int placed = 0; placed < count;)
            {
                int row = _random.NextInt(outputSize);
                if (_random.NextInt(inputSize) < inputSize - kept[row] - grown[row])
                {
                    grown[row]++;
                    placed++;
                }
            }
            _seed = (long)_random.NextUInt64();
            return grown;
        }

        /// <summary>Distinct empty sources, uniformly at random, from the row's own stream; the weights drawn last link first.</summary>
        public void Draw(int row, int freeCount, Span<int> freeRanks, Span<float> weights, bool[] scratch)
        {
            var rowRandom = new SeededRandom(_seed, row);
            RandomTopology.SampleDistinct(freeCount, freeRanks, scratch, ref rowRandom);
            for (int i = weights.Length - 1; i >= 0; i--)
            {
                weights[i] = rowRandom.NextSymmetric(limit);
            }
        }
    }

    /// <summary>
    /// Which links a rewiring removes: ζ of the non-negative weights, smallest first, and ζ of the negative ones,
    /// closest to zero first; ties go to the lower link index so the choice is deterministic. A link of a sign is
    /// removed when its |w| is below that sign's threshold, or equal to it and at or before the sign's last tied link
    /// to remove.
    /// </summary>
    /// <remarks>
    /// The thresholds come from a radix select on the bits of |w| (ordered like |w| for finite floats), three passes
    /// of histograms over the weights, instead of a sort: no memory per link.
    /// </remarks>
    internal readonly struct RemovalRule : ILinkRemoval
    {
        private static readonly int[] DigitShifts = [20, 9, 0];
        private const int DigitBins = 1 << 11;
        private const int Groups = 2;

        private readonly uint _threshold0, _threshold1;
        private readonly int _lastTie0, _lastTie1;

        private RemovalRule(uint threshold0, int lastTie0, uint threshold1, int lastTie1)
        {
            (_threshold0, _lastTie0, _threshold1, _lastTie1) = (threshold0, lastTie0, threshold1, lastTie1);
        }

        /// <summary>True when the link at index <paramref name="link"/> with weight <paramref name="weight"/> is removed.</summary>
        public bool Removes(float weight, int link)
        {
            // Selects by masks and combines without short-circuits: the signs and sizes of the weights are random,
            // so any branch on them would be mispredicted half the time.
            uint key = Key(weight);
            int negative = -Group(weight);
            uint threshold = _threshold0 ^ ((_threshold0 ^ _threshold1) & (uint)negative);
            int lastTie = _lastTie0 ^ ((_lastTie0 ^ _lastTie1) & negative);
            return (key < threshold) | ((key == threshold) & (link <= lastTie));
        }

        /// <summary>The rule for <paramref name="weights"/>, and in <paramref name="count"/> how many links it removes.</summary>
        public static RemovalRule Find(float[] weights, double fraction, int threads, out int count)
        {
            int chunks = Math.Max(1, threads);
            // One histogram per chunk of links and group; the last pass's are kept to locate the tied links.
            var histograms = new int[chunks][];
            for (int c = 0; c < chunks; c++)
            {
                histograms[c] = new int[Groups * DigitBins];
            }
            var prefixes = new uint[Groups];
            var ranks = new long[Groups];
            var totals = new int[Groups * DigitBins];
            count = 0;
            for (int pass = 0; pass < DigitShifts.Length; pass++)
            {
                Histogram(weights, pass, prefixes, histograms, threads);
                Array.Clear(totals);
                foreach (var histogram in histograms)
                {
                    for (int b = 0; b < totals.Length; b++)
                    {
                        totals[b] += histogram[b];
                    }
                }
                for (int g = 0; g < Groups; g++)
                {
                    var bins = totals.AsSpan(g * DigitBins, DigitBins);
                    if (pass == 0)
                    {
                        int size = 0;
                        foreach (int n in bins)
                        {
                            size += n;
                        }
                        ranks[g] = (long)Math.Round(fraction * size, MidpointRounding.AwayFromZero);
                        count += (int)ranks[g];
                    }
                    if (ranks[g] == 0)
                    {
                        continue;
                    }
                    // The bin holding the rank-th smallest key of the group among those matching the prefix so far.
                    int bin = 0;
                    while (ranks[g] > bins[bin])
                    {
                        ranks[g] -= bins[bin++];
                    }
                    prefixes[g] = (prefixes[g] << (pass == 0 ? 0 : DigitShifts[pass - 1] - DigitShifts[pass])) | (uint)bin;
                }
            }

            var lastTies = new int[Groups];
            for (int g = 0; g < Groups; g++)
            {
                lastTies[g] = ranks[g] == 0 ? -1 : LastTie(weights, g, prefixes[g], (int)ranks[g], histograms);
            }
            // A group with nothing to remove gets threshold 0 and last tie −1: no key is below 0 or tied before link 0.
            return new RemovalRule(ranks[0] == 0 ? 0 : prefixes[0], lastTies[0], ranks[1] == 0 ? 0 : prefixes[1], lastTies[1]);
        }

        private static int Group(float weight) => weight >= 0 ? 0 : 1;

        private static uint Key(float weight) => BitConverter.SingleToUInt32Bits(MathF.Abs(weight));

        private static (int Start, int End) Chunk(int links, int chunk, int chunks) =>
            ((int)((long)links * chunk / chunks), (int)((long)links * (chunk + 1) / chunks));

        // Counts, per chunk and group, the digit of this pass of the keys whose higher digits match the group's prefix.
        private static void Histogram(float[] weights, int pass, uint[] prefixes, int[][] histograms, int threads) =>
            WorkerPool.Run(threads, histograms.Length, c =>
            {
                var (start, end) = Chunk(weights.Length, c, histograms.Length);
                CountDigits(weights.AsSpan(start, end - start), pass, prefixes[0], prefixes[1], histograms[c]);
            });

        private static void CountDigits(ReadOnlySpan<float> weights, int pass, uint prefix0, uint prefix1, int[] histogram)
        {
            Array.Clear(histogram);
            int shift = DigitShifts[pass];
            uint digitMask = (1u << ((pass == 0 ? 31 : DigitShifts[pass - 1]) - shift)) - 1;
            if (pass == 0)
            {
                foreach (float w in weights)
                {
                    histogram[Group(w) * DigitBins + (int)((Key(w) >> shift) & digitMask)]++;
                }
                return;
            }
            int prefixShift = DigitShifts[pass - 1];
            // Indexed rather than chosen by a branch on the (random) sign.
            Span<uint> prefixes = [prefix0, prefix1];
            foreach (float w in weights)
            {
                uint key = Key(w);
                int group = Group(w);
                if (key >> prefixShift == prefixes[group])
                {
                    histogram[group * DigitBins + (int)((key >> shift) & digitMask)]++;
                }
            }
        }

        // The index of the tied link (key equal to the threshold) of the group that is the rank-th in link order.
        private static int LastTie(float[] weights, int group, uint threshold, int rank, int[][] histograms)
        {
            int bin = group * DigitBins + (int)(threshold & ((1u << DigitShifts[^2]) - 1));
            if (histograms.Sum(h => h[bin]) == rank)
            {
                return int.MaxValue;
            }
            int before = 0;
            int c = 0;
            while (before + histograms[c][bin] < rank)
            {
                before += histograms[c++][bin];
            }
            var (start, end) = Chunk(weights.Length, c, histograms.Length);
            for (int k = start; k < end; k++)
            {
                if (Key(weights[k]) == threshold && Group(weights[k]) == group && ++before == rank)
                {
                    return k;
                }
            }
            throw new InvalidOperationException("The weights changed while the rewiring thresholds were being found.");
        }
    }
}
