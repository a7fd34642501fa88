namespace SparseAdaptive.Study;

/// <summary>
/// What a study should cost on this project's 2-core machine, run by run, from per-image costs measured there with
/// other jobs sharing it (docs/study.md, "Cost"): printed before the study starts, and the basis of its ETA.
/// </summary>
internal static class StudyEstimate
{
    // Seconds per training image per epoch (validation included) and per swept image for the whole robustness suite.
    private const double SparseEpochPerImage = 0.6 / 50_000;
    private const double DenseEpochPerImage = 20.0 / 50_000;
    private const double DenseEqualEpochPerImage = 0.5 / 50_000;
    private const double SparseSweepPerImage = 4.0 / 2_000;
    private const double DenseSweepPerImage = 100.0 / 2_000;
    private const double DenseEqualSweepPerImage = 3.0 / 2_000;

    // Full-preset sweeps have more levels than the quick preset's; costs scale with the number of levels.
    private const int ReferenceLevels = 10 + 11 + 6 + 6;

    /// <summary>Expected seconds of one run of <paramref name="kind"/>, dense runs at their epoch cap (the worst case).</summary>
    public static double RunSeconds(NetworkKind kind, StudyOptions options)
    {
        double images = (options.TrainCount ?? 60_000) * (1 - StudyData.ValidationFraction);
        double swept = Math.Min(options.SweepCount ?? 10_000, options.TestCount ?? 10_000);
        double levels = (double)(options.RemovalFractions.Count + options.ShuffleFractions.Count + 2 * options.Epsilons.Count) / ReferenceLevels
            * options.SweepSeeds / 2.0 * options.PgdIterations / 7.0;
        return kind switch
        {
            NetworkKind.Dense => options.DenseEpochs * images * DenseEpochPerImage + swept * levels * DenseSweepPerImage,
            NetworkKind.DenseEqualLinks => options.DenseEpochs * images * DenseEqualEpochPerImage + swept * levels * DenseEqualSweepPerImage,
            _ => options.Epochs * images * SparseEpochPerImage + swept * levels * SparseSweepPerImage,
        };
    }

    /// <summary>Expected seconds of the whole study.</summary>
    public static double TotalSeconds(StudyOptions options) =>
        options.DataSets.Count * options.Seeds * options.Kinds.Sum(kind => RunSeconds(kind, options));
}
