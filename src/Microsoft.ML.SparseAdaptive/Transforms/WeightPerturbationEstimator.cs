using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Creates a corrupted copy of a trained SparseAdaptive model: a <see cref="SparseAdaptiveModel"/> like the original
/// (same columns and classes, usable in Evaluate, prediction engines, pipelines and Model.Save/Load) that scores with
/// perturbed weights. Fitting reads no rows. Create it with <c>mlContext.Transforms.PerturbWeights</c> (any
/// <see cref="NetworkPerturbationOptions"/>), <c>RemoveLinks</c>, <c>ShuffleLinkWeights</c> or <c>RemoveNeurons</c>.
/// </summary>
/// <remarks>
/// The result is the SparseAdaptive model alone: when the original was a pipeline, append the result to the
/// pipeline's preprocessing in place of the original model.
/// </remarks>
public sealed class WeightPerturbationEstimator : IEstimator<SparseAdaptiveModel>
{
    private readonly SparseAdaptiveModel _model;

    internal WeightPerturbationEstimator(SparseAdaptiveModel model, NetworkPerturbation perturbation, int seed)
    {
        _model = model;
        Perturbation = perturbation;
        Seed = seed;
    }

    /// <summary>The perturbation applied to the model's network: of its links (a <see cref="WeightPerturbation"/>) or neurons.</summary>
    public NetworkPerturbation Perturbation { get; }

    /// <summary>Seed of the link or neuron choices.</summary>
    public int Seed { get; }

    /// <summary>Checks that <paramref name="input"/> has the model's feature column and returns the corrupted model.</summary>
    /// <param name="input">Data with the model's feature column.</param>
    /// <returns>A model of the same kind scoring with the perturbed network; the original model is untouched.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or has the wrong type or size.</exception>
    public SparseAdaptiveModel Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _model.CheckFeatures(input.Schema);
        return _model.WithNetwork(Perturbation.Apply(_model.Network, Seed));
    }

    /// <summary>The model's output schema: the input columns plus Score and PredictedLabel.</summary>
    /// <param name="inputSchema">Schema with the model's feature column.</param>
    /// <returns>The output schema.</returns>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        SparseAdaptiveModel.GetOutputSchema(inputSchema, _model.FeatureColumnName, _model.Classes.Values.GetType().GetElementType()!);
}
