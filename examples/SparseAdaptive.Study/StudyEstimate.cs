using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>
/// What a study should cost on this project's 2-core machine, cell by cell, from costs measured there (two threads,
/// quiet, docs/study.md "Cost"): printed before the study starts, the basis of its ETA and of balanced shards.
/// </summary>
internal static class StudyEstimate
{
    /// <summary>Seconds one kind spends per training image per epoch (validation included), per evaluated image, per image and PGD step, and per perturbed copy of the network.</summary>
    private readonly record struct KindCost(double EpochPerImage, double EvaluationPerImage, double StepPerImage, double PerCopy);

    // Fitted to cells of the full preset run alone on two threads (AMD EPYC, AVX-512, session 11: a sparse training
    // 22.7 s, its measurement 15.9 s; dense 94.5 s and 93.9 s; dense-equal 15.1 s and 2.8 s). Sparse costs at the
    // study's 1% density; a sparse network's cost grows about in proportion to its links.
    private static KindCost Cost(NetworkKind kind, double density = 0.01) => kind switch
    {
        NetworkKind.Dense => new(4.7 / 50_000, 2.6e-5, 2.2e-5, 0.037),
        NetworkKind.DenseEqualLinks => new(0.15 / 50_000, 8e-7, 1.6e-6, 8e-4),
        _ => new(0.2 / 50_000 * density / 0.01, 1.5e-6 * density / 0.01, 3e-6 * density / 0.01, 1.5e-3),
    };

    /// <summary>Expected seconds of one training cell of <paramref name="kind"/> with <paramref name="settings"/> (probes included), dense runs at their epoch cap.</summary>
    public static double TrainingSeconds(NetworkKind kind, TrainingSettings settings, StudyOptions o)
    {
        var cost = Cost(kind, 1 - settings.Sparsity);
        double images = (o.TrainCount ?? 60_000) * (1 - StudyData.ValidationFraction);
        double training = settings.Epochs * images * cost.EpochPerImage;
        if (!kind.IsSparse())
        {
            return training;
        }
        double probes = Math.Ceiling((double)o.Epochs / o.ProbeInterval) * Math.Min(Swept(o), o.ProbeCount)
            * ((1 + o.SweepSeeds) * cost.EvaluationPerImage + o.PgdStarts * o.PgdIterations * cost.StepPerImage);
        return training + probes;
    }

    /// <summary>Expected seconds of one measurement cell: the sweeps, for seed 0 the PGD strength check, and for sparse kinds the structure analysis.</summary>
    public static double MeasurementSeconds(NetworkKind kind, int seed, TrainingVariant? variant, StudyOptions o)
    {
        var cost = Cost(kind, variant?.Parameter == VariantParameter.Sparsity ? 1 - variant.Value : 1 - o.Sparsity);
        double swept = Swept(o);
        int attacked = Attacked(o);
        // The suite's FGSM runs once per ε and its PGD once per ε and start: those are the attack steps below, not copies.
        int copies = new RobustnessSuite(o, kind).EvaluationCount - o.Epsilons.Count * (1 + o.PgdStarts);
        double sweeps = copies * (cost.PerCopy + swept * cost.EvaluationPerImage)
            + attacked * (1 + o.PgdStarts * (o.PgdIterations + 1)) * swept * cost.StepPerImage;
        double check = seed == 0 ? attacked * (o.PgdIterations + o.PgdCheckIterations * o.PgdCheckRestarts) * Math.Min(swept, o.PgdCheckCount) * cost.StepPerImage : 0;
        double structure = kind.IsSparse() ? 0.5 * (1 + o.NullSamples) : 0;
        return sweeps + check + structure;
    }

    /// <summary>Expected seconds of one transfer cell among <paramref name="networks"/> networks: each crafts examples that every other one scores.</summary>
    public static double TransferSeconds(int networks, StudyOptions o) =>
        networks * (networks - 1) * Attacked(o) * (o.PgdIterations + 1) * Math.Min(Swept(o), o.TransferCount)
        * Cells.StudyPlan.TransferKinds.Average(k => Cost(k).StepPerImage);

    private static double Swept(StudyOptions o) => Math.Min(o.SweepCount ?? 10_000, o.TestCount ?? 10_000);

    private static int Attacked(StudyOptions o) => o.Epsilons.Count(e => e > 0);
}
