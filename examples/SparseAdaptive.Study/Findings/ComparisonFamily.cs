using SparseAdaptive.Study.Statistics;

namespace SparseAdaptive.Study.Findings;

/// <summary>
/// Every difference the report tests, as one family corrected by Holm–Bonferroni: for each data set, each
/// <see cref="Contrast"/> of kinds that ran, on clean accuracy, on the area of every robustness curve both kinds have, on
/// the attack-sensitivity measures and on the links removed at the critical fraction of <see cref="DamagePerturbations"/>;
/// and for each point of the sparsity and ζ sweeps, adaptive − static on the <see cref="Headline"/> measures. Differences are paired by training seed; a difference with fewer than
/// <see cref="MinimumPairs"/> pairs, or the same on every pair, is not tested. A sentence of the report calls a difference
/// a difference only where this family's correction rejects "no difference".
/// </summary>
internal sealed class ComparisonFamily
{
    /// <summary>The family-wise error rate.</summary>
    public const double Alpha = 0.05;

    /// <summary>The perturbations whose curve areas the parameter sweeps compare, with clean accuracy.</summary>
    public static readonly string[] HeadlinePerturbations = ["link removal, survivors rescaled", "neuron removal, hubs by degree first", "PGD"];

    /// <summary>The neuron removals whose damage at the functional critical fraction (<see cref="RunMeasure.DamageAtCriticalFraction"/>) is compared.</summary>
    public static readonly string[] DamagePerturbations = ["neuron removal, random", "neuron removal, hubs by degree first"];

    private readonly Comparison[] _comparisons;

    /// <summary>Tests every difference of <paramref name="results"/> and corrects the family.</summary>
    public ComparisonFamily(StudyResults results)
    {
        var tests = new List<(DataSetName DataSet, TrainingVariant? Variant, RunMeasure Measure, Contrast Contrast, ConfidenceInterval Difference)>();
        foreach (var dataSet in results.Options.DataSets)
        {
            RunMeasure[] measures = [RunMeasure.CleanAccuracy, .. results.Perturbations(dataSet).Select(RunMeasure.Area), .. RunMeasure.Sensitivity,
                .. DamagePerturbations.Where(results.Perturbations(dataSet).Contains).Select(RunMeasure.DamageAtCriticalFraction)];
            foreach (var contrast in Contrast.All.Where(c => results.Options.Kinds.Contains(c.First) && results.Options.Kinds.Contains(c.Second)))
            {
                foreach (var measure in measures)
                {
                    if (Paired(results.RunsOf(dataSet, contrast.First), results.RunsOf(dataSet, contrast.Second), measure) is { } difference)
                    {
                        tests.Add((dataSet, null, measure, contrast, difference));
                    }
                }
            }
            foreach (var point in VariantPoint.Of(results, dataSet).Where(p => p.Variant is not null && p.IsTested))
            {
                foreach (var measure in Headline)
                {
                    if (Paired(point.Adaptive, point.Static, measure) is { } difference)
                    {
                        tests.Add((dataSet, point.Variant, measure, Contrast.AdaptiveStatic, difference));
                    }
                }
            }
        }
        var decisions = HolmBonferroni.Correct(tests.Select(t => t.Difference.PValue).ToArray(), Alpha);
        _comparisons = tests.Select((t, i) => new Comparison(t.DataSet, t.Variant, t.Measure, t.Contrast, t.Difference, decisions[i])).ToArray();
    }

    /// <summary>Clean accuracy and the areas of <see cref="HeadlinePerturbations"/>.</summary>
    public static IEnumerable<RunMeasure> Headline => HeadlinePerturbations.Select(RunMeasure.Area).Prepend(RunMeasure.CleanAccuracy);

    /// <summary>Every test, in the order they were made.</summary>
    public IReadOnlyList<Comparison> All => _comparisons;

    /// <summary>The test of <paramref name="measure"/> for <paramref name="contrast"/> on <paramref name="dataSet"/> (main runs, or a sweep point), or null when it was not made.</summary>
    public Comparison? Find(DataSetName dataSet, string measure, Contrast contrast, TrainingVariant? variant = null) =>
        _comparisons.FirstOrDefault(c => c.DataSet == dataSet && c.Measure.Name == measure && c.Contrast == contrast && c.Variant == variant);

    /// <summary>The fewest seed pairs a test is made on.</summary>
    public const int MinimumPairs = 3;

    // Seeds both kinds have, where both were measured this way. No test with fewer than MinimumPairs pairs or without
    // spread: a t test needs its variance estimated, and two equal differences of a coarse accuracy would give p = 0.
    private static ConfidenceInterval? Paired(IReadOnlyList<RunResult> first, IReadOnlyList<RunResult> second, RunMeasure measure)
    {
        var seconds = Values(second).ToDictionary(v => v.Seed, v => v.Value);
        var differences = Values(first).Where(v => seconds.ContainsKey(v.Seed)).Select(v => v.Value - seconds[v.Seed]).ToArray();
        if (differences.Length < MinimumPairs || differences.All(d => d == differences[0]) || differences.Any(d => !double.IsFinite(d)))
        {
            return null;
        }
        return ConfidenceInterval.Of(differences);

        // Each run's value computed once (a curve area reads the whole sweep).
        IEnumerable<(int Seed, double Value)> Values(IEnumerable<RunResult> runs) =>
            runs.Select(r => (r.Seed, Value: measure.Value(r))).Where(v => v.Value is not null).Select(v => (v.Seed, v.Value!.Value));
    }
}
