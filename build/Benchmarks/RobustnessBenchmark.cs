using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.Training;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// The robustness figures of issue 3: an attack over the whole MNIST test set, and a link-removal sweep of 10 levels ×
/// 5 seeds, against clean batched scoring of the same images as the baseline.
/// </summary>
internal static class RobustnessBenchmark
{
    public static void Run(ResultTable table, SparseNetwork network, LabeledSamples test, int threads)
    {
        table.Section($"Robustness on the MNIST test set ({test.Count} images, 99% sparse reference network, {threads} thread(s))");
        double clean = Timing.MedianSecondsPerCall(() => ClassificationScore.Measure(network, test, threads), repeats: 5, warmups: 1);
        table.Add("FGSM (ε = 0.1) over the test set", Timing.MedianSecondsPerCall(() => new FgsmAttack(0.1f).Apply(network, test, seed: 1, threads), repeats: 5, warmups: 1),
            "s", "clean scoring of the test set", clean, note: "target well under 2 s");
        table.Add("PGD (ε = 0.1, 10 steps) over the test set", Timing.MedianSecondsPerCall(() => new PgdAttack(0.1f).Apply(network, test, seed: 1, threads), repeats: 3, warmups: 1),
            "s", "clean scoring of the test set", clean);
        var removal = RobustnessSweep.LinkRemoval(Enumerable.Range(0, 10).Select(i => i / 10.0), seeds: [1, 2, 3, 4, 5]);
        table.Add("Link-removal sweep, 10 levels × 5 seeds", Timing.Seconds(() => removal.Run(network, test, threads)),
            "s", "clean scoring of the test set", clean, note: "target under 30 s");
    }
}
