using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// The last step of a model's chain: ML.NET's own multiclass scorer turns the network's probability vector into
/// <c>Score</c> (the same values, bit for bit) and <c>PredictedLabel</c> (the most probable class, the missing key for a
/// row of NaN scores), so both columns carry exactly the annotations ML.NET's trainers give them (ScoreColumnKind,
/// ScoreValueKind, ScoreColumnSetId, TrainingLabelValues, the class names as Score's SlotNames for text labels, the
/// KeyValues of PredictedLabel), and carry them through <c>Model.Save</c> and a plain <c>Model.Load</c>.
/// </summary>
/// <remarks>
/// The scorer is the prediction transformer of ML.NET's one-versus-all trainer over linear models that each pass one
/// probability through (<see cref="ClassSelectorTrainer"/>), fitted on one row per class whose label has the model's
/// classes: prediction transformers, their scorers and linear models have internal constructors, so a trainer is the
/// only public way to one, and this one is exact. It saves its training label's KeyValues, from which ML.NET rebuilds
/// the annotations when it loads the model. As an estimator it is already fitted: <see cref="Fit"/> returns the scorer.
/// </remarks>
internal sealed class ClassScorer : IEstimator<ITransformer>
{
    // The label of the one-versus-all training rows; not an input of the fitted scorer.
    private const string ClassColumnName = "SparseAdaptive.Class";

    private readonly ITransformer _scorer;
    private readonly SchemaShape.Column[] _outputShapes;

    private ClassScorer(ITransformer scorer, SchemaShape.Column[] outputShapes)
    {
        _scorer = scorer;
        _outputShapes = outputShapes;
    }

    /// <summary>Fits the scorer of <paramref name="classes"/>, reading <see cref="SavedColumns.Probabilities"/>.</summary>
    /// <exception cref="InvalidOperationException">ML.NET's one-versus-all trainer did not give a scorer that passes each
    /// probability through (a version of ML.NET that trains its classes in another order).</exception>
    public static ClassScorer Create(ClassLabels classes)
    {
        var mlContext = new MLContext(seed: 0);
        var scorer = CreateTrainer(mlContext, ClassColumnName, classes.Count).Fit(TrainingData(mlContext, classes));
        var output = Check(mlContext, scorer, classes.Count);
        return new ClassScorer(scorer, ColumnShapes.Of([output[SavedColumns.Score], output[SavedColumns.PredictedLabel]]).ToArray());
    }

    /// <summary>
    /// The Score and PredictedLabel a trainer with this scorer adds to <paramref name="inputSchema"/>, which has the
    /// label column (a UInt32 key): ML.NET's own shapes of a multiclass trainer's output.
    /// </summary>
    public static SchemaShape GetTrainerOutputSchema(SchemaShape inputSchema, string labelColumnName) =>
        CreateTrainer(new MLContext(), labelColumnName, classCount: 2).GetOutputSchema(inputSchema);

    /// <summary>The fitted scorer (it reads <see cref="SavedColumns.Probabilities"/>).</summary>
    public ITransformer Fit(IDataView input) => _scorer;

    /// <summary><paramref name="inputSchema"/> with the Score and PredictedLabel of these classes.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => ColumnShapes.With(inputSchema, _outputShapes);

    private static IEstimator<ITransformer> CreateTrainer(MLContext mlContext, string labelColumnName, int classCount) =>
        mlContext.MulticlassClassification.Trainers.OneVersusAll(
            new ClassSelectorTrainer(mlContext, labelColumnName, SavedColumns.Probabilities, classCount), labelColumnName, useProbabilities: false);

    // Row c: the probability vector e_c, labelled class c (key c + 1, with the classes' KeyValues if they have any).
    private static IDataView TrainingData(MLContext mlContext, ClassLabels classes)
    {
        int count = classes.Count;
        var definition = SchemaDefinition.Create(typeof(ClassRow));
        var label = definition[nameof(ClassRow.Class)];
        label.ColumnName = ClassColumnName;
        label.ColumnType = new KeyDataViewType(typeof(uint), count);
        if (classes.HasKeyValues)
        {
            classes.AddKeyValues(label);
        }
        var probabilities = definition[nameof(ClassRow.Probabilities)];
        probabilities.ColumnName = SavedColumns.Probabilities;
        probabilities.ColumnType = new VectorDataViewType(NumberDataViewType.Single, count);
        // LoadFromEnumerable reads a key member 0-based: c is the key c + 1.
        var rows = Enumerable.Range(0, count).Select(c => new ClassRow { Class = (uint)c, Probabilities = new VBuffer<float>(count, 1, [1f], [c]) });
        return mlContext.Data.LoadFromEnumerable(rows, definition);
    }

    // Scores 0, 0, ... and 1, 2, ... K, which only selectors of slots 0..K-1 in class order pass through unchanged.
    private static DataViewSchema Check(MLContext mlContext, ITransformer scorer, int count)
    {
        var definition = SchemaDefinition.Create(typeof(ProbeRow));
        var probabilities = definition[nameof(ProbeRow.Probabilities)];
        probabilities.ColumnName = SavedColumns.Probabilities;
        probabilities.ColumnType = new VectorDataViewType(NumberDataViewType.Single, count);
        var probes = new[] { new float[count], Enumerable.Range(1, count).Select(i => (float)i).ToArray() };
        var scored = scorer.Transform(mlContext.Data.LoadFromEnumerable(probes.Select(p => new ProbeRow { Probabilities = p }), definition));
        var scores = scored.GetColumn<float[]>(SavedColumns.Score).ToArray();
        if (!scores.Select((score, i) => score.SequenceEqual(probes[i])).All(equal => equal))
        {
            throw new InvalidOperationException(
                "ML.NET's one-versus-all trainer did not give a scorer that passes each class probability through unchanged " +
                "(this version of ML.NET trains its classes in another order); SparseAdaptive cannot annotate Score with it.");
        }
        return scored.Schema;
    }

    private sealed class ClassRow
    {
        public uint Class { get; set; }

        public VBuffer<float> Probabilities { get; set; }
    }

    private sealed class ProbeRow
    {
        public float[] Probabilities { get; set; } = [];
    }
}
