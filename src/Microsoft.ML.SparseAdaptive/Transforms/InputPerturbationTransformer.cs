using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Rewrites a SparseAdaptive model's feature column (same name, same size) with an attack or noise computed from
/// the model's own network. Put it before the model: <c>attack.Append(model)</c> scores perturbed inputs.
/// </summary>
/// <remarks>
/// Schema propagation and row mapping are delegated to an inner chain of built-in ML.NET transforms whose mapping holds
/// the network itself; an unshuffled cursor reading the feature column perturbs a batch of rows at a time with the
/// engine. Saving stores a chain of built-in transforms with the network encoded (only then), so the transform
/// survives <c>mlContext.Model.Save</c> and <c>Load</c> (which returns that chain, not this type, and perturbs row
/// by row) with no registration call. Each row gets exactly the features the engine's batched
/// <see cref="InputPerturbation"/> gives it, in whichever batch it falls and on any number of threads.
/// </remarks>
public sealed class InputPerturbationTransformer : ITransformer, ICanSaveModel
{
    private readonly NetworkInputPerturbation _perturbation;
    private readonly LabelConversion? _label;
    private readonly DataViewSchema _fittedSchema;
    private readonly ITransformer _chain;
    private readonly ITransformer? _labelKey;

    internal InputPerturbationTransformer(NetworkInputPerturbation perturbation, LabelConversion? label, string? labelColumnName, DataViewSchema inputSchema)
    {
        _perturbation = perturbation;
        _label = label;
        _fittedSchema = inputSchema;
        LabelColumnName = labelColumnName;
        var mlContext = new MLContext();
        var empty = new EmptyDataView(inputSchema);
        _chain = CreateChain(mlContext, perturbation.Payload, label, encodedPayload: null, InMemoryMapping(mlContext, perturbation, label)).Fit(empty);
        if (label is not null)
        {
            var steps = new List<IEstimator<ITransformer>>();
            label.AddSteps(steps, mlContext, internalColumns: []);
            _labelKey = steps.Aggregate(new EstimatorChain<ITransformer>(), (chain, step) => chain.Append(step)).Fit(empty);
        }
    }

    /// <summary>The attack or noise applied to each row.</summary>
    public InputPerturbation Perturbation => _perturbation.Perturbation;

    /// <summary>Seed of the perturbation's random choices.</summary>
    public int Seed => _perturbation.Seed;

    /// <summary>The feature column that is rewritten.</summary>
    public string FeatureColumnName => _perturbation.Payload.FeatureColumnName;

    /// <summary>The label column whose class is attacked, or null when each row's predicted class is attacked.</summary>
    public string? LabelColumnName { get; }

    /// <summary>Always true: each row is perturbed on its own.</summary>
    public bool IsRowToRowMapper => _chain.IsRowToRowMapper;

    /// <summary>The input schema, with the feature column replaced by its perturbed version.</summary>
    /// <param name="inputSchema">Schema with the feature column (and the label column, if one is attacked).</param>
    /// <returns>The output schema.</returns>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _chain.GetOutputSchema(inputSchema);

    /// <summary>
    /// Perturbs the data lazily; an unshuffled cursor reading the feature column perturbs a batch of rows at a time
    /// (the same values as perturbing row by row, as a loaded chain or a prediction engine does).
    /// </summary>
    /// <param name="input">Data with the feature column (and the label column, if one is attacked).</param>
    /// <returns>The data with the feature column rewritten.</returns>
    public IDataView Transform(IDataView input)
    {
        var rowByRow = _chain.Transform(input);
        var mapperInput = _labelKey?.Transform(input) ?? input;
        bool labelled = _label is not null;
        return new BatchScoredDataView(mapperInput, PerturbationBatchMapper.InputColumns(FeatureColumnName, labelled), rowByRow, [FeatureColumnName],
            (row, capacity) => new PerturbationBatchMapper(_perturbation, row, labelled, capacity, Environment.ProcessorCount));
    }

    /// <summary>Row-to-row mapper, used e.g. by prediction engines.</summary>
    /// <param name="inputSchema">Schema with the feature column (and the label column, if one is attacked).</param>
    /// <returns>A mapper rewriting the feature column.</returns>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _chain.GetRowToRowMapper(inputSchema);

    /// <summary>
    /// Saves the transform as its chain of built-in transforms (called by <c>mlContext.Model.Save</c>); the network is
    /// encoded now, not before.
    /// </summary>
    /// <param name="ctx">ML.NET's save context.</param>
    /// <exception cref="NotSupportedException">The network is too large for ML.NET's saved transforms.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        var payload = _perturbation.Payload;
        var saved = CreateSavedChain(new MLContext(), payload, _label, payload.Encode()).Fit(new EmptyDataView(_fittedSchema));
        ((ICanSaveModel)saved).Save(ctx);
    }

    /// <summary>The chain of built-in transforms that stores <paramref name="encodedPayload"/> (empty for a shape only) and perturbs with it.</summary>
    internal static IEstimator<ITransformer> CreateSavedChain(MLContext mlContext, ModelPayload payload, LabelConversion? label, string encodedPayload)
    {
        IEstimator<ITransformer> mapping = label is null
            ? mlContext.Transforms.CustomMapping(new PerturbationMappingFactory().GetMapping(), PerturbationMappingFactory.ContractName)
            : mlContext.Transforms.CustomMapping(new LabelledPerturbationMappingFactory().GetMapping(), LabelledPerturbationMappingFactory.ContractName);
        return CreateChain(mlContext, payload, label, encodedPayload, mapping);
    }

    /// <summary>A mapping holding the network itself: nothing is encoded for a transformer used in memory.</summary>
    private static IEstimator<ITransformer> InMemoryMapping(MLContext mlContext, NetworkInputPerturbation perturbation, LabelConversion? label) =>
        label is null
            ? mlContext.Transforms.CustomMapping<FeaturesInput, PerturbationOutput>(
                (input, output) => output.Perturb(perturbation, input.Features, label: null), contractName: null)
            : mlContext.Transforms.CustomMapping<LabelledFeaturesInput, PerturbationOutput>(
                (input, output) => output.Perturb(perturbation, input.Features, input.Label), contractName: null);

    private static IEstimator<ITransformer> CreateChain(MLContext mlContext, ModelPayload payload, LabelConversion? label, string? encodedPayload,
        IEstimator<ITransformer> mapping) =>
        SavedLayout.CreateEstimator(mlContext, payload.FeatureColumnName, label, encodedPayload, mapping, mappingColumns: [],
            payload.FeatureColumnName, payload.Network.InputSize, then: null);
}
