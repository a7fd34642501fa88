namespace SparseAdaptive.Robustness;

/// <summary>The <see cref="StructureMetrics"/> of the perturbed networks of one strength of a sweep, summarised over its seeds.</summary>
/// <param name="InputReachShare">Share of the inputs that still reach some class neuron.</param>
/// <param name="HiddenOnPathShare">Share of the hidden neurons on an input-to-output path.</param>
/// <param name="MeanHiddenDegree">Mean number of links per hidden neuron.</param>
/// <param name="LinkCount">Number of links left.</param>
public sealed record StructureSummary(MetricSummary InputReachShare, MetricSummary HiddenOnPathShare, MetricSummary MeanHiddenDegree, MetricSummary LinkCount)
{
    /// <summary>Summarises the structure of the networks of several seeds (at least one).</summary>
    internal static StructureSummary Of(IReadOnlyCollection<StructureMetrics> structures) => new(
        MetricSummary.Of(structures.Select(s => s.InputReachShare).ToArray()),
        MetricSummary.Of(structures.Select(s => s.HiddenOnPathShare).ToArray()),
        MetricSummary.Of(structures.Select(s => s.MeanHiddenDegree).ToArray()),
        MetricSummary.Of(structures.Select(s => (double)s.LinkCount).ToArray()));
}
