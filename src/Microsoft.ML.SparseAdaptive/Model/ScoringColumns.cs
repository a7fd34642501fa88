namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Names of the columns of a SparseAdaptive model. Custom mappings bind columns by compile-time names, so the
/// internal ones are fixed here; all of them are dropped at the end of the model's chain.
/// </summary>
internal static class ScoringColumns
{
    /// <summary>Output: per-class probabilities (ML.NET's default score column name).</summary>
    public const string Score = "Score";

    /// <summary>Output: the most probable class as a key (ML.NET's default predicted-label column name).</summary>
    public const string PredictedLabel = "PredictedLabel";

    private const string Prefix = "SparseAdaptive.";
    public const string Features = Prefix + "Features";
    public const string NetworkKey = Prefix + "NetworkKey";
    public const string Network = Prefix + "Network";
    public const string PredictedIndex = Prefix + "PredictedIndex";
    public const string PredictedValue = Prefix + "PredictedValue";

    /// <summary>Score blocks: block b is a vector of 2^b probabilities (see <see cref="NetworkScoringOutput"/>).</summary>
    public const string BlockPrefix = Prefix + "ScoreBlock";

    /// <summary>Blocks whose sizes add up to <paramref name="classCount"/>, smallest first (the binary digits of it).</summary>
    public static int[] BlocksFor(int classCount) =>
        Enumerable.Range(0, NetworkScoringOutput.BlockCount).Where(b => (classCount & (1 << b)) != 0).ToArray();

    public static string Block(int block) => BlockPrefix + block.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every internal column, for the final drop.</summary>
    public static string[] Internal() =>
        new[] { Features, NetworkKey, Network, PredictedIndex, PredictedValue }
            .Concat(Enumerable.Range(0, NetworkScoringOutput.BlockCount).Select(Block)).ToArray();
}
