using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Training;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

/// <summary>Bad input that used to get through silently: each case now has a defined, documented outcome.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("sparse-adaptive-bad-input-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<float> Unscorable => new() { float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue };

    [Theory]
    [MemberData(nameof(Unscorable))]
    public void An_unscorable_row_predicts_the_missing_label_in_Transform_PredictionEngine_and_a_loaded_model(float bad)
    {
        var (model, data) = SyntheticBlobs.FitPipeline(_ml);
        var rows = SyntheticBlobs.Rows(3, seed: 5);
        rows[1].Features[2] = bad;
        if (bad == float.MaxValue)
        {
            Array.Fill(rows[1].Features, float.MaxValue);
        }
        var path = Path.Combine(_directory, "model.zip");
        _ml.Model.Save(model, data.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _);
        var fast = new MLContext().Model.LoadSparseAdaptive(path, out _);

        foreach (var scorer in new[] { model, loaded, fast })
        {
            var scored = scorer.Transform(_ml.Data.LoadFromEnumerable(rows));
            var predicted = scored.GetColumn<string>("PredictedLabel").ToArray();
            var scores = SyntheticBlobs.Scores(scored);
            predicted[1].Should().BeEmpty("the missing key maps back to the empty value");
            scores[1].Should().OnlyContain(s => float.IsNaN(s));
            predicted[0].Should().NotBeEmpty();
            predicted[2].Should().NotBeEmpty();

            var engine = _ml.Model.CreatePredictionEngine<SyntheticBlobs.Row, Prediction>(scorer);
            var prediction = engine.Predict(rows[1]);
            prediction.PredictedLabel.Should().BeEmpty();
            prediction.Score.Should().OnlyContain(s => float.IsNaN(s));
            engine.Predict(rows[0]).PredictedLabel.Should().Be(predicted[0]);
        }
    }

    [Fact]
    public void An_unscorable_row_throws_naming_the_column_and_row_when_asked_to()
    {
        var (model, rows, path) = SavedModelThatThrowsOnRow3();

        var batched = () => SyntheticBlobs.Scores(model.Transform(_ml.Data.LoadFromEnumerable(rows)));
        batched.Should().Throw<InvalidOperationException>().WithMessage("Feature column 'Features' has the value NaN at index 6 in row 3;*");

        var loaded = new MLContext().Model.Load(path, out _);
        var rowByRow = () => SyntheticBlobs.Scores(loaded.Transform(_ml.Data.LoadFromEnumerable(rows)));
        Messages(rowByRow.Should().Throw<Exception>().Which).Should().Contain(m => m.StartsWith("Feature column 'Features' has the value NaN at index 6", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unscorable_row_of_a_model_loaded_with_plain_Load_says_how_to_have_the_row_named()
    {
        var (_, rows, path) = SavedModelThatThrowsOnRow3();

        // ML.NET gives a loaded chain's mapping no row position (issue 22, point 7): the message says how to have the row named.
        var loaded = new MLContext().Model.Load(path, out _);
        var rowByRow = () => SyntheticBlobs.Scores(loaded.Transform(_ml.Data.LoadFromEnumerable(rows)));
        Messages(rowByRow.Should().Throw<Exception>().Which).Should().Contain(
            "Feature column 'Features' has the value NaN at index 6 in a row; the SparseAdaptive model needs finite features. (ML.NET does not tell " +
            "a model loaded with mlContext.Model.Load which row it scores: load it with mlContext.Model.LoadSparseAdaptive to have the row named.)");

        var named = new MLContext().Model.LoadSparseAdaptive(path, out _);
        var batched = () => SyntheticBlobs.Scores(named.Transform(_ml.Data.LoadFromEnumerable(rows)));
        batched.Should().Throw<InvalidOperationException>().WithMessage("Feature column 'Features' has the value NaN at index 6 in row 3; the SparseAdaptive model needs finite features.");
    }

    // A model trained to throw on non-finite features, saved, and five rows whose row 3 has NaN at index 6.
    private (ITransformer Model, List<SyntheticBlobs.Row> Rows, string Path) SavedModelThatThrowsOnRow3()
    {
        var options = SyntheticBlobs.Options();
        options.NonFiniteFeatures = NonFiniteFeatureHandling.Throw;
        var data = _ml.Data.LoadFromEnumerable(SyntheticBlobs.Rows(40, seed: 1));
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var model = _ml.MulticlassClassification.Trainers.SparseAdaptive(options).Fit(keyed);
        var rows = SyntheticBlobs.Rows(5, seed: 5);
        rows[3].Features[6] = float.NaN;
        var path = Path.Combine(_directory, "throwing.zip");
        _ml.Model.Save(model, keyed.Schema, path);
        return (model, rows, path);
    }

    [Theory]
    [InlineData(1e6f, 1f)]
    [InlineData(0.05f, 1e30f)]
    public void Training_that_diverges_stops_naming_the_epoch_and_the_likely_cause(float learningRate, float featureScale)
    {
        var rows = SyntheticBlobs.Rows(200, seed: 1);
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Features.Length; i++)
            {
                row.Features[i] = Math.Abs(row.Features[i]) * featureScale;
            }
        }
        var data = _ml.Data.LoadFromEnumerable(rows);
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var options = SyntheticBlobs.Options();
        options.LearningRate = learningRate;

        var fit = () => _ml.MulticlassClassification.Trainers.SparseAdaptive(options).Fit(keyed);

        fit.Should().Throw<TrainingDivergedException>().WithMessage("Training diverged in epoch *learning rate*features are not scaled*");
    }

    [Fact]
    public void A_flipped_bit_in_a_saved_network_fails_on_load_naming_the_file()
    {
        var (model, data) = SyntheticBlobs.FitPipeline(_ml);
        var trained = SparseAdaptiveModel.FromTransformer(model);
        // The stored text with one bit of the network changed, still valid base64: what a corrupt copy of the file holds.
        var parts = trained.Payload.Encode().Split(';');
        var network = Convert.FromBase64String(parts[^1]);
        network[^40] ^= 0x01;
        parts[^1] = Convert.ToBase64String(network);
        var corrupt = SparseAdaptiveModel.CreateSavedChain(trained.Payload, string.Join(';', parts), trained.Classes);
        var path = Path.Combine(_directory, "corrupt.zip");
        _ml.Model.Save(corrupt, data.Schema, path);

        var fast = () => new MLContext().Model.LoadSparseAdaptive(path, out _);
        fast.Should().Throw<InvalidDataException>().WithMessage($"The model file '{path}' holds a corrupt SparseAdaptive network:*fails its checksum*")
            .Which.Message.Should().NotContain("load the model with");

        // ML.NET does not pass the path to the chain: the message says how to have the file named.
        var loaded = new MLContext().Model.Load(path, out _);
        var score = () => SyntheticBlobs.Scores(loaded.Transform(data));
        Messages(score.Should().Throw<Exception>().Which).Should().Contain(m => m.Contains("fails its checksum", StringComparison.Ordinal)
            && m.EndsWith("load the model with mlContext.Model.LoadSparseAdaptive to have the file named.)", StringComparison.Ordinal));
        var inspect = () => loaded.GetSparseNetwork();
        inspect.Should().Throw<InvalidDataException>().WithMessage("*fails its checksum*LoadSparseAdaptive to have the file named.)");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_that_is_not_a_model_fails_naming_the_file(bool truncated)
    {
        var (model, data) = SyntheticBlobs.FitPipeline(_ml);
        var path = Path.Combine(_directory, "broken.zip");
        _ml.Model.Save(model, data.Schema, path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, truncated ? bytes[..(bytes.Length / 2)] : new Random(3).GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 4096));

        var load = () => new MLContext().Model.LoadSparseAdaptive(path, out _);

        load.Should().Throw<InvalidDataException>().WithMessage($"The file '{path}' is not an ML.NET model that can be loaded:*");
    }

    [Fact]
    public void Cancelling_the_token_stops_Fit_within_a_batch()
    {
        var data = _ml.Data.LoadFromEnumerable(SyntheticBlobs.Rows(400, seed: 1));
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        using var cancellation = new CancellationTokenSource();
        var options = SyntheticBlobs.Options();
        options.NumberOfEpochs = 150;
        options.CancellationToken = cancellation.Token;
        int epochs = 0;
        options.EpochCompleted = report =>
        {
            epochs = report.Epoch;
            if (report.Epoch == 2)
            {
                cancellation.Cancel();
            }
        };

        var fit = () => _ml.MulticlassClassification.Trainers.SparseAdaptive(options).Fit(keyed);

        fit.Should().Throw<OperationCanceledException>();
        epochs.Should().Be(2, "the first batch of epoch 3 sees the cancellation");
    }

    [Fact]
    public void A_string_feature_column_at_scoring_is_named_as_the_user_knows_it()
    {
        var (model, _) = SyntheticBlobs.FitPipeline(_ml);
        var text = _ml.Data.LoadFromEnumerable(new[] { new TextRow { Features = "1 2 3", Label = "cat" } });

        var score = () => model.Transform(text);

        score.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Feature column 'Features' has type String, but SparseAdaptive needs a known-size vector of Single*")
            .Which.Message.Should().NotContain("SparseAdaptive.Features");
    }

    [Fact]
    public void Training_data_with_no_rows_says_so_rather_than_one_class()
    {
        var empty = _ml.Data.LoadFromEnumerable(new List<SyntheticBlobs.Row>());
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(empty).Transform(empty);

        var fit = () => _ml.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Fit(keyed);

        fit.Should().Throw<ArgumentException>().WithMessage("The training data has no rows.*");
    }

    [Fact]
    public void A_layer_too_large_to_hold_is_rejected_before_any_row_is_read()
    {
        var options = SyntheticBlobs.Options();
        options.HiddenLayerSizes = [1_000_000_000];
        var rowsRead = 0;
        var data = _ml.Data.LoadFromEnumerable(SyntheticBlobs.Rows(40, seed: 1).Select(r => { rowsRead++; return r; }));
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(_ml.Data.LoadFromEnumerable(SyntheticBlobs.Rows(40, seed: 1))).Transform(data);

        var fit = () => _ml.MulticlassClassification.Trainers.SparseAdaptive(options).Fit(keyed);

        fit.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("HiddenLayerSizes")
            .WithMessage("Invalid SparseAdaptive option HiddenLayerSizes gives layer * links, more than the 2147483647 one layer can hold*");
        rowsRead.Should().Be(0);
    }

    [Fact]
    public void A_failed_atomic_save_names_the_target_not_its_temporary_file()
    {
        var (model, data) = SyntheticBlobs.FitPipeline(_ml);
        var path = Path.Combine(_directory, "missing-directory", "model.zip");

        var save = () => _ml.Model.SaveAtomically(model, data.Schema, path);

        save.Should().Throw<IOException>().WithMessage($"*'{path}'*").Which.Message.Should().NotMatchRegex(@"\.[0-9a-f]{32}\.zip");
    }

    private static List<string> Messages(Exception thrown)
    {
        var messages = new List<string>();
        for (var e = thrown; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }
        return messages;
    }

    private sealed class Prediction
    {
        public string PredictedLabel { get; set; } = string.Empty;

        public float[] Score { get; set; } = [];
    }

    private sealed class TextRow
    {
        public string Features { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }
}
