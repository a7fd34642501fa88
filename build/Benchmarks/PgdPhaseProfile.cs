using System.Diagnostics;
using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.Training;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// Where the engine's PGD spends its time (issue 21): one batch of the attack's size, the phases of a PGD step timed
/// apart (forward, loss, each layer's backward pass, the signed step with its projection), each against a clean
/// forward pass of the same batch, the unit PGD's cost is counted in.
/// </summary>
internal static class PgdPhaseProfile
{
    private const float Epsilon = 0.1f;
    private const int Repeats = 200;

    public static void Run(ResultTable table, SparseNetwork network, LabeledSamples test, int threads)
    {
        int capacity = Math.Min(InputPerturbation.BatchSize, test.Count);
        var batch = new AttackBatch(network, capacity, threads);
        var rows = Enumerable.Range(0, capacity).ToArray();
        batch.Load(test.Features, rows, test.Labels, seed: 1, predictClasses: true);
        var attack = new PgdAttack(Epsilon, iterations: 1, randomStart: false);

        table.Section($"PGD's phases on one batch of {capacity} MNIST test images ({threads} thread(s); median of {Repeats} calls each)");
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

    private delegate void Call();

    private static double Median(Call call)
    {
        // Enough calls for the JIT's optimised tier, which a few calls do not reach.
        for (int i = 0; i < Repeats; i++)
        {
            call();
        }
        var seconds = new double[Repeats];
        for (int i = 0; i < Repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return Timing.Median(seconds);
    }
}
