using Microsoft.ML.Data;
using SparseAdaptive.Network;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// A trained SparseAdaptive classifier as an ML.NET transformer: reads the feature column and adds
/// <c>Score</c> (one probability per class, a known-size vector of Single) and <c>PredictedLabel</c> (a key with the
/// label's key count and KeyValues), annotated as ML.NET's own multiclass trainers annotate them (for text labels the
/// class names are Score's SlotNames), here and in a model loaded with <c>mlContext.Model.Load</c>.
/// </summary>
/// <remarks>
/// Scoring, schema propagation and saving are delegated to chains of built-in ML.NET transforms, because the API to
/// save a transformer of one's own is internal to ML.NET: in memory a chain whose mapping holds the network, and, only
/// when saved, a chain that stores the encoded network (<see cref="SavedLayout"/>). So <c>mlContext.Model.Load</c> returns that
/// chain, not this type, which scores row by row: load with <c>mlContext.Model.LoadSparseAdaptive</c> to get the
/// pipeline back with this type in place (batched scoring), or call <see cref="FromTransformer"/> (or
/// <see cref="SparseAdaptiveTransformerExtensions.GetSparseNetwork"/>) on a loaded model to get the network back.
/// Loading needs no registration call, only this assembly deployed with the application. A row that cannot be scored
/// (a non-finite feature, or scores that overflow) is handled as <see cref="NonFiniteFeatures"/> says.
/// Permutation feature importance works on this type: pass it to
/// <c>mlContext.MulticlassClassification.PermutationFeatureImportance(model, data)</c> (with <see cref="FromTransformer"/>
/// for a pipeline); ML.NET's overload that takes a whole pipeline finds predictors through an interface internal to
/// ML.NET, so it cannot see this one.
/// </remarks>
public sealed class SparseAdaptiveModel : ISingleFeaturePredictionTransformer<SparseNetwork>, ICanSaveModel
{
    private readonly Lazy<ITransformer> _chain;
    private readonly ClassLabels _classes;
    private readonly ModelPayload _payload;

    private SparseAdaptiveModel(ModelPayload payload, ClassLabels classes)
    {
        // Made when first used: finding a model in a loaded chain (GetSparseNetwork) needs no chain of its own.
        _chain = new Lazy<ITransformer>(() => CreateInMemoryChain(payload, classes));
        _classes = classes;
        _payload = payload;
        Network = payload.Network;
        FeatureColumnName = payload.FeatureColumnName;
    }

    /// <summary>The trained network. Predicting with it is thread-safe; treat it as read-only.</summary>
    public SparseNetwork Network { get; }

    /// <summary>Name of the feature column the model reads (a vector of <see cref="Network"/>.InputSize Single values).</summary>
    public string FeatureColumnName { get; }

    /// <summary>The trained network, as ML.NET's prediction-transformer interface names it (so permutation feature importance finds it).</summary>
    SparseNetwork IPredictionTransformer<SparseNetwork>.Model => Network;

    /// <summary>Type of the feature column: a vector of <see cref="Network"/>.InputSize Single values.</summary>
    public DataViewType FeatureColumnType => new VectorDataViewType(NumberDataViewType.Single, Network.InputSize);

    /// <summary>What scoring does with a row that cannot be scored (set by the trainer's option, saved with the model).</summary>
    public NonFiniteFeatureHandling NonFiniteFeatures => _payload.NonFiniteFeatures;

    /// <summary>Number of classes (the size of the Score vector).</summary>
    public int ClassCount => _classes.Count;

