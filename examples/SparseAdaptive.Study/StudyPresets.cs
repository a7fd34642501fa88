namespace SparseAdaptive.Study;

/// <summary>The two complete settings of the study: a quick look and the full, citable run.</summary>
internal static class StudyPresets
{
    /// <summary>Environment variable that overrides the default data root, as in the build scripts.</summary>
    public const string DataRootVariable = "SPARSEADAPTIVE_DATA";

    /// <summary>
    /// About 2 minutes on 2 cores: both data sets, all seven kinds, 2 seeds (1 for the sparsity and ζ variants), a
    /// 10,000-image training subset (8,333 trained on, 1,667 for validation), 2,000 test images (the sweeps on 300 of
    /// them), a few levels per sweep and one draw per random level. The dense network trains 3 epochs, the small
    /// dense-equal one and the sparse ones 20 (the sparse ones probed for robustness every 10); the dense kinds keep their
    /// epoch best on validation. It shows that every part runs, not what the full study finds.
    /// </summary>
    public static StudyOptions Quick(string dataRoot) => new()
    {
        Preset = "quick",
        DataSets = DataSetNames.All,
        Kinds = NetworkKinds.All,
        Seeds = 2,
        VariantSeeds = 1,
        SparsityLevels = [0.98, 0.99],
        RewireFractions = [0.3, 0.5],
        NewLinkWeightScales = [0, Training.TrainingDefaults.NewLinkWeightScale],
        RewireSchedules = [Topology.RewireSchedule.Constant, Training.TrainingDefaults.RewireSchedule],
        Epochs = 20,
        Dense = DenseDefaults.Dense(epochs: 3),
        DenseEqual = DenseDefaults.DenseEqual(epochs: 20),
        Patience = 20,
        TrainCount = 10000,
        TestCount = 2000,
        SweepCount = 300,
        HiddenLayerSizes = [1000, 1000, 1000],
        Sparsity = 0.99,
        RemovalFractions = [0, 0.25, 0.5, 0.75],
        ShuffleFractions = [0, 0.25, 0.5, 1],
        NeuronFractions = [0, 0.02, 0.1],
        Epsilons = [0, 0.02, 0.05, 0.1],
        PgdIterations = 5,
        SweepSeeds = 1,
        PgdStarts = 2,
        NullSamples = 1,
        PgdCheckIterations = 40,
        PgdCheckRestarts = 5,
        PgdCheckCount = 100,
        TransferCount = 500,
        ProbeInterval = 10,
        ProbeCount = 500,
        ProbeRemoval = 0.3,
        ProbeEpsilon = 0.05,
        OutputDirectory = Path.Combine("out", "study-quick"),
        DataRoot = dataRoot,
    };

    /// <summary>
    /// About an hour on 2 cores: both data sets, all kinds, 5 seeds, the whole training set (50,000 trained on, 10,000
    /// for validation) and test set (the sweeps on 2,000 test images), ten levels per weight sweep and six ε. Sparse
    /// networks train 100 epochs; the dense one its whole 20-epoch cosine schedule and the dense-equal one its 100-epoch
    /// schedule, each keeping the epoch best on validation (a patience of 3 stopped them while the learning rate was
    /// still high: docs/results/validation-search.md).
    /// </summary>
    public static StudyOptions Full(string dataRoot) => Quick(dataRoot) with
    {
        Preset = "full",
        Seeds = 10,
        VariantSeeds = 5,
        SparsityLevels = [0.95, 0.98, 0.99, 0.995],
        RewireFractions = [0.1, 0.3, 0.5],
        Epochs = 100,
        Dense = DenseDefaults.Dense(epochs: 20),
        DenseEqual = DenseDefaults.DenseEqual(epochs: 100),
        Patience = 100,
        TrainCount = null,
        TestCount = null,
        SweepCount = 2000,
        RemovalFractions = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
        ShuffleFractions = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
        NeuronFractions = [.. Enumerable.Range(0, 21).Select(i => Math.Round(i * 0.005, 3)), 0.15, 0.2, 0.3, 0.4, 0.5],
        Epsilons = [.. Enumerable.Range(0, 11).Select(i => Math.Round(i * 0.01, 2))],
        PgdIterations = 7,
        SweepSeeds = 20,
        PgdStarts = 2,
        NullSamples = 10,
        PgdCheckCount = 500,
        TransferCount = 1000,
        ProbeCount = 1000,
        OutputDirectory = Path.Combine("out", "study-full"),
    };

    /// <summary>The data root: <c>$SPARSEADAPTIVE_DATA</c>, else <c>~/.cache/sparseadaptive/data</c>.</summary>
    public static string DefaultDataRoot()
    {
        string? configured = Environment.GetEnvironmentVariable(DataRootVariable);
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sparseadaptive", "data")
            : configured;
    }
}
