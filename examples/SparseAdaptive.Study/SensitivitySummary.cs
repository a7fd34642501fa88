using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>
/// How far each clean test image is from a wrong answer and how fast an attack moves it there
/// (<see cref="AttackSensitivity"/>): the distribution over images of the logit margin and of the L1 norm of the loss's
/// input gradient, as percentiles 1 to 99.
/// </summary>
/// <param name="Count">Images measured.</param>
/// <param name="MarginPercentiles">Logit margin (true-class logit − largest other), percentiles 1, 2, …, 99.</param>
/// <param name="GradientPercentiles">‖∇ₓ loss‖₁ (nats per unit of pixel value on [0, 1]), percentiles 1, 2, …, 99.</param>
/// <param name="MeanMargin">Mean logit margin.</param>
/// <param name="MeanGradient">Mean ‖∇ₓ loss‖₁.</param>
internal sealed record SensitivitySummary(int Count, IReadOnlyList<double> MarginPercentiles, IReadOnlyList<double> GradientPercentiles,
    double MeanMargin, double MeanGradient)
{
    /// <summary>Measures <paramref name="network"/> on <paramref name="samples"/>.</summary>
    public static SensitivitySummary Of(SparseNetwork network, LabeledSamples samples, int threads)
    {
        var sensitivity = AttackSensitivity.Of(network, samples, threads);
        var margins = sensitivity.LogitMargins.ToArray();
        var gradients = sensitivity.InputGradientL1Norms.ToArray();
        return new SensitivitySummary(margins.Length, Percentiles(margins), Percentiles(gradients), margins.Average(), gradients.Average());
    }

    private static double[] Percentiles(double[] values)
    {
        var sorted = values.Order().ToArray();
        return Enumerable.Range(1, 99).Select(p => Percentile(sorted, p / 100.0)).ToArray();
    }

    // Linear interpolation between the closest ranks.
    private static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
