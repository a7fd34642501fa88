using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>Command-line names of the network kinds and the training settings each implies.</summary>
internal static class NetworkKinds
{
    /// <summary>Every kind, in report order.</summary>
    public static readonly NetworkKind[] All =
    [
        NetworkKind.Adaptive, NetworkKind.Static, NetworkKind.Dense, NetworkKind.DenseEqualLinks,
        NetworkKind.SetReference, NetworkKind.ConfigurationModel, NetworkKind.FreshWeights,
    ];

    /// <summary>The kind's name on the command line, in file names and in the report.</summary>
    public static string Name(this NetworkKind kind) => kind switch
    {
        NetworkKind.DenseEqualLinks => "dense-equal",
        NetworkKind.SetReference => "set-reference",
        NetworkKind.ConfigurationModel => "config-model",
        NetworkKind.FreshWeights => "fresh-weights",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>True for the kinds whose hidden layers are sparse, the ones whose topology is analysed.</summary>
    public static bool IsSparse(this NetworkKind kind) => kind is not (NetworkKind.Dense or NetworkKind.DenseEqualLinks);

    /// <summary>True for the null models, trained from a network derived from the same seed's trained adaptive one.</summary>
    public static bool IsNullModel(this NetworkKind kind) => kind is NetworkKind.ConfigurationModel or NetworkKind.FreshWeights;

    /// <summary>True for the kinds whose hidden layers rewire while they train.</summary>
    public static bool Rewires(this NetworkKind kind) => kind is NetworkKind.Adaptive or NetworkKind.SetReference;

    /// <summary>Parses a name given by <see cref="Name"/>; null when it names no kind.</summary>
    public static NetworkKind? Parse(string name) => All.Select(k => (NetworkKind?)k).FirstOrDefault(k => k!.Value.Name() == name);

    /// <summary>
    /// Settings of one training run of this kind. Adaptive and static use the engine's defaults (chosen on validation,
    /// docs/results/validation-search.md); set-reference SET's published rewiring; the null models static training;
    /// the dense kinds their own <see cref="StudyOptions.Baseline"/> settings, stopped early on validation by the runner.
    /// </summary>
    public static TrainingSettings Settings(this NetworkKind kind, StudyOptions options, int inputSize, int classCount, int seed)
    {
        var settings = new TrainingSettings
        {
            HiddenLayerSizes = options.HiddenLayerSizes.ToArray(),
            Sparsity = options.Sparsity,
            Topology = kind.Rewires() ? TopologyMode.Adaptive : TopologyMode.Static,
            Epochs = options.Epochs,
            Seed = seed,
            NumberOfThreads = options.Threads,
        };
        if (kind == NetworkKind.SetReference)
        {
            // The authors' code: ζ 0.3 after every epoch but the last, new positions start at 0 (the Keras weight mask).
            settings.RewireFraction = 0.3;
            settings.RewireSchedule = RewireSchedule.Constant;
            settings.RewireEnd = 1;
            settings.NewLinkWeightScale = 0;
        }
        if (kind.IsSparse())
        {
            return settings;
        }
        settings.Sparsity = 0;
        options.Baseline(kind).ApplyTo(settings);
        if (kind == NetworkKind.DenseEqualLinks)
        {
            int width = EqualLinkWidth(inputSize, classCount, options);
            settings.HiddenLayerSizes = options.HiddenLayerSizes.Select(_ => width).ToArray();
        }
        return settings;
    }

    /// <summary>
    /// The width w of equal dense hidden layers whose network has the link count closest to the sparse network's
    /// (784-43-43-43-10 for the reference shape: 37,840 links, as many as 784-1000-1000-1000-10 at 99% sparsity).
    /// </summary>
    public static int EqualLinkWidth(int inputSize, int classCount, StudyOptions options)
    {
        var sparse = new TrainingSettings { HiddenLayerSizes = options.HiddenLayerSizes.ToArray(), Sparsity = options.Sparsity };
        long target = SparseAdaptive.Analysis.InitialNetwork.For(inputSize, classCount, sparse).LinkCount;
        int layers = options.HiddenLayerSizes.Count;
        long Links(long w) => inputSize * w + (layers - 1) * w * w + w * classCount;
        int best = 1;
        for (int w = 1; w <= options.HiddenLayerSizes.Max(); w++)
        {
            if (Math.Abs(Links(w) - target) < Math.Abs(Links(best) - target))
            {
                best = w;
            }
        }
        return best;
    }
}
