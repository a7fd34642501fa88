using Microsoft.ML.Runtime;
using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Trains a truly sparse multilayer network with adaptive topology (Sparse Evolutionary Training) for multiclass
/// classification. Create it with <c>mlContext.MulticlassClassification.Trainers.SparseAdaptive(...)</c>.
/// </summary>
/// <remarks>
/// Input: a label column of key type (use MapValueToKey) and a feature column that is a known-size vector of Single
/// with finite values. Output of the fitted <see cref="SparseAdaptiveModel"/>: <c>Score</c> and <c>PredictedLabel</c>,
/// as for ML.NET's own multiclass trainers. This class only moves data between ML.NET and the engine
/// (<see cref="NetworkTrainer"/>); the training itself happens there.
/// </remarks>
public sealed partial class SparseAdaptiveTrainer : IEstimator<SparseAdaptiveModel>
{
    private readonly Options _options;
    private readonly IHostEnvironment? _environment;

    /// <summary>Creates the trainer; the options are validated now and read again at <see cref="Fit(IDataView)"/>.</summary>
    /// <param name="mlContext">Context whose seed (when <see cref="Options.Seed"/> is null) and Log are used; may be null.</param>
    /// <param name="options">Training options.</param>
    /// <exception cref="ArgumentException">An option is invalid; the exception names it.</exception>
    public SparseAdaptiveTrainer(MLContext? mlContext, Options options)
        : this((IHostEnvironment?)mlContext, options)
    {
    }

    internal SparseAdaptiveTrainer(IHostEnvironment? environment, Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _environment = environment;
        // Converting validates: a bad option fails here, where it was set, not after Fit has read the data.
        _ = _options.ToTrainingSettings(contextSeed: null);
    }

    /// <summary>Reads all rows of <paramref name="input"/> and trains a network on them.</summary>
    /// <param name="input">Training data with the label and feature columns.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped, the data is empty, a feature is not finite,
    /// a label is missing, or an option is invalid; the message names the column, row or option.</exception>
    /// <exception cref="TrainingDivergedException">The loss stopped being finite; the message names the epoch.</exception>
    /// <exception cref="OperationCanceledException"><see cref="Options.CancellationToken"/> was cancelled.</exception>
    public SparseAdaptiveModel Fit(IDataView input) => Fit(input, _options.ValidationSet, nameof(Options.ValidationSet));

    /// <summary>
    /// Reads all rows of <paramref name="trainData"/> and trains a network on them, scoring
    /// <paramref name="validationData"/> after every epoch (as <see cref="Options.ValidationSet"/> does).
    /// </summary>
    /// <param name="trainData">Training data with the label and feature columns.</param>
    /// <param name="validationData">Validation data with the feature column and the label column: the raw class values
    /// or keys from any MapValueToKey (they are matched to the training classes by value).</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Fit(IDataView)"/>; also when the validation data does not
    /// fit the training data (a class the training data lacks, another feature count), naming <c>validationData</c>, or
    /// when <see cref="Options.ValidationSet"/> is set too.</exception>
    /// <exception cref="TrainingDivergedException">The loss stopped being finite; the message names the epoch.</exception>
    /// <exception cref="OperationCanceledException"><see cref="Options.CancellationToken"/> was cancelled.</exception>
    public SparseAdaptiveModel Fit(IDataView trainData, IDataView validationData)
    {
        ArgumentNullException.ThrowIfNull(validationData);
        if (_options.ValidationSet is not null)
        {
            throw new ArgumentException(
                $"Give the validation data either as {nameof(validationData)} or as the option {nameof(Options.ValidationSet)}, not both.", nameof(validationData));
        }
        return Fit(trainData, validationData, nameof(validationData));
    }

    private SparseAdaptiveModel Fit(IDataView input, IDataView? validationData, string validationName)
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = _options.ToTrainingSettings(CatalogEnvironment.FindSeed(_environment));
        CheckShape(settings, input.Schema);
        var (train, classes) = TrainingDataReader.Read(input, _options.FeatureColumnName, _options.LabelColumnName, "training");
        var validation = validationData is null ? null : ReadValidation(validationData, validationName, train, classes);
        using var progress = new EpochProgress(_environment, _options.EpochCompleted);
        SparseNetwork network = NetworkTrainer.Train(train, settings, validation, progress.Report, _options.CancellationToken);
        return SparseAdaptiveModel.Create(new ModelPayload(_options.FeatureColumnName, network, _options.NonFiniteFeatures), classes);
    }

    /// <summary>Schema propagation: the input columns plus Score and PredictedLabel.</summary>
    /// <param name="inputSchema">Shape of the training data.</param>
    /// <returns>The shape of the scored data.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The feature or label column is missing or mistyped.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        TrainingDataReader.CheckFeatureShape(inputSchema, _options.FeatureColumnName);
        var labelName = _options.LabelColumnName;
        var label = FindColumn(inputSchema, labelName)
            ?? throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Label column '{labelName}' was not found in the input schema.");
        if (!label.IsKey)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Label column '{labelName}' is not a key type. Convert it with mlContext.Transforms.Conversion.MapValueToKey(\"{labelName}\").");
        }
        return ClassScorer.GetTrainerOutputSchema(inputSchema, labelName);
    }

    // Checks the network's size from the schema alone, before any row is read.
    private void CheckShape(TrainingSettings settings, DataViewSchema schema)
    {
        var features = TrainingDataReader.FindFeatureColumn(schema, _options.FeatureColumnName, "training");
        var label = schema.GetColumnOrNull(_options.LabelColumnName);
        int classCount = label?.Type is Microsoft.ML.Data.KeyDataViewType { Count: > 1 and <= int.MaxValue } key ? (int)key.Count : 2;
        if (settings.FindOversizedLayer(((Microsoft.ML.Data.VectorDataViewType)features.Type).Size, classCount) is { } oversized)
        {
            throw Options.InvalidOption(oversized);
        }
    }

    private static SchemaShape.Column? FindColumn(SchemaShape shape, string name) =>
        shape.Where(column => column.Name == name).Select(column => (SchemaShape.Column?)column).LastOrDefault();

    // The validation labels are matched to the training classes by value, as the trained model would score them.
    private LabeledSamples ReadValidation(IDataView data, string name, LabeledSamples train, ClassLabels trainClasses)
    {
        try
        {
            var keyed = trainClasses.ToKeys(data, _options.LabelColumnName);
            var (validation, classes) = TrainingDataReader.Read(keyed, _options.FeatureColumnName, _options.LabelColumnName, "validation");
            if (validation.FeatureCount != train.FeatureCount || classes.Count != train.ClassCount)
            {
                throw new ArgumentException(
                    $"Validation data has {validation.FeatureCount} features and {classes.Count} classes, but the training data has " +
                    $"{train.FeatureCount} features and {train.ClassCount} classes.");
            }
            return validation;
        }
        catch (ArgumentException e)
        {
            string reason = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
            throw new ArgumentException($"Invalid {name}: {reason}", name, e);
        }
    }
}
