using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Data;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace Microsoft.ML;

/// <summary>ML.NET catalog entries of the SparseAdaptive library.</summary>
public static class SparseAdaptiveCatalog
{
    /// <summary>
    /// Creates a <see cref="SparseAdaptiveTrainer"/>: a truly sparse multilayer network with adaptive topology.
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">Training options.</param>
    /// <returns>The trainer; <c>Fit</c> returns a <see cref="SparseAdaptiveModel"/>.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the exception names it.</exception>
    public static SparseAdaptiveTrainer SparseAdaptive(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        SparseAdaptiveTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SparseAdaptiveTrainer(CatalogEnvironment.Find(catalog), options);
    }

    /// <summary>
    /// Creates a <see cref="SparseAdaptiveTrainer"/> with the main options; the others keep the defaults of
    /// <see cref="SparseAdaptiveTrainer.Options"/> (<see cref="TrainingDefaults"/>).
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">Label column, a key type.</param>
    /// <param name="featureColumnName">Feature column, a known-size vector of Single.</param>
    /// <param name="hiddenLayerSizes">Sizes of the sparse hidden layers; null for three layers of 1000.</param>
    /// <param name="sparsity">Fraction of absent links in each hidden layer, in [0, 1).</param>
    /// <param name="numberOfEpochs">Number of passes over the training data.</param>
    /// <param name="batchSize">Mini-batch size.</param>
    /// <param name="learningRate">Initial learning rate.</param>
    /// <param name="topology">Adaptive (SET) or static topology.</param>
    /// <param name="seed">Random seed; null uses the MLContext's seed if it has one.</param>
    /// <returns>The trainer; <c>Fit</c> returns a <see cref="SparseAdaptiveModel"/>.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; the exception names it.</exception>
    public static SparseAdaptiveTrainer SparseAdaptive(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        int[]? hiddenLayerSizes = null,
        double sparsity = TrainingDefaults.Sparsity,
        int numberOfEpochs = TrainingDefaults.Epochs,
        int batchSize = TrainingDefaults.BatchSize,
        float learningRate = TrainingDefaults.LearningRate,
        TopologyMode topology = TrainingDefaults.Topology,
        int? seed = null)
    {
        var options = new SparseAdaptiveTrainer.Options
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            Sparsity = sparsity,
            NumberOfEpochs = numberOfEpochs,
            BatchSize = batchSize,
            LearningRate = learningRate,
            Topology = topology,
            Seed = seed,
        };
        options.HiddenLayerSizes = hiddenLayerSizes ?? options.HiddenLayerSizes;
        return catalog.SparseAdaptive(options);
    }

    /// <summary>
    /// Saves a model like <c>mlContext.Model.Save</c>, but never leaves a partial file: the model is written to a
    /// temporary file in the same directory and then moved over <paramref name="filePath"/>. (ML.NET's own
    /// <c>Save(model, schema, path)</c> creates the file first and leaves it half-written if saving fails.) Load it
    /// back with <see cref="LoadSparseAdaptive"/>.
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="model">The model to save.</param>
    /// <param name="inputSchema">Schema of the model's input, or null.</param>
    /// <param name="filePath">Destination; replaced only when the whole model has been written.</param>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="filePath"/>.</exception>
    public static void SaveAtomically(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema? inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        AtomicFile.Write(filePath, file => catalog.Save(model, inputSchema, file));
    }

    /// <summary>
    /// Loads a model like <c>mlContext.Model.Load</c>, with every SparseAdaptive model in it back as a
    /// <see cref="SparseAdaptiveModel"/>, which scores in batches (several times faster than the row-by-row chain
    /// <c>Load</c> returns) with the same scores. The stored networks are decoded and their checksums verified now.
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="filePath">A model saved with <c>Save</c> or <see cref="SaveAtomically"/>.</param>
    /// <param name="inputSchema">The schema the model was saved with, or null.</param>
    /// <returns>The loaded pipeline.</returns>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a loadable model, or a network in it is corrupt; the message names the file.</exception>
    public static ITransformer LoadSparseAdaptive(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        ITransformer loaded;
        try
        {
            loaded = catalog.Load(filePath, out inputSchema);
        }
        catch (Exception e) when (e is not (FileNotFoundException or DirectoryNotFoundException or OutOfMemoryException))
        {
            throw new InvalidDataException($"The file '{filePath}' is not an ML.NET model that can be loaded: {e.Message}", e);
        }
        try
        {
            return SavedModelReader.WithModels(loaded);
        }
        catch (InvalidDataException e)
        {
            // The file is named here, so the payload's hint on how to name it is left out.
            throw new InvalidDataException($"The model file '{filePath}' holds a corrupt SparseAdaptive network: {(e.InnerException ?? e).Message}", e);
        }
    }
}
