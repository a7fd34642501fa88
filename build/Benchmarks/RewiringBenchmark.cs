using SparseAdaptive.Network;
using SparseAdaptive.Topology;

namespace SparseAdaptive.Benchmarks;

/// <summary>Time of one SET rewiring step (ζ = 0.3) of a single layer, momentum moved along, one thread, as in the trainer on one thread.</summary>
internal static class RewiringBenchmark
{
    private const double Fraction = 0.3;

    public static void Run(ResultTable table, IEnumerable<(int Size, double Sparsity)> shapes)
    {
        table.Section($"Rewiring step, one layer, ζ = {Fraction} (remove the weakest, regrow at random, in place with the momentum)");
        foreach (var (size, sparsity) in shapes)
        {
            var random = new SeededRandom(11);
            var layer = RandomTopology.CreateLayer(size, size, RandomTopology.LinkCount(size, size, 1 - sparsity), ref random);
            var velocity = new LayerVelocity(layer);
            bool large = layer.LinkCount > 2_000_000;
            double seconds = Timing.MedianSecondsPerCall(() => TopologyEvolver.Rewire(layer, velocity, Fraction, ref random, threads: 1),
                repeats: large ? 3 : 7, minSampleSeconds: large ? 0 : 0.2, warmups: large ? 1 : 3);
            table.Add($"Rewire {size}×{size} at {sparsity:P1} sparsity ({layer.LinkCount:N0} links)", seconds * 1e3, "ms",
                note: $"{seconds * 1e9 / layer.LinkCount:F0} ns per link");
        }
    }
}
