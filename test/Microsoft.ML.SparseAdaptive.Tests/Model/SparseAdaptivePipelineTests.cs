using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Training;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

public class SparseAdaptivePipelineTests
{
    [Fact]
    public void Pipeline_fits_and_evaluates_well_above_chance()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, _) = SyntheticBlobs.FitPipeline(mlContext);
        var test = mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(300, seed: 2));
        var scored = model.Transform(test);

        var metrics = mlContext.MulticlassClassification.Evaluate(scored);

        metrics.MacroAccuracy.Should().BeGreaterThan(0.9, "four well separated blobs; chance is 0.25");
        metrics.ConfusionMatrix.NumberOfClasses.Should().Be(4);
    }

    [Fact]
    public void Output_columns_have_the_types_ML_NET_expects()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = SyntheticBlobs.FitPipeline(mlContext);
        var trainer = ((IEnumerable<ITransformer>)model).OfType<SparseAdaptiveModel>().Single();
        var keyed = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);

        var schema = trainer.GetOutputSchema(keyed.Schema);

        schema["Score"].Type.Should().Be(new VectorDataViewType(NumberDataViewType.Single, 4));
        schema["PredictedLabel"].Type.Should().Be(new KeyDataViewType(typeof(uint), 4));
        SlotNames(schema["Score"]).Should().Equal(KeyValues(keyed.Schema["Label"]));
        KeyValues(schema["PredictedLabel"]).Should().Equal(KeyValues(keyed.Schema["Label"]));
        schema.Select(c => c.Name).Should().NotContain(name => name.StartsWith("SparseAdaptive."));
    }

    [Fact]
    public void PredictedLabel_maps_back_to_the_string_label()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, _) = SyntheticBlobs.FitPipeline(mlContext);
        var rows = SyntheticBlobs.Rows(100, seed: 3);

        var predicted = mlContext.Data.CreateEnumerable<Prediction>(model.Transform(mlContext.Data.LoadFromEnumerable(rows)), reuseRowObject: false)
            .Select(p => p.PredictedLabel).ToArray();

        predicted.Zip(rows, (p, r) => p == r.Label).Count(same => same).Should().BeGreaterThan(90);
    }

    [Fact]
    public void Prediction_engine_gives_the_same_scores_as_Transform()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, _) = SyntheticBlobs.FitPipeline(mlContext);
        var rows = SyntheticBlobs.Rows(20, seed: 4);
        var batch = SyntheticBlobs.Scores(model.Transform(mlContext.Data.LoadFromEnumerable(rows)));

        var engine = mlContext.Model.CreatePredictionEngine<SyntheticBlobs.Row, Prediction>(model);
        var single = rows.Select(r => engine.Predict(r).Score).ToArray();

        single.Should().HaveCount(20);
        for (var i = 0; i < rows.Count; i++)
        {
            single[i].Should().Equal(batch[i]);
        }

        batch[0].Sum().Should().BeApproximately(1f, 1e-4f, "scores are softmax probabilities");
    }

    [Fact]
    public void Cross_validation_runs_on_each_fold()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(300, seed: 5));
        var keyed = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);

        var folds = mlContext.MulticlassClassification.CrossValidate(keyed,
            mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()), numberOfFolds: 3);

        folds.Should().HaveCount(3);
        folds.Should().OnlyContain(f => f.Metrics.MicroAccuracy > 0.9);
    }

    [Fact]
    public void Every_epoch_reaches_the_callback_and_the_MLContext_log()
    {
        var mlContext = new MLContext(seed: 1);
        var logged = new List<string>();
        mlContext.Log += (_, e) => { if (e.Source == "SparseAdaptive") { lock (logged) { logged.Add(e.Message); } } };
        var reports = new List<EpochReport>();
        var options = SyntheticBlobs.Options();
        options.NumberOfEpochs = 3;
        options.EpochCompleted = reports.Add;
        var data = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Fit(mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(100, seed: 1)))
            .Transform(mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(100, seed: 1)));

        mlContext.MulticlassClassification.Trainers.SparseAdaptive(options).Fit(data);

        reports.Select(r => r.Epoch).Should().Equal(1, 2, 3);
        logged.Where(m => m.Contains("Epoch ")).Should().HaveCount(3);
        logged.Should().Contain(m => m.Contains("Epoch 3/3: loss "));
    }

    [Fact]
    public void The_MLContext_seed_is_used_when_the_options_have_none()
    {
        float[] FirstScore(int contextSeed)
        {
            var mlContext = new MLContext(contextSeed);
            var options = SyntheticBlobs.Options();
            options.Seed = null;
            options.NumberOfEpochs = 1;
            var data = mlContext.Transforms.Conversion.MapValueToKey("Label")
                .Fit(mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(50, seed: 1)))
                .Transform(mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(50, seed: 1)));
            return SyntheticBlobs.Scores(mlContext.MulticlassClassification.Trainers.SparseAdaptive(options).Fit(data).Transform(data))[0];
        }

        FirstScore(11).Should().Equal(FirstScore(11));
        FirstScore(11).Should().NotEqual(FirstScore(12));
    }

    private static string[] SlotNames(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull("SlotNames") is null)
        {
            return [];
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    private static string[] KeyValues(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(n => n.ToString()).ToArray();
    }

    private sealed class Prediction
    {
        public string PredictedLabel { get; set; } = string.Empty;

        public float[] Score { get; set; } = [];
    }
}