    /// <summary>Always true: the model maps each row on its own.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>
    /// Returns a model that scores with <paramref name="network"/> and otherwise behaves like this one (same feature
    /// column, same classes).
    /// </summary>
    /// <param name="network">A network with this model's input size and class count, e.g. a modified clone of <see cref="Network"/>.</param>
    /// <exception cref="ArgumentException">The network's input size or class count differs from this model's.</exception>
    public SparseAdaptiveModel WithNetwork(SparseNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.InputSize != Network.InputSize || network.ClassCount != Network.ClassCount)
        {
            throw new ArgumentException(
                $"The network has {network.InputSize} inputs and {network.ClassCount} classes, but this model has " +
                $"{Network.InputSize} inputs and {Network.ClassCount} classes.", nameof(network));
        }
        return Create(_payload with { Network = network }, _classes);
    }

    /// <summary>
    /// Finds the SparseAdaptive model in a transformer: a <see cref="SparseAdaptiveModel"/>, a chain containing one,
    /// or a model loaded with <c>mlContext.Model.Load</c> (a chain of built-in transforms).
    /// </summary>
    /// <param name="transformer">The model to search, including nested chains.</param>
    /// <returns>The first SparseAdaptive model found, in chain order.</returns>
    /// <exception cref="ArgumentException">The transformer holds no SparseAdaptive model.</exception>
    /// <exception cref="InvalidDataException">The network stored in a loaded model is corrupt (it fails its checksum).</exception>
    public static SparseAdaptiveModel FromTransformer(ITransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return SavedModelReader.Find(transformer)
            ?? throw new ArgumentException(
                $"The transformer ({transformer.GetType().Name}) holds no SparseAdaptive model.", nameof(transformer));
    }

    /// <summary>
    /// Adds the Score and PredictedLabel columns to a schema with the feature column, with the annotations of ML.NET's
    /// own multiclass trainers (the class names as Score's SlotNames for text labels).
    /// </summary>
    /// <param name="inputSchema">Schema with the feature column.</param>
    /// <returns>The input columns plus Score and PredictedLabel.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, or not a vector of the network's input size.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        CheckFeatures(inputSchema);
        return _chain.Value.GetOutputSchema(inputSchema);
    }

    /// <summary>
    /// Scores the data lazily; an unshuffled cursor reading Score or PredictedLabel scores a batch of rows at a time
    /// (the same values as scoring row by row, as a loaded model's chain or a prediction engine does). The columns have
    /// the annotations of <see cref="GetOutputSchema(DataViewSchema)"/>.
    /// </summary>
    /// <param name="input">Data with the feature column.</param>
    /// <returns>The input columns plus Score and PredictedLabel.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, or not a vector of the network's input size.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckFeatures(input.Schema);
        return new BatchScoredDataView(input, [FeatureColumnName], _chain.Value.Transform(input), [SavedColumns.Score, SavedColumns.PredictedLabel],
            (row, capacity) => new NetworkBatchScorer(_payload, row, capacity, Environment.ProcessorCount));
    }

    /// <summary>Row-to-row mapper, used e.g. by prediction engines.</summary>
    /// <param name="inputSchema">Schema with the feature column.</param>
    /// <returns>A mapper adding Score and PredictedLabel, with the annotations of <see cref="GetOutputSchema(DataViewSchema)"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing, or not a vector of the network's input size.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        CheckFeatures(inputSchema);
        return _chain.Value.GetRowToRowMapper(inputSchema);
    }

    /// <summary>
    /// Saves the model as its chain of built-in transforms (called by <c>mlContext.Model.Save</c>); the network is
    /// encoded now, not before.
    /// </summary>
    /// <param name="ctx">ML.NET's save context.</param>
    /// <exception cref="NotSupportedException">The network is too large for ML.NET's saved transforms.</exception>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)CreateSavedChain(_payload, _payload.Encode(), _classes)).Save(ctx);

    /// <summary>The model of a network; its chain is made when first used.</summary>
    internal static SparseAdaptiveModel Create(ModelPayload payload, ClassLabels classes) => new(payload, classes);

    /// <summary>The chain of built-in transforms that stores <paramref name="encodedPayload"/> and scores with it.</summary>
    internal static ITransformer CreateSavedChain(ModelPayload payload, string encodedPayload, ClassLabels classes) =>
        CreateChain(payload, encodedPayload, SavedScoringMapping(new MLContext()), classes);

    /// <summary>
    /// The output shape for an input shape: the input columns plus Score and PredictedLabel, with the shapes of their
    /// annotations.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The feature column is missing or not a known-size vector of Single.</exception>
    internal SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        TrainingDataReader.CheckFeatureShape(inputSchema, FeatureColumnName);
        return _classes.Scorer.GetOutputSchema(inputSchema);
    }

    // The same built-in steps as the saved chain, but a mapping that holds the network itself: nothing is encoded.
    private static ITransformer CreateInMemoryChain(ModelPayload payload, ClassLabels classes) =>
        CreateChain(payload, encodedPayload: null, new MLContext().Transforms.CustomMapping<FeaturesInput, NetworkScoringOutput>(
            (input, output) => output.Score(payload, input.Features, hint: null), contractName: null), classes);

    private static ITransformer CreateChain(ModelPayload payload, string? encodedPayload, IEstimator<ITransformer> mapping, ClassLabels classes)
    {
        var mlContext = new MLContext();
        var estimator = SavedLayout.CreateEstimator(mlContext, payload.FeatureColumnName, label: null, encodedPayload, mapping,
            [SavedColumns.PredictedIndex, SavedColumns.Probabilities], SavedColumns.Probabilities, payload.Network.ClassCount, classes.Scorer);
        return SavedLayout.Fit(estimator, mlContext, payload.FeatureColumnName, payload.Network.InputSize);
    }

    private static IEstimator<ITransformer> SavedScoringMapping(MLContext mlContext) =>
        mlContext.Transforms.CustomMapping(new NetworkScoringMappingFactory().GetMapping(), NetworkScoringMappingFactory.ContractName);

    /// <summary>Checks that <paramref name="schema"/> has the feature column, a vector of Single of the network's input size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It does not; the message names the column (the user's, not an internal one).</exception>
    internal void CheckFeatures(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var column = TrainingDataReader.FindFeatureColumn(schema, FeatureColumnName, "input");
        int size = ((VectorDataViewType)column.Type).Size;
        if (size != Network.InputSize)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Feature column '{FeatureColumnName}' has {size} values, but the SparseAdaptive network takes {Network.InputSize}.");
        }
    }

    /// <summary>What the model stores when saved.</summary>
    internal ModelPayload Payload => _payload;

    /// <summary>The classes the model predicts, for components that read labels.</summary>
    internal ClassLabels Classes => _classes;
}
