using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>Command-line names of the network kinds and the training settings each implies.</summary>
internal static class NetworkKinds
{
    /// <summary>Every kind, in report order.</summary>
    public static readonly NetworkKind[] All = [NetworkKind.Adaptive, NetworkKind.Static, NetworkKind.Dense];

    /// <summary>The kind's name on the command line, in file names and in the report.</summary>
    public static string Name(this NetworkKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>True for the kinds whose hidden layers are sparse, the ones whose topology is analysed.</summary>
    public static bool IsSparse(this NetworkKind kind) => kind != NetworkKind.Dense;

    /// <summary>Parses a name given by <see cref="Name"/>; null when it names no kind.</summary>
    public static NetworkKind? Parse(string name) => All.Select(k => (NetworkKind?)k).FirstOrDefault(k => k!.Value.Name() == name);

    /// <summary>Settings of one training run of this kind.</summary>
    public static TrainingSettings Settings(this NetworkKind kind, StudyOptions options, int seed) => new()
    {
        HiddenLayerSizes = options.HiddenLayerSizes.ToArray(),
        Sparsity = kind == NetworkKind.Dense ? 0 : options.Sparsity,
        Topology = kind == NetworkKind.Adaptive ? TopologyMode.Adaptive : TopologyMode.Static,
        Epochs = kind == NetworkKind.Dense ? options.DenseEpochs : options.Epochs,
        Seed = seed,
        NumberOfThreads = options.Threads,
    };
}
