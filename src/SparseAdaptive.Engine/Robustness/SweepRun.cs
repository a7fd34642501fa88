using SparseAdaptive.Training;
namespace SparseAdaptive.Robustness;

/// <summary>One evaluation of a sweep: the network scored under one perturbation strength with one seed.</summary>
/// <param name="Strength">The perturbation strength (fraction of links, ε or σ).</param>
/// <param name="Seed">The seed of the perturbation's random choices.</param>
/// <param name="Score">Accuracy and log-loss under that perturbation.</param>
public sealed record SweepRun(double Strength, int Seed, ClassificationScore Score)
{
    /// <summary>The structure of the network that was scored (the perturbed one for a weight perturbation); null when not measured.</summary>
    public StructureMetrics? Structure { get; init; }
}
