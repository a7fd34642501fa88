using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// The binary trainer <see cref="ClassScorer"/> gives ML.NET's one-versus-all trainer: for class c it returns a linear
/// model with weight 1 on slot c of the probability vector, 0 elsewhere, and bias 0, whose raw score is that slot's
/// value bit for bit (1·p is exact, and the zero weights and the bias add only zeros).
/// </summary>
/// <remarks>
/// ML.NET's linear models have internal constructors, so each selector is trained: ML.NET's SGD with the hinge loss,
/// learning rate 1, no regularisation and one ordered pass over two rows (e_c, positive) then (0, negative) steps to
/// w = e_c, b = 1 and then b = 0, exactly. The one-versus-all trainer calls <see cref="Fit"/> once per class, in class
/// order (ML.NET 5 and 6 fit the first class twice, which the first row of the view tells apart); reading the class
/// from each view would cost a pass over all classes per class. <see cref="ClassScorer"/> checks the order afterwards.
/// </remarks>
internal sealed class ClassSelectorTrainer : ITrainerEstimator<BinaryPredictionTransformer<LinearBinaryModelParameters>, LinearBinaryModelParameters>
{
    private readonly MLContext _mlContext;
    private readonly SgdNonCalibratedTrainer _sgd;
    private readonly string _labelColumnName;
    private readonly string _probabilityColumnName;
    private readonly int _classCount;
    private int _nextClass = 1;

    /// <summary>Creates the trainer for one one-versus-all fit.</summary>
    /// <param name="mlContext">Context of the SGD trainer.</param>
    /// <param name="labelColumnName">The label column of the one-versus-all trainer (a Boolean in the views it passes).</param>
    /// <param name="probabilityColumnName">The vector column the selectors read.</param>
    /// <param name="classCount">Number of classes, the size of that vector.</param>
    public ClassSelectorTrainer(MLContext mlContext, string labelColumnName, string probabilityColumnName, int classCount)
    {
        _mlContext = mlContext;
        _labelColumnName = labelColumnName;
        _probabilityColumnName = probabilityColumnName;
        _classCount = classCount;
        _sgd = mlContext.BinaryClassification.Trainers.SgdNonCalibrated(new SgdNonCalibratedTrainer.Options
        {
            LabelColumnName = nameof(SelectorRow.Positive),
            FeatureColumnName = probabilityColumnName,
            LossFunction = new HingeLoss(),
            LearningRate = 1,
            L2Regularization = 0,
            NumberOfIterations = 1,
            Shuffle = false,
            NumberOfThreads = 1,
        });
    }

    /// <summary>The SGD trainer's characteristics (no calibration is asked for: the one-versus-all output is raw).</summary>
    public TrainerInfo Info => _sgd.Info;

    /// <summary>The SGD trainer's output shape.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _sgd.GetOutputSchema(inputSchema);

    /// <summary>Trains the selector of the class whose rows are positive in <paramref name="input"/>.</summary>
    public BinaryPredictionTransformer<LinearBinaryModelParameters> Fit(IDataView input)
    {
        int selected = IsFirstRowPositive(input) ? 0 : _nextClass++;
        if (selected >= _classCount)
        {
            throw new InvalidOperationException(
                $"ML.NET's one-versus-all trainer asked for more than {_classCount} class selectors; SparseAdaptive cannot annotate Score with it.");
        }
        var definition = SchemaDefinition.Create(typeof(SelectorRow));
        var probabilities = definition[nameof(SelectorRow.Probabilities)];
        probabilities.ColumnName = _probabilityColumnName;
        probabilities.ColumnType = new VectorDataViewType(NumberDataViewType.Single, _classCount);
        var rows = new[]
        {
            new SelectorRow { Probabilities = new VBuffer<float>(_classCount, 1, [1f], [selected]), Positive = true },
            new SelectorRow { Probabilities = new VBuffer<float>(_classCount, 0, [], []), Positive = false },
        };
        return _sgd.Fit(_mlContext.Data.LoadFromEnumerable(rows, definition));
    }

    // Row c of the one-versus-all data is class c, so the first row is positive only in the views of class 0.
    private bool IsFirstRowPositive(IDataView input)
    {
        var label = input.Schema[_labelColumnName];
        using var cursor = input.GetRowCursor([label]);
        bool positive = false;
        if (cursor.MoveNext())
        {
            cursor.GetGetter<bool>(label)(ref positive);
        }
        return positive;
    }

    private sealed class SelectorRow
    {
        public VBuffer<float> Probabilities { get; set; }

        public bool Positive { get; set; }
    }
}
