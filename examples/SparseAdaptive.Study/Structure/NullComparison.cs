using SparseAdaptive.Analysis;

namespace SparseAdaptive.Study.Structure;

/// <summary>A measure indexed by k beside its configuration-model mean, as stored (<see cref="NullModelComparison"/>).</summary>
/// <param name="Observed">The network's measure, by k.</param>
/// <param name="NullMean">Its mean over the configuration-model networks, by k.</param>
/// <param name="Ratio">Observed / null mean, by k: 1 where the degrees explain the measure.</param>
/// <param name="Samples">Configuration-model networks averaged.</param>
internal sealed record NullComparison(IReadOnlyList<double> Observed, IReadOnlyList<double> NullMean, IReadOnlyList<double> Ratio, int Samples)
{
    /// <summary>The stored form of <paramref name="comparison"/>.</summary>
    public static NullComparison Of(NullModelComparison comparison) =>
        new(comparison.Observed, comparison.NullMean, comparison.Ratio, comparison.Samples);
}
