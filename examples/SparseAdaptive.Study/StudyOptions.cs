namespace SparseAdaptive.Study;

/// <summary>Everything a study run is defined by. <see cref="StudyPresets"/> gives complete sets; the command line overrides single values.</summary>
internal sealed record StudyOptions
{
    /// <summary>Name of the preset the options started from, for the report.</summary>
    public required string Preset { get; init; }

    /// <summary>The data sets to study.</summary>
    public required IReadOnlyList<DataSetName> DataSets { get; init; }

    /// <summary>The network kinds to train.</summary>
    public required IReadOnlyList<NetworkKind> Kinds { get; init; }

    /// <summary>Number of training seeds per data set and kind: seeds 0 to <see cref="Seeds"/> − 1.</summary>
    public required int Seeds { get; init; }

    /// <summary>Training seeds of each point of the parameter sweeps (<see cref="Variants"/>): seeds 0 to <see cref="VariantSeeds"/> − 1.</summary>
    public required int VariantSeeds { get; init; }

    /// <summary>Sparsities at which adaptive and static networks are also trained (the main <see cref="Sparsity"/> among them or not).</summary>
    public required IReadOnlyList<double> SparsityLevels { get; init; }

    /// <summary>ζ values at which adaptive networks are also trained (the engine's default among them or not).</summary>
    public required IReadOnlyList<double> RewireFractions { get; init; }

    /// <summary>
    /// New-link weight scales at which adaptive networks are also trained (the engine's default among them or not): the
    /// ablation that tells whether the new links' initial weight leaves neurons without input.
    /// </summary>
    public required IReadOnlyList<double> NewLinkWeightScales { get; init; }

    /// <summary>
    /// ζ schedules with which adaptive networks are also trained (the engine's default among them or not): with
    /// <see cref="NewLinkWeightScales"/>, the ablation of the dead neurons.
    /// </summary>
    public required IReadOnlyList<Topology.RewireSchedule> RewireSchedules { get; init; }

    /// <summary>Training epochs of the sparse kinds.</summary>
    public required int Epochs { get; init; }

    /// <summary>Training settings of the dense kind (its own, chosen on validation).</summary>
    public required BaselineSettings Dense { get; init; }

    /// <summary>Training settings of the dense kind with the sparse networks' link count (its own, chosen on validation).</summary>
    public required BaselineSettings DenseEqual { get; init; }

    /// <summary>
    /// Epochs without a better validation accuracy after which a dense run stops (the best epoch's network is kept);
    /// sparse runs always train all their epochs, since their rewiring and learning-rate schedules span them.
    /// </summary>
    public required int Patience { get; init; }

    /// <summary>
    /// Training images used (the first ones of the training split); null for all. A seeded sixth of them is held out
    /// for validation (per-epoch accuracy, early stopping), the rest is trained on.
    /// </summary>
    public required int? TrainCount { get; init; }

    /// <summary>Test images used for the final figures (clean accuracy, robustness); null for all.</summary>
    public required int? TestCount { get; init; }

    /// <summary>Test images every robustness sweep evaluates (the first ones of the test subset); null for the whole test subset.</summary>
    public required int? SweepCount { get; init; }

    /// <summary>Sizes of the hidden layers.</summary>
    public required IReadOnlyList<int> HiddenLayerSizes { get; init; }

    /// <summary>Sparsity of the hidden layers of the sparse kinds.</summary>
    public required double Sparsity { get; init; }

    /// <summary>Fractions of links removed at random.</summary>
    public required IReadOnlyList<double> RemovalFractions { get; init; }

    /// <summary>Fractions of links whose weights are shuffled.</summary>
    public required IReadOnlyList<double> ShuffleFractions { get; init; }

    /// <summary>Fractions of each hidden layer's neurons removed by the ranked (targeted) neuron removals: a fine grid near 0.</summary>
    public required IReadOnlyList<double> NeuronFractions { get; init; }

    /// <summary>L∞ sizes ε of the FGSM and PGD attacks.</summary>
    public required IReadOnlyList<double> Epsilons { get; init; }

    /// <summary>Steps of each PGD attack.</summary>
    public required int PgdIterations { get; init; }

    /// <summary>Random draws of each random perturbation level (which links, neurons or weights).</summary>
    public required int SweepSeeds { get; init; }

