using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Creates a corrupted copy of a model holding a trained SparseAdaptive model: the whole model (a
/// <see cref="SparseAdaptiveModel"/>, a pipeline, or a model loaded from a file) with the SparseAdaptive network replaced
/// by a perturbed one and every other step kept, so it scores whatever the original scores (raw rows included) and
/// works in Evaluate, prediction engines, pipelines and Model.Save/Load. Fitting reads no rows. Create it with
/// <c>mlContext.Transforms.PerturbWeights</c> (any <see cref="NetworkPerturbationOptions"/>), <c>RemoveLinks</c>,
/// <c>ShuffleLinkWeights</c> or <c>RemoveNeurons</c>.
/// </summary>
/// <remarks>
/// The perturbed network is <c>GetSparseNetwork()</c> of the result. A pipeline comes back as a
/// <c>TransformerChain</c> of the same steps; a model loaded with <c>mlContext.Model.Load</c>
/// gets a <see cref="SparseAdaptiveModel"/> (which scores in batches) in place of its stored network's chain.
/// </remarks>
public sealed class WeightPerturbationEstimator : IEstimator<ITransformer>
{
    private readonly ITransformer _original;
    private readonly SparseAdaptiveModel _model;

    internal WeightPerturbationEstimator(ITransformer original, SparseAdaptiveModel model, NetworkPerturbation perturbation, int seed)
    {
        _original = original;
        _model = model;
        Perturbation = perturbation;
        Seed = seed;
    }

    /// <summary>The perturbation applied to the model's network: of its links (a <see cref="WeightPerturbation"/>) or neurons.</summary>
    public NetworkPerturbation Perturbation { get; }

    /// <summary>Seed of the link or neuron choices.</summary>
    public int Seed { get; }

    /// <summary>Checks that the model can score <paramref name="input"/> and returns the corrupted model.</summary>
    /// <param name="input">Data the original model scores.</param>
    /// <returns>The original model with its SparseAdaptive network replaced by the perturbed one; the original is untouched.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or has the wrong type or size.</exception>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var perturbed = _model.WithNetwork(Perturbation.Apply(_model.Network, Seed));
        var whole = SavedModelReader.ReplaceFirst(_original, _ => perturbed)!;
        // Schema propagation names a missing or mistyped column as the original model would.
        _ = whole.GetOutputSchema(input.Schema);
        return whole;
    }

    /// <summary>The model's output schema: the input columns plus Score and PredictedLabel.</summary>
    /// <param name="inputSchema">Schema with the model's feature column.</param>
    /// <returns>The output schema.</returns>
    /// <exception cref="NotSupportedException">The model is a pipeline, whose steps ML.NET gives no shapes for: fit the
    /// estimator (it reads no rows) and ask the result's <c>GetOutputSchema</c>.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        if (SavedModelReader.ReplaceFirst(_original, model => model) is not SparseAdaptiveModel)
        {
            throw new NotSupportedException(
                "The output shape of a perturbed pipeline cannot be computed from a shape (ML.NET gives fitted transformers " +
                "none): fit the estimator, which reads no rows, and ask the result's GetOutputSchema for its schema.");
        }
        return SparseAdaptiveModel.GetOutputSchema(inputSchema, _model.FeatureColumnName, _model.Classes);
    }
}
