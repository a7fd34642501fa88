using SparseAdaptive.Network;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>Gets the SparseAdaptive network back from any model that contains one.</summary>
public static class SparseAdaptiveTransformerExtensions
{
    /// <summary>
    /// Returns the network of the SparseAdaptive model in <paramref name="transformer"/>: a model fresh from
    /// <c>Fit</c>, a pipeline containing it, or a model loaded with <c>mlContext.Model.Load</c>.
    /// </summary>
    /// <param name="transformer">The model.</param>
    /// <returns>The trained network.</returns>
    /// <exception cref="ArgumentException">The transformer holds no SparseAdaptive model.</exception>
    public static SparseNetwork GetSparseNetwork(this ITransformer transformer) =>
        SparseAdaptiveModel.FromTransformer(transformer).Network;
}