    /// <summary>Random starts of each PGD attack level (its result varies far less between starts than a random removal's between draws).</summary>
    public required int PgdStarts { get; init; }

    /// <summary>Configuration-model samples against which the k-cores and rich-club coefficients of a sparse network are normalised.</summary>
    public required int NullSamples { get; init; }

    /// <summary>Steps per restart of the stronger PGD that checks the study's PGD (training seed 0 only).</summary>
    public required int PgdCheckIterations { get; init; }

    /// <summary>Random restarts of the stronger PGD.</summary>
    public required int PgdCheckRestarts { get; init; }

    /// <summary>Test images (the first swept ones) on which the study's PGD and the stronger one are compared.</summary>
    public required int PgdCheckCount { get; init; }

    /// <summary>Test images (the first swept ones) on which examples crafted on one kind are scored on the others.</summary>
    public required int TransferCount { get; init; }

    /// <summary>Epochs between two robustness probes of a sparse run during training (the last epoch is always probed).</summary>
    public required int ProbeInterval { get; init; }

    /// <summary>Test images (the first swept ones) the probes during training evaluate.</summary>
    public required int ProbeCount { get; init; }

    /// <summary>Fraction of the hidden layers' links a probe removes at random.</summary>
    public required double ProbeRemoval { get; init; }

    /// <summary>L∞ size ε of a probe's PGD attack.</summary>
    public required double ProbeEpsilon { get; init; }

    /// <summary>Directory the report is written to.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Directory holding the <c>mnist/</c> and <c>fashion-mnist/</c> folders.</summary>
    public required string DataRoot { get; init; }

    /// <summary>Threads for training and evaluation; 0 for all cores. Results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>The training settings of a dense baseline kind.</summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is a sparse kind, trained with the engine's defaults.</exception>
    public BaselineSettings Baseline(NetworkKind kind) => kind switch
    {
        NetworkKind.Dense => Dense,
        NetworkKind.DenseEqualLinks => DenseEqual,
        _ => throw new ArgumentException($"{kind} is a sparse kind; it trains with the engine's defaults.", nameof(kind)),
    };

    /// <summary>
    /// The parameter sweeps' points for <paramref name="kind"/>: adaptive and static networks at each sparsity of
    /// <see cref="SparsityLevels"/> but the main one, adaptive networks at each ζ of <see cref="RewireFractions"/> and each
    /// scale of <see cref="NewLinkWeightScales"/> and schedule of <see cref="RewireSchedules"/> but the engine's default
    /// (the main runs are the sweeps' remaining points); none for other kinds.
    /// </summary>
    public IEnumerable<TrainingVariant> Variants(NetworkKind kind)
    {
        if (kind is not (NetworkKind.Adaptive or NetworkKind.Static))
        {
            return [];
        }
        var sparsities = SparsityLevels.Where(s => s != Sparsity).Select(s => new TrainingVariant(VariantParameter.Sparsity, s));
        if (kind != NetworkKind.Adaptive)
        {
            return sparsities;
        }
        var zetas = RewireFractions.Where(z => z != Training.TrainingDefaults.RewireFraction).Select(z => new TrainingVariant(VariantParameter.RewireFraction, z));
        var scales = NewLinkWeightScales.Where(w => w != Training.TrainingDefaults.NewLinkWeightScale)
            .Select(w => new TrainingVariant(VariantParameter.NewLinkWeightScale, w));
        var schedules = RewireSchedules.Where(r => r != Training.TrainingDefaults.RewireSchedule)
            .Select(r => new TrainingVariant(VariantParameter.RewireSchedule, (int)r));
        return sparsities.Concat(zetas).Concat(scales).Concat(schedules);
    }

