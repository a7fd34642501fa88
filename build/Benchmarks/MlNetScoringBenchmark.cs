using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Data;
using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// Scoring throughput (images/s) of a model trained through the public ML.NET API, through ML.NET's own consumers
/// (a cursor over <c>Transform</c>, <c>Evaluate</c>, a <c>PredictionEngine</c>), against the engine scoring the same
/// network on the same images in the same run.
/// </summary>
internal static class MlNetScoringBenchmark
{
    /// <summary>Enough training for a realistic network (weights spread out, topology rewired); accuracy is not the point.</summary>
    private const int TrainingImages = 10_000;
    private const int Epochs = 3;

    /// <summary>What the model is trained on, for section titles.</summary>
    public static string TrainingDescription => $"model trained through ML.NET on {TrainingImages} images, {Epochs} epochs";

    public static void Run(ResultTable table, string dataDirectory, LabeledSamples test)
    {
        var ml = new MLContext(seed: 1);
        string mnist = Path.Combine(dataDirectory, "mnist");
        var trained = Train(ml, mnist);
        var (loaded, loadedBatched) = SavedAndLoaded(ml, trained, null, path => (ml.Model.Load(path, out _), ml.Model.LoadSparseAdaptive(path, out _)));
        var testView = ml.Data.LoadFromIdx(mnist, IdxSplit.Test);
        var network = trained.LastTransformer.Network;
        int threads = Environment.ProcessorCount;

        table.Section($"ML.NET scoring of the MNIST test set ({test.Count} images; {TrainingDescription})");
        double batched = Rate(test.Count, () => ClassificationScore.Measure(network, test, threads));
        string baseline = $"engine, batched (256 per batch), {threads} thread(s)";
        table.Add("Engine: SparseNetwork.Predict, one image per call, 1 thread", Rate(test.Count, () => PredictEach(network, test)), "images/s", baseline, batched,
            "the per-row floor of a chain that maps one row per call");
        double accuracy = 0;
        var paths = new[]
        {
            ("fresh from Fit", trained, $"256 rows per batch, {threads} thread(s)"),
            ("loaded with Load", loaded, "the saved chain: one row per mapping call, on the parallel cursors ML.NET splits it into"),
            ("loaded with LoadSparseAdaptive", loadedBatched, "the saved chain with the batched model in place"),
        };
        // Loaded models are compared with the fitted one, the rate a user expects to get back.
        double freshTransform = 0;
        foreach (var (name, model, note) in paths)
        {
            double rate = Rate(test.Count, () => ReadScores(model.Transform(testView)));
            bool fresh = ReferenceEquals(model, trained);
            if (fresh)
            {
                freshTransform = rate;
            }
            table.Add($"Transform, one cursor reading Score and PredictedLabel, model {name}", rate, "images/s",
                fresh ? baseline : "Transform of the model fresh from Fit", fresh ? batched : freshTransform, note);
            table.Add($"Transform + MulticlassClassification.Evaluate, model {name}",
                Rate(test.Count, () => accuracy = ml.MulticlassClassification.Evaluate(model.Transform(testView)).MicroAccuracy), "images/s", baseline, batched, note);
        }
        using var engine = CreatePredictionEngine(ml, trained.LastTransformer, test.FeatureCount);
        table.Add("PredictionEngine.Predict, one image per call, 1 thread", Rate(test.Count, () => PredictEach(engine, test)), "images/s", baseline, batched,
            $"test accuracy {accuracy:P2}");
    }

    /// <summary>The reference network (the trainer's defaults: 784-1000-1000-1000-10, 99% sparse) trained through the public ML.NET API.</summary>
    public static TransformerChain<SparseAdaptiveModel> Train(MLContext ml, string mnist)
    {
        var pipeline = ml.Transforms.Conversion.MapValueToKey(IdxDataCatalogExtensions.LabelColumnName)
            .Append(ml.MulticlassClassification.Trainers.SparseAdaptive(new SparseAdaptiveTrainer.Options { NumberOfEpochs = Epochs, Seed = 1 }));
        return pipeline.Fit(ml.Data.LoadFromIdx(mnist, IdxSplit.Train, TrainingImages));
    }

    private static double Rate(int images, Action scoreAll) => images / Timing.MedianSecondsPerCall(scoreAll, repeats: 5, warmups: 1);

    /// <summary>Saves <paramref name="model"/> to a temporary file and returns what <paramref name="load"/> reads back from it.</summary>
    public static T SavedAndLoaded<T>(MLContext ml, ITransformer model, DataViewSchema? schema, Func<string, T> load)
    {
        string path = Path.Combine(Path.GetTempPath(), $"sparseadaptive-benchmark-{Environment.ProcessId}.zip");
        try
        {
            ml.Model.Save(model, schema, path);
            return load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void PredictEach(SparseNetwork network, LabeledSamples test)
    {
        Span<float> probabilities = stackalloc float[network.ClassCount];
        for (int s = 0; s < test.Count; s++)
        {
            network.Predict(test.GetFeatures(s), probabilities);
        }
    }

    /// <summary>Reads every row's Score and PredictedLabel, as a consumer of the scored view would.</summary>
    public static void ReadScores(IDataView scored)
    {
        var score = scored.Schema["Score"];
        var predicted = scored.Schema["PredictedLabel"];
        using var cursor = scored.GetRowCursor(new[] { score, predicted });
        var scoreGetter = cursor.GetGetter<VBuffer<float>>(score);
        var predictedGetter = cursor.GetGetter<uint>(predicted);
        VBuffer<float> scores = default;
        uint label = 0;
        while (cursor.MoveNext())
        {
            scoreGetter(ref scores);
            predictedGetter(ref label);
        }
    }

    private static PredictionEngine<ImageRow, ImagePrediction> CreatePredictionEngine(MLContext ml, ITransformer model, int featureCount)
    {
        var definition = SchemaDefinition.Create(typeof(ImageRow));
        definition[nameof(ImageRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return ml.Model.CreatePredictionEngine<ImageRow, ImagePrediction>(model, inputSchemaDefinition: definition);
    }

    private static void PredictEach(PredictionEngine<ImageRow, ImagePrediction> engine, LabeledSamples test)
    {
        var row = new ImageRow { Features = new float[test.FeatureCount] };
        for (int s = 0; s < test.Count; s++)
        {
            test.GetFeatures(s).CopyTo(row.Features);
            engine.Predict(row);
        }
    }

    private sealed class ImageRow
    {
        public float[] Features { get; set; } = [];
    }

    private sealed class ImagePrediction
    {
        public float[] Score { get; set; } = [];

        public uint PredictedLabel { get; set; }
    }
}
