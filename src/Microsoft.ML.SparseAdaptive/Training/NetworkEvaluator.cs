using Microsoft.ML.SparseAdaptive.Network;

namespace Microsoft.ML.SparseAdaptive.Training;

/// <summary>Scores samples in mini-batches with the training kernels (no dropout).</summary>
internal static class NetworkEvaluator
{
    private const int BatchSize = 256;

    /// <summary>Fraction of <paramref name="samples"/> whose most probable class is their label.</summary>
    public static double Accuracy(SparseNetwork network, LabeledSamples samples, int threads)
    {
        var propagator = new BatchPropagator(network, Math.Min(BatchSize, samples.Count), threads);
        var rows = new int[propagator.Capacity];
        long correct = 0;
        for (int start = 0; start < samples.Count; start += rows.Length)
        {
            int count = Math.Min(rows.Length, samples.Count - start);
            for (int b = 0; b < count; b++)
            {
                rows[b] = start + b;
            }
            propagator.Load(samples.Features, rows.AsSpan(0, count));
            propagator.Forward();
            for (int b = 0; b < count; b++)
            {
                correct += propagator.PredictedClass(b) == samples.Labels[start + b] ? 1 : 0;
            }
        }
        return (double)correct / samples.Count;
    }
}
