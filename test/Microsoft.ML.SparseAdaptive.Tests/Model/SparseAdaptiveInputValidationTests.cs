using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

public class SparseAdaptiveInputValidationTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    public static TheoryData<string, Action<SparseAdaptiveTrainer.Options>> InvalidOptions() => new()
    {
        { "Sparsity", o => o.Sparsity = 1.0 },
        { "Sparsity", o => o.Sparsity = -0.1 },
        { "HiddenLayerSizes", o => o.HiddenLayerSizes = [] },
        { "HiddenLayerSizes", o => o.HiddenLayerSizes = [16, 0] },
        { "NumberOfEpochs", o => o.NumberOfEpochs = 0 },
        { "BatchSize", o => o.BatchSize = -1 },
        { "LearningRate", o => o.LearningRate = -0.1f },
        { "Momentum", o => o.Momentum = 1f },
        { "DropoutRate", o => o.DropoutRate = 1f },
        { "RewireFraction", o => o.RewireFraction = 1.5 },
        { "NumberOfThreads", o => o.NumberOfThreads = -2 },
        { "LabelColumnName", o => o.LabelColumnName = "" },
        { "FeatureColumnName", o => o.FeatureColumnName = " " },
        { "Topology", o => o.Topology = (TopologyMode)42 },
        { "RewireSchedule", o => o.RewireSchedule = (RewireSchedule)42 },
        { "LearningRateSchedule", o => o.LearningRateSchedule = (LearningRateSchedule)42 },
        { "NonFiniteFeatures", o => o.NonFiniteFeatures = (NonFiniteFeatureHandling)42 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_rejected_naming_the_option(string option, Action<SparseAdaptiveTrainer.Options> spoil)
    {
        var options = SyntheticBlobs.Options();
        spoil(options);

        var create = () => _mlContext.MulticlassClassification.Trainers.SparseAdaptive(options);

        create.Should().Throw<ArgumentException>().WithParameterName(option).WithMessage($"*option {option}*");
    }

    [Fact]
    public void An_unknown_non_finite_feature_handling_is_rejected_with_its_value()
    {
        var options = SyntheticBlobs.Options();
        options.NonFiniteFeatures = (NonFiniteFeatureHandling)42;

        var create = () => _mlContext.MulticlassClassification.Trainers.SparseAdaptive(options);

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("NonFiniteFeatures")
            .WithMessage("Invalid SparseAdaptive option NonFiniteFeatures is not a known handling of non-finite features; got 42.*");
    }

    [Fact]
    public void Invalid_scalar_arguments_are_rejected_naming_the_option()
    {
        var create = () => _mlContext.MulticlassClassification.Trainers.SparseAdaptive(numberOfEpochs: 0);

        create.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("NumberOfEpochs");
    }

    [Theory]
    [InlineData("Feature", "Pixels")]
    [InlineData("Label", "Class")]
    public void Missing_column_is_named(string role, string column)
    {
        var options = SyntheticBlobs.Options();
        if (role == "Feature")
        {
            options.FeatureColumnName = column;
        }
        else
        {
            options.LabelColumnName = column;
        }

        Fitting(Keyed(), options).Should().Throw<ArgumentOutOfRangeException>().WithMessage($"{role} column '{column}' was not found in the training data.*");
        Shaping(Keyed(), options).Should().Throw<ArgumentOutOfRangeException>().WithMessage($"{role} column '{column}' was not found in the input schema.*");
    }

    [Fact]
    public void Scalar_feature_column_is_rejected()
    {
        var data = _mlContext.Data.LoadFromEnumerable(new[] { new ScalarRow { Features = 1, Label = 0 }, new ScalarRow { Features = 2, Label = 1 } });

        Fitting(data).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Feature column 'Features' has type Single, but*known-size vector of Single*");
        Shaping(data).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Feature column 'Features'*known-size vector of Single*");
    }

    [Fact]
    public void Variable_size_feature_column_is_rejected()
    {
        var data = _mlContext.Data.LoadFromEnumerable(new[] { new VariableRow { Features = [1f, 2f], Label = 0 }, new VariableRow { Features = [1f], Label = 1 } });

        Fitting(data).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Feature column 'Features' has type Vector<Single>, but*known-size*");
        Shaping(data).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Feature column 'Features' has type VariableVector of Single*");
    }

    [Fact]
    public void Double_features_are_rejected()
    {
        var data = _mlContext.Data.LoadFromEnumerable(new[] { new DoubleRow { Features = [1, 2], Label = 0 }, new DoubleRow { Features = [2, 1], Label = 1 } });

        Fitting(data).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Feature column 'Features' has type Vector<Double, 2>, but*Single*");
        Shaping(data).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Feature column 'Features' has type Vector of Double*");
    }

    [Fact]
    public void Label_that_is_not_a_key_suggests_MapValueToKey()
    {
        var raw = _mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(20, seed: 1));

        Fitting(raw).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Label column 'Label' has type String, but*key type*MapValueToKey(\"Label\")*");
        Shaping(raw).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Label column 'Label' is not a key type*MapValueToKey*");
    }

    [Fact]
    public void Missing_label_value_is_reported_with_its_row()
    {
        // LoadFromEnumerable turns a KeyType member outside [0, count) into the missing key.
        var data = _mlContext.Data.LoadFromEnumerable(new[]
        {
            new KeyRow { Features = [1, 2], Label = 0 },
            new KeyRow { Features = [2, 1], Label = 1 },
            new KeyRow { Features = [2, 2], Label = 7 },
        });

        Fitting(data).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Label column 'Label' has a missing or out-of-range key (0) in row 2*");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_features_are_reported_with_column_row_and_index(float bad)
    {
        var rows = SyntheticBlobs.Rows(10, seed: 1);
        rows[6].Features[3] = bad;

        Fitting(Keyed(rows)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage($"Feature column 'Features' has the value {bad} at index 3 in row 6 of the training data*");
    }

    [Fact]
    public void Empty_data_is_rejected()
    {
        var data = Keyed(new List<SyntheticBlobs.Row>());

        Fitting(data).Should().Throw<ArgumentException>().WithMessage("The training data has no rows.*");
    }

    [Fact]
    public void Validation_data_with_other_features_is_rejected()
    {
        var options = SyntheticBlobs.Options();
        var wider = SyntheticBlobs.Rows(30, seed: 1).Select(r => new WideRow { Features = [.. r.Features, 0f], Label = r.Label }).ToList();
        options.ValidationSet = _mlContext.Data.LoadFromEnumerable(wider);

        Fitting(Keyed(), options).Should().Throw<ArgumentException>().WithParameterName("ValidationSet")
            .WithMessage("Invalid ValidationSet: Validation data has 9 features and 4 classes, but the training data has 8 features and 4 classes.*");
    }

    [Fact]
    public void Scoring_features_of_another_size_are_reported_with_the_column()
    {
        var model = _mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Fit(Keyed());
        var wrongSize = _mlContext.Data.LoadFromEnumerable(new[] { new VariableRow { Features = [1f, 2f, 3f] } });

        var score = () => SyntheticBlobs.Scores(model.Transform(wrongSize));

        score.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Feature column 'Features' has type Vector<Single>, but SparseAdaptive needs a known-size vector of Single*");
    }

    private Func<SparseAdaptiveModel> Fitting(IDataView data, SparseAdaptiveTrainer.Options? options = null) =>
        () => _mlContext.MulticlassClassification.Trainers.SparseAdaptive(options ?? SyntheticBlobs.Options()).Fit(data);

    /// <summary>Fitting inside a pipeline: an estimator chain propagates the schema shape before it fits anything.</summary>
    private Func<ITransformer> Shaping(IDataView data, SparseAdaptiveTrainer.Options? options = null) =>
        () => new EstimatorChain<ITransformer>().Append(_mlContext.MulticlassClassification.Trainers.SparseAdaptive(options ?? SyntheticBlobs.Options())).Fit(data);

    private IDataView Keyed(List<SyntheticBlobs.Row>? rows = null)
    {
        var all = _mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(40, seed: 1));
        return _mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(all).Transform(rows is null ? all : _mlContext.Data.LoadFromEnumerable(rows));
    }

    private sealed class ScalarRow
    {
        public float Features { get; set; }

        [KeyType(2)]
        public uint Label { get; set; }
    }

    private sealed class VariableRow
    {
        public float[] Features { get; set; } = [];

        [KeyType(2)]
        public uint Label { get; set; }
    }

    private sealed class DoubleRow
    {
        [VectorType(2)]
        public double[] Features { get; set; } = [];

        [KeyType(2)]
        public uint Label { get; set; }
    }

    private sealed class KeyRow
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];

        [KeyType(2)]
        public uint Label { get; set; }
    }

    private sealed class WideRow
    {
        [VectorType(SyntheticBlobs.FeatureCount + 1)]
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = string.Empty;
    }
}
