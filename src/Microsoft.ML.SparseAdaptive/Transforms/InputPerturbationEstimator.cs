using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Creates an <see cref="InputPerturbationTransformer"/> for a trained SparseAdaptive model. Fitting reads no rows:
/// it only checks the columns. Create it with <c>mlContext.Transforms.Fgsm</c>, <c>Pgd</c> or <c>GaussianNoise</c>.
/// </summary>
public sealed class InputPerturbationEstimator : IEstimator<InputPerturbationTransformer>
{
    private readonly SparseAdaptiveModel _model;

    internal InputPerturbationEstimator(SparseAdaptiveModel model, InputPerturbationOptions options)
    {
        _model = model;
        Perturbation = options.CreatePerturbation();
        Seed = options.Seed;
        LabelColumnName = options.UsesLabels ? options.LabelColumnName : null;
    }

    /// <summary>The attack or noise the transformer applies.</summary>
    public InputPerturbation Perturbation { get; }

    /// <summary>Seed of the perturbation's random choices.</summary>
    public int Seed { get; }

    /// <summary>The label column whose class is attacked, or null for the predicted class.</summary>
    public string? LabelColumnName { get; }

    /// <summary>Checks the columns of <paramref name="input"/> and returns the transformer.</summary>
    /// <param name="input">Data with the model's feature column (and the label column, if one is attacked).</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type or size; the message names it.</exception>
    public InputPerturbationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ModelColumns.CheckFeatures(input.Schema, _model);
        if (LabelColumnName is not null)
        {
            ModelColumns.CheckLabel(input.Schema, LabelColumnName);
        }
        var payload = new PerturbationPayload(Perturbation, Seed, new NetworkPayload(_model.FeatureColumnName, _model.Network));
        var chain = CreateChain(payload.Encode()).Fit(input);
        return new InputPerturbationTransformer(chain, Perturbation, Seed, _model.FeatureColumnName, LabelColumnName);
    }

    /// <summary>The input schema with the feature column replaced by its perturbed version.</summary>
    /// <param name="inputSchema">Schema with the model's feature column (and the label column, if one is attacked).</param>
    /// <returns>The output schema.</returns>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => CreateChain(string.Empty).GetOutputSchema(inputSchema);

    private IEstimator<ITransformer> CreateChain(string encodedPayload) =>
        PerturbationChain.CreateEstimator(new MLContext(), _model.FeatureColumnName, _model.Network.InputSize, LabelColumnName, encodedPayload);
}
