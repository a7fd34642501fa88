namespace SparseAdaptive.Study.Findings;

/// <summary>One number per run that the report compares between kinds.</summary>
/// <param name="Name">What it is, as the report and comparisons.csv name it.</param>
/// <param name="Scale">Factor for display (100 for accuracies and areas shown in points).</param>
/// <param name="Value">The run's value, or null when the run was not measured this way.</param>
internal sealed record RunMeasure(string Name, double Scale, Func<RunResult, double?> Value)
{
    /// <summary>Clean test accuracy.</summary>
    public static readonly RunMeasure CleanAccuracy = new("clean accuracy", 100, r => r.CleanAccuracy);

    /// <summary>The area under the accuracy curve of <paramref name="perturbation"/> (<see cref="CurveArea"/>).</summary>
    public static RunMeasure Area(string perturbation) => new($"area: {perturbation}", 100,
        r => r.Robustness.Any(s => s.Name == perturbation) ? CurveArea.Of(StudyResults.Curve(r, perturbation)) : null);

    /// <summary>
    /// The share of the network's links gone at the functional critical fraction of the neuron removal
    /// <paramref name="perturbation"/> (<see cref="LinkDamage"/>): how much damage, counted in links, the ranking needs to
    /// halve the accuracy; null when the run's curve never halves.
    /// </summary>
    public static RunMeasure DamageAtCriticalFraction(string perturbation) => new($"links removed at functional f_c: {perturbation}", 100,
        r => LinkDamage.AtCriticalFraction(r, perturbation));

    /// <summary>The attack-sensitivity measures: median logit margin and mean input-gradient L1 norm.</summary>
    public static readonly RunMeasure[] Sensitivity =
    [
        new("median logit margin", 1, r => r.Measurement?.Sensitivity.MarginPercentiles[49]),
        new("mean input-gradient L1 norm", 1, r => r.Measurement?.Sensitivity.MeanGradient),
    ];
}
