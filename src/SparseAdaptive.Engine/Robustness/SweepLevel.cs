namespace SparseAdaptive.Robustness;

/// <summary>The metrics of one strength of a sweep, summarised over its seeds.</summary>
/// <param name="Strength">The perturbation strength (fraction of links, ε or σ).</param>
/// <param name="SeedCount">Number of seeds evaluated.</param>
/// <param name="MicroAccuracy">Fraction of samples classified correctly.</param>
/// <param name="MacroAccuracy">Mean per-class accuracy.</param>
/// <param name="LogLoss">Mean cross-entropy.</param>
public sealed record SweepLevel(double Strength, int SeedCount, MetricSummary MicroAccuracy, MetricSummary MacroAccuracy, MetricSummary LogLoss)
{
    /// <summary>The structure of the scored networks (see <see cref="SweepRun.Structure"/>) over the seeds; null when not measured.</summary>
    public StructureSummary? Structure { get; init; }
}
