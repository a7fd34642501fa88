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

    /// <summary>Expected seconds of one run of <paramref name="kind"/>, dense runs at their epoch cap (the worst case).</summary>
    public static double RunSeconds(NetworkKind kind, StudyOptions o)
    {
        var cost = Cost(kind);
        double images = (o.TrainCount ?? 60_000) * (1 - StudyData.ValidationFraction);
        double swept = Math.Min(o.SweepCount ?? 10_000, o.TestCount ?? 10_000);
        int seeds = o.SweepSeeds;
        int removal = o.RemovalFractions.Count;
        // As in RobustnessSuite: seeded removals (random, rescaled, neurons, one per layer), ranked ones, two shuffles.
        double copies = removal * (seeds * (3 + RobustnessSuite.LayerCount(o)) + 4) + 2 * seeds * o.ShuffleFractions.Count;
        int attacked = o.Epsilons.Count(e => e > 0);
        double steps = attacked * (1 + seeds * (o.PgdIterations + 1));
        double sweeps = copies * (cost.PerCopy + swept * cost.EvaluationPerImage) + steps * swept * cost.StepPerImage;
        // Training seed 0 only; spread over the seeds.
        double check = attacked * (o.PgdIterations + o.PgdCheckIterations * o.PgdCheckRestarts) * Math.Min(swept, o.PgdCheckCount) * cost.StepPerImage / o.Seeds;
        double transfer = (o.Kinds.Count - 1) * attacked * (o.PgdIterations + 1) * Math.Min(swept, o.TransferCount) * o.Kinds.Average(k => Cost(k).StepPerImage);
        if (kind is NetworkKind.Dense or NetworkKind.DenseEqualLinks)
        {
            return o.Baseline(kind).Epochs * images * cost.EpochPerImage + sweeps + check + transfer;
        }
        double probes = Math.Ceiling((double)o.Epochs / o.ProbeInterval) * Math.Min(swept, o.ProbeCount)
            * ((1 + seeds) * cost.EvaluationPerImage + seeds * o.PgdIterations * cost.StepPerImage);
        return o.Epochs * images * cost.EpochPerImage + probes + sweeps + check + transfer;
    }

    /// <summary>Expected seconds of the whole study.</summary>
    public static double TotalSeconds(StudyOptions options) =>
        options.DataSets.Count * options.Seeds * options.Kinds.Sum(kind => RunSeconds(kind, options));
}
