namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// What a SparseAdaptive model does with a row it cannot score: a feature that is NaN or infinite, or features so
/// large that the scores overflow. Chosen at training and saved with the model.
/// </summary>
public enum NonFiniteFeatureHandling
{
    /// <summary>Score is NaN for every class and PredictedLabel is the missing key (0), ML.NET's "no value".</summary>
    PredictMissingLabel,

    /// <summary>Scoring throws an <see cref="InvalidOperationException"/> naming the feature column and the row.</summary>
    Throw,
}
