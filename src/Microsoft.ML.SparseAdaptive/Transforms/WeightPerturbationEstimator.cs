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

    /// <summary>
    /// The output shape of the perturbed model, which is the original's: for a model, the input columns plus Score and
    /// PredictedLabel; for a pipeline, what its steps make of the input columns.
    /// </summary>
    /// <param name="inputSchema">Shape of the data the original model scores.</param>
    /// <returns>The output shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The model's feature column is missing or mistyped.</exception>
    /// <exception cref="NotSupportedException">A step of the pipeline needs a vector size or key count that a shape does
    /// not give (it checks the size of a vector other than the model's features): fit the estimator (it reads no rows)
    /// and ask the result's <c>GetOutputSchema</c>.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        if (SavedModelReader.ReplaceFirst(_original, model => model) is SparseAdaptiveModel)
        {
            return _model.GetOutputSchema(inputSchema);
        }
        // A pipeline's steps are fitted transformers, which answer for schemas only: they are asked for the schema of
        // the shape's columns, with the model's feature vector of its real size.
        var input = ColumnShapes.SchemaOf(inputSchema, new Dictionary<string, int> { [_model.FeatureColumnName] = _model.Network.InputSize });
        DataViewSchema output;
        try
        {
            output = _original.GetOutputSchema(input);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new NotSupportedException(
                "The output shape of this perturbed pipeline cannot be computed from a shape: a step needs a vector size or key count that " +
                $"the shape does not give ({e.Message}). Fit the estimator, which reads no rows, and ask the result's GetOutputSchema.", e);
        }
        var visible = output.Where(column => !column.IsHidden).ToArray();
        var inputShapes = inputSchema.ToDictionary(column => column.Name);
        var changed = ColumnShapes.Of(visible.Where(column => !inputShapes.ContainsKey(column.Name) || !IsUnchanged(input[column.Name], column)))
            .ToDictionary(column => column.Name);
        return new SchemaShape(visible.Select(column => changed.TryGetValue(column.Name, out var shape) ? shape : inputShapes[column.Name]).ToArray());
    }

    // A column a step passed through keeps its type and annotations.
    private static bool IsUnchanged(DataViewSchema.Column input, DataViewSchema.Column output) =>
        input.Type.Equals(output.Type) && input.Annotations.Schema.Select(a => a.Name).SequenceEqual(output.Annotations.Schema.Select(a => a.Name));
}