    /// <summary>Checks every value, naming the command-line option of the first bad one.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        Require(DataSets.Count > 0, "--datasets", "must name at least one data set");
        Require(Kinds.Count > 0, "--kinds", "must name at least one network kind");
        Require(!Kinds.Any(k => k.IsNullModel()) || Kinds.Contains(NetworkKind.Adaptive), "--kinds",
            "lists a null model (config-model, fresh-weights) without adaptive, whose trained networks the null models start from");
        Require(Seeds > 0, "--seeds", $"must be positive; got {Seeds}");
        Require(VariantSeeds >= 0 && VariantSeeds <= Seeds, "--variant-seeds", $"must be in [0, --seeds]; got {VariantSeeds}");
        RequireLevels(SparsityLevels, "--sparsity-levels", f => f is > 0 and < 1, "sparsities in (0, 1)");
        RequireLevels(RewireFractions, "--zetas", f => f is > 0 and <= 1, "fractions in (0, 1]");
        RequireLevels(NewLinkWeightScales, "--new-link-scales", w => w >= 0 && double.IsFinite(w), "non-negative finite scales");
        Require(Epochs > 0, "--epochs", $"must be positive; got {Epochs}");
        Dense.Validate("--dense");
        DenseEqual.Validate("--dense-equal");
        Require(Patience > 0, "--patience", $"must be positive; got {Patience}");
        Require(TrainCount is null or > 0, "--train-count", $"must be positive; got {TrainCount}");
        Require(TestCount is null or > 0, "--test-count", $"must be positive; got {TestCount}");
        Require(SweepCount is null or > 0, "--sweep-count", $"must be positive; got {SweepCount}");
        Require(HiddenLayerSizes.Count > 0 && HiddenLayerSizes.All(s => s > 0), "--hidden", "must list at least one positive layer size");
        Require(Sparsity is > 0 and < 1, "--sparsity", $"must be in (0, 1); got {Sparsity}");
        RequireLevels(RemovalFractions, "--removal", f => f is >= 0 and <= 1, "fractions in [0, 1]");
        RequireLevels(ShuffleFractions, "--shuffle", f => f is >= 0 and <= 1, "fractions in [0, 1]");
        RequireLevels(NeuronFractions, "--neuron-fractions", f => f is >= 0 and <= 1, "fractions in [0, 1]");
        RequireLevels(Epsilons, "--epsilons", e => e >= 0 && double.IsFinite(e), "finite sizes ≥ 0");
        Require(PgdIterations > 0, "--pgd-iterations", $"must be positive; got {PgdIterations}");
        Require(SweepSeeds > 0, "--sweep-seeds", $"must be positive; got {SweepSeeds}");
        Require(PgdStarts > 0, "--pgd-starts", $"must be positive; got {PgdStarts}");
        Require(NullSamples > 0, "--null-samples", $"must be positive; got {NullSamples}");
        Require(PgdCheckIterations > 0, "--pgd-check-iterations", $"must be positive; got {PgdCheckIterations}");
        Require(PgdCheckRestarts > 0, "--pgd-check-restarts", $"must be positive; got {PgdCheckRestarts}");
        Require(PgdCheckCount > 0, "--pgd-check-count", $"must be positive; got {PgdCheckCount}");
        Require(TransferCount > 0, "--transfer-count", $"must be positive; got {TransferCount}");
        Require(ProbeInterval > 0, "--probe-interval", $"must be positive; got {ProbeInterval}");
        Require(ProbeCount > 0, "--probe-count", $"must be positive; got {ProbeCount}");
        Require(ProbeRemoval is >= 0 and <= 1, "--probe-removal", $"must be in [0, 1]; got {ProbeRemoval}");
        Require(ProbeEpsilon >= 0 && double.IsFinite(ProbeEpsilon), "--probe-epsilon", $"must be finite and ≥ 0; got {ProbeEpsilon}");
        Require(!string.IsNullOrWhiteSpace(OutputDirectory), "--output", "must name a directory");
        Require(Threads >= 0, "--threads", $"must be 0 (all cores) or positive; got {Threads}");
    }

    private static void RequireLevels(IReadOnlyList<double> levels, string option, Func<double, bool> valid, string rule)
    {
        Require(levels.Count > 0, option, "must list at least one level");
        var bad = levels.Where(l => !valid(l)).ToArray();
        Require(bad.Length == 0, option, $"must list {rule}; got {string.Join(", ", bad)}");
        Require(levels.Distinct().Count() == levels.Count, option, "lists a level twice");
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="option"/> and its <paramref name="rule"/> unless <paramref name="condition"/> holds.</summary>
    internal static void Require(bool condition, string option, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"{option} {rule}.");
        }
    }
}
