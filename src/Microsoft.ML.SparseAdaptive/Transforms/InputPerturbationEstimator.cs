using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Creates an <see cref="InputPerturbationTransformer"/> for a trained SparseAdaptive model. Fitting reads no rows:
/// it only checks the columns. Create it with <c>mlContext.Transforms.PerturbInputs</c> (any
/// <see cref="InputPerturbationOptions"/>), or <c>Fgsm</c>, <c>Pgd</c> or <c>GaussianNoise</c>.
/// </summary>
public sealed class InputPerturbationEstimator : IEstimator<InputPerturbationTransformer>
{
    private readonly SparseAdaptiveModel _model;
    private readonly string _settings;

    internal InputPerturbationEstimator(SparseAdaptiveModel model, InputPerturbationOptions options, int seed)
    {
        _model = model;
        Perturbation = options.CreatePerturbation();
        Seed = seed;
        LabelColumnName = options.UsesLabels ? options.LabelColumnName : null;
        // The options are the user's and may change: their saved form is taken now (it is short; the network is
        // encoded only when the transformer is saved).
        _settings = PerturbationSettings.Write(options, seed);
    }

    /// <summary>The attack or noise the transformer applies.</summary>
    public InputPerturbation Perturbation { get; }

    /// <summary>Seed of the perturbation's random choices.</summary>
    public int Seed { get; }

    /// <summary>The label column whose class is attacked, or null for the predicted class.</summary>
    public string? LabelColumnName { get; }

    /// <summary>Checks the columns of <paramref name="input"/> and returns the transformer.</summary>
    /// <param name="input">Data with the model's feature column (and the label column, if one is attacked: the key the
    /// model was trained with, or the raw class values before the model's MapValueToKey).</param>
    /// <returns>The transformer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type or size; the message names it.</exception>
    public InputPerturbationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _model.CheckFeatures(input.Schema);
        var label = LabelColumnName is null ? null : ModelColumns.LabelConversionFor(input.Schema, LabelColumnName, _model);
        var perturbation = new NetworkInputPerturbation(_model.Payload with { Settings = _settings }, Perturbation, Seed);
        return new InputPerturbationTransformer(perturbation, label, LabelColumnName, input.Schema);
    }

    /// <summary>The input schema with the feature column replaced by its perturbed version.</summary>
    /// <param name="inputSchema">Schema with the model's feature column (and the label column, if one is attacked).</param>
    /// <returns>The output schema.</returns>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var label = LabelColumnName is null ? null
            : inputSchema.FirstOrDefault(c => c.Name == LabelColumnName).IsKey ? LabelConversion.FromKey(LabelColumnName)
            : LabelConversion.FromValues(LabelColumnName, _model.Classes);
        return InputPerturbationTransformer.CreateSavedChain(new MLContext(), _model.Payload, label, string.Empty).GetOutputSchema(inputSchema);
    }
}
