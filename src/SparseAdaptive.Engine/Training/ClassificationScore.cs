using SparseAdaptive.Network;

namespace SparseAdaptive.Training;

/// <summary>Accuracy (micro and macro) and log-loss of a network on samples, computed in batches.</summary>
/// <param name="MicroAccuracy">Fraction of the samples classified correctly.</param>
/// <param name="MacroAccuracy">Mean over the classes present in the labels of the fraction of that class classified correctly.</param>
/// <param name="LogLoss">Mean of −ln p(label), each term capped at −ln 10⁻¹⁵ like ML.NET's evaluator.</param>
public readonly record struct ClassificationScore(double MicroAccuracy, double MacroAccuracy, double LogLoss)
{
    private const int BatchSize = 256;
    private const double ProbabilityFloor = 1e-15;

    /// <summary>Scores <paramref name="network"/> on <paramref name="samples"/>.</summary>
    /// <param name="network">The network; its inputs and classes must match the samples'.</param>
    /// <param name="samples">The samples.</param>
    /// <param name="threads">Threads to use, 0 for all cores; the score does not depend on them.</param>
    /// <exception cref="ArgumentException">The samples do not have the network's inputs and classes, or <paramref name="threads"/> is negative.</exception>
    public static ClassificationScore Of(SparseNetwork network, LabeledSamples samples, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (samples.FeatureCount != network.InputSize || samples.ClassCount != network.ClassCount)
        {
            throw new ArgumentException(
                $"The samples have {samples.FeatureCount} features and {samples.ClassCount} classes; the network takes {network.InputSize} and gives {network.ClassCount}.",
                nameof(samples));
        }
        return Measure(network, samples, threads == 0 ? Environment.ProcessorCount : threads);
    }

    /// <summary>Scores <paramref name="network"/> on <paramref name="samples"/>.</summary>
    internal static ClassificationScore Measure(SparseNetwork network, LabeledSamples samples, int threads) =>
        Measure(network, samples.Features, samples.Labels, threads);

    /// <summary>Scores <paramref name="network"/> on row-major <paramref name="features"/> against <paramref name="labels"/>.</summary>
    internal static ClassificationScore Measure(SparseNetwork network, float[] features, int[] labels, int threads)
    {
        var propagator = new BatchPropagator(network, Math.Min(BatchSize, labels.Length), threads, BatchGradients.None);
        var rows = new int[propagator.Capacity];
        var probabilities = new float[network.ClassCount];
        var perClass = new int[network.ClassCount];
        var correctPerClass = new int[network.ClassCount];
        double lossSum = 0;
        for (int start = 0; start < labels.Length; start += rows.Length)
        {
            int count = Math.Min(rows.Length, labels.Length - start);
            for (int b = 0; b < count; b++)
            {
                rows[b] = start + b;
            }
            propagator.Load(features, rows.AsMemory(0, count));
            propagator.Forward();
            for (int b = 0; b < count; b++)
            {
                int predicted = propagator.Probabilities(b, probabilities);
                int label = labels[start + b];
                perClass[label]++;
                correctPerClass[label] += predicted == label ? 1 : 0;
                lossSum -= Math.Log(Math.Max(probabilities[label], ProbabilityFloor));
            }
        }
        int present = perClass.Count(n => n > 0);
        double macro = Enumerable.Range(0, perClass.Length).Where(c => perClass[c] > 0).Sum(c => (double)correctPerClass[c] / perClass[c]) / present;
        return new ClassificationScore((double)correctPerClass.Sum() / labels.Length, macro, lossSum / labels.Length);
    }
}
