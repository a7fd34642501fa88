namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Internal column names of an input perturbation transform. Custom mappings bind columns by compile-time names;
/// all of these are dropped at the end of the transform's chain.
/// </summary>
internal static class PerturbationColumns
{
    private const string Prefix = "SparseAdaptive.Perturbation.";
    public const string Features = Prefix + "Features";
    public const string Label = Prefix + "Label";
    public const string Payload = Prefix + "Payload";

    /// <summary>Every internal column, for the final drop (the network key column is the trainer layer's).</summary>
    public static string[] Internal(bool labelled) =>
        new[] { Features, Payload, Model.ScoringColumns.NetworkKey }
            .Concat(labelled ? [Label] : [])
            .Concat(Model.FixedSizeBlocks.AllBlocks()).ToArray();
}
