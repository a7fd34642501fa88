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

    /// <summary>Every internal column, for the final drop.</summary>
    public static string[] Internal() =>
        new[] { Features, NetworkKey, Network, PredictedIndex, PredictedValue }
            .Concat(FixedSizeBlocks.AllBlocks()).ToArray();
}
