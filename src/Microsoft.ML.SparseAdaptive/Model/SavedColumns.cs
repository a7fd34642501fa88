namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Names of the columns of a saved SparseAdaptive chain (<see cref="SavedLayout"/>). Custom mappings bind columns by
/// compile-time names, so the internal ones are fixed here; all of them are dropped at the end of the chain.
/// </summary>
internal static class SavedColumns
{
    /// <summary>Output: per-class probabilities (ML.NET's default score column name).</summary>
    public const string Score = "Score";

    /// <summary>Output: the most probable class as a key (ML.NET's default predicted-label column name).</summary>
    public const string PredictedLabel = "PredictedLabel";

    private const string Prefix = "SparseAdaptive.";
    public const string Features = Prefix + "Features";
    public const string Label = Prefix + "Label";
    public const string LabelKey = Prefix + "LabelKey";
    public const string NetworkKey = Prefix + "NetworkKey";
    public const string Payload = Prefix + "Payload";
    public const string PredictedIndex = Prefix + "PredictedIndex";
    public const string Probabilities = Prefix + "Probabilities";
}
