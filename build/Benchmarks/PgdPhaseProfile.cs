using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.Training;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// Where the engine's PGD spends its time (issue 21): on one batch of the attack's size, a clean forward pass (the unit
/// PGD's cost is counted in), the input gradient (forward, loss, backward to the inputs), one PGD step (that gradient
/// and the signed step with its projection) and a whole 10-step PGD, each against the forward pass.
/// </summary>
internal static class PgdPhaseProfile
{
    private const float Epsilon = 0.1f;
    // Enough calls for the JIT's optimised tier, which a few calls do not reach.
    private const int Warmups = 200;

    public static void Run(ResultTable table, SparseNetwork network, LabeledSamples test, int threads)
    {
        int capacity = Math.Min(InputPerturbation.BatchSize, test.Count);
        var batch = new AttackBatch(network, capacity, threads);
        var rows = Enumerable.Range(0, capacity).ToArray();
        batch.Load(test.Features, rows, test.Labels, seed: 1, predictClasses: true);
        var attack = new PgdAttack(Epsilon, iterations: 1, randomStart: false);

        table.Section($"PGD's phases on one batch of {capacity} MNIST test images ({threads} thread(s); each the median of 7 samples of ≥ 0.2 s, after {Warmups} warm-up calls)");
        var margins = new float[capacity];
        double forward = Median(() => batch.AttackMargins(margins));
        table.Add("Clean forward pass of the batch (and margins)", forward * 1e3, "ms");
        table.Add("Input gradient: forward, loss and backward to the inputs", Median(batch.ComputeInputGradient) * 1e3, "ms",
            "clean forward pass", forward * 1e3);
        table.Add("One PGD step (input gradient, then the signed step, projection and clipping)", Median(() => attack.PerturbBatch(batch)) * 1e3, "ms",
            "clean forward pass", forward * 1e3);
        var pgd = new PgdAttack(Epsilon);
        table.Add("PGD (ε 0.1, random start, 10 steps) of the batch", Median(() => pgd.PerturbBatch(batch)) * 1e3, "ms",
            "clean forward pass", forward * 1e3);
    }

    private static double Median(Action call) => Timing.MedianSecondsPerCall(call, warmups: Warmups);
}
