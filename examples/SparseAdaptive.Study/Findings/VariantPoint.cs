using SparseAdaptive.Training;

namespace SparseAdaptive.Study.Findings;

/// <summary>
/// One point of the sparsity and ζ sweeps: its setting, the adaptive runs and the static runs they pair with, on the
/// sweep's training seeds only, so that every point (the main runs' included) stands on the same seeds.
/// </summary>
/// <param name="Variant">The sweep point, or null for the main runs (the main sparsity and ζ).</param>
/// <param name="Sparsity">The hidden layers' sparsity at this point.</param>
/// <param name="Zeta">The fraction rewired per epoch at this point.</param>
/// <param name="Adaptive">The adaptive runs.</param>
/// <param name="Static">The static runs: at another sparsity, those trained at it; at another ζ, new-link scale or ζ schedule, the main ones (none exists without rewiring).</param>
internal sealed record VariantPoint(TrainingVariant? Variant, double Sparsity, double Zeta, IReadOnlyList<RunResult> Adaptive, IReadOnlyList<RunResult> Static)
{
    /// <summary>The main runs' point, then every sweep point of <paramref name="dataSet"/> by parameter and value.</summary>
    public static IReadOnlyList<VariantPoint> Of(StudyResults results, DataSetName dataSet)
    {
        var seeds = Enumerable.Range(0, results.Options.VariantSeeds).ToHashSet();
        IReadOnlyList<RunResult> OnSeeds(IEnumerable<RunResult> runs) => runs.Where(r => seeds.Contains(r.Seed)).ToArray();
        double sparsity = results.Options.Sparsity, zeta = new TrainingSettings().RewireFraction;
        var main = new VariantPoint(null, sparsity, zeta, OnSeeds(results.RunsOf(dataSet, NetworkKind.Adaptive)), OnSeeds(results.RunsOf(dataSet, NetworkKind.Static)));
        var variants = results.VariantRuns.Where(r => r.DataSet == dataSet).Select(r => r.Variant!).Distinct()
            .OrderBy(v => v.Parameter).ThenBy(v => v.Value)
            .Select(v => v.Parameter switch
            {
                VariantParameter.Sparsity => new VariantPoint(v, v.Value, zeta, results.VariantRunsOf(dataSet, NetworkKind.Adaptive, v), results.VariantRunsOf(dataSet, NetworkKind.Static, v)),
                VariantParameter.RewireFraction => new VariantPoint(v, sparsity, v.Value, results.VariantRunsOf(dataSet, NetworkKind.Adaptive, v), main.Static),
                _ => new VariantPoint(v, sparsity, zeta, results.VariantRunsOf(dataSet, NetworkKind.Adaptive, v), main.Static),
            });
        return [main, .. variants];
    }

    /// <summary>True for the points of a sweep whose adaptive − static differences the report's family tests: the main
    /// runs and the sparsity and ζ points. The new-link-scale and ζ-schedule points are an ablation of the dead neurons,
    /// described only.</summary>
    public bool IsTested => Variant is null or { Parameter: VariantParameter.Sparsity or VariantParameter.RewireFraction };

    /// <summary>The points along <paramref name="parameter"/>, sparsity or ζ (the main point among them), in increasing value.</summary>
    /// <exception cref="ArgumentException"><paramref name="parameter"/> is an ablation's, which has no axis.</exception>
    public static IReadOnlyList<(double Value, VariantPoint Point)> Along(IReadOnlyList<VariantPoint> points, VariantParameter parameter) =>
        parameter is VariantParameter.Sparsity or VariantParameter.RewireFraction
            ? points.Where(p => p.Variant is null || p.Variant.Parameter == parameter)
                .Select(p => (parameter == VariantParameter.Sparsity ? p.Sparsity : p.Zeta, p)).OrderBy(p => p.Item1).ToArray()
            : throw new ArgumentException($"{parameter} is an ablation's setting, not a sweep's axis.", nameof(parameter));
}
