namespace SparseAdaptive.Study;

/// <summary>
/// What a study should cost on this project's 2-core machine, run by run, from costs measured there (AVX-512, quiet,
/// docs/study.md "Cost"): printed before the study starts, and the basis of its ETA.
/// </summary>
internal static class StudyEstimate
{
    /// <summary>Seconds one kind spends per training image per epoch (validation included), per evaluated image, per image and PGD step, and per perturbed copy of the network.</summary>
    private readonly record struct KindCost(double EpochPerImage, double EvaluationPerImage, double StepPerImage, double PerCopy);

    private static KindCost Cost(NetworkKind kind) => kind switch
    {
        NetworkKind.Dense => new(7.5 / 50_000, 7e-5, 6e-5, 0.1),
        NetworkKind.DenseEqualLinks => new(0.3 / 50_000, 5e-6, 1e-5, 0.005),
        _ => new(0.5 / 50_000, 5e-6, 1e-5, 0.005),
    };

    /// <summary>
    /// Expected seconds of one training cell of <paramref name="kind"/> (training, probes, sweeps, and for seed 0 the
    /// PGD strength check), dense runs at their epoch cap (the worst case).
    /// </summary>
    public static double TrainingSeconds(NetworkKind kind, int seed, StudyOptions o)
    {
        var cost = Cost(kind);
        double images = (o.TrainCount ?? 60_000) * (1 - StudyData.ValidationFraction);
        double swept = Swept(o);
        int seeds = o.SweepSeeds;
        int removal = o.RemovalFractions.Count;
        // As in RobustnessSuite: seeded removals (random, rescaled, neurons, one per layer), ranked ones, two shuffles.
        double copies = removal * (seeds * (3 + RobustnessSuite.LayerCount(o)) + 4) + 2 * seeds * o.ShuffleFractions.Count;
        int attacked = Attacked(o);
        double steps = attacked * (1 + seeds * (o.PgdIterations + 1));
        double sweeps = copies * (cost.PerCopy + swept * cost.EvaluationPerImage) + steps * swept * cost.StepPerImage;
        double check = seed == 0 ? attacked * (o.PgdIterations + o.PgdCheckIterations * o.PgdCheckRestarts) * Math.Min(swept, o.PgdCheckCount) * cost.StepPerImage : 0;
        if (kind is NetworkKind.Dense or NetworkKind.DenseEqualLinks)
        {
            return o.Baseline(kind).Epochs * images * cost.EpochPerImage + sweeps + check;
        }
        double probes = Math.Ceiling((double)o.Epochs / o.ProbeInterval) * Math.Min(swept, o.ProbeCount)
            * ((1 + seeds) * cost.EvaluationPerImage + seeds * o.PgdIterations * cost.StepPerImage);
        return o.Epochs * images * cost.EpochPerImage + probes + sweeps + check;
    }

    /// <summary>Expected seconds of one transfer cell among <paramref name="networks"/> networks: each crafts examples that every other one scores.</summary>
    public static double TransferSeconds(int networks, StudyOptions o) =>
        networks * (networks - 1) * Attacked(o) * (o.PgdIterations + 1) * Math.Min(Swept(o), o.TransferCount) * o.Kinds.Average(k => Cost(k).StepPerImage);

    private static double Swept(StudyOptions o) => Math.Min(o.SweepCount ?? 10_000, o.TestCount ?? 10_000);

    private static int Attacked(StudyOptions o) => o.Epsilons.Count(e => e > 0);
}
