using Microsoft.ML.OnnxRuntime;
using SparseAdaptive.Export;
using SparseAdaptive.Training;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// ONNX Runtime (default session options) scoring the exported reference network, 99% sparse and trained, against the
/// engine scoring the same rows in the same run: one row per call, 64 rows, and the whole MNIST test set at once.
/// </summary>
internal static class OnnxInferenceBenchmark
{
    private const int TrainingEpochs = 3;

    public static void Run(ResultTable table, LabeledSamples train, LabeledSamples test, int threads)
    {
        // Trained, not freshly initialised: rewiring spreads the in-degrees, and the graph groups targets by in-degree.
        var network = NetworkTrainer.Train(train, EpochBenchmark.Reference(threads, 0.99, TrainingEpochs));
        string folder = Directory.CreateTempSubdirectory("sparseadaptive-onnx-bench").FullName;
        try
        {
            string path = Path.Combine(folder, "reference.onnx");
            OnnxExport.Write(network, path);
            using var session = new InferenceSession(path);
            table.Section($"ONNX Runtime {OrtEnv.Instance().GetVersionString()} on the exported reference network (99% sparse, {TrainingEpochs} epochs), against the engine");
            long bytes = new FileInfo(path).Length;
            table.Add("ONNX file size per link", (double)bytes / network.LinkCount, "bytes", note: $"{bytes / 1024.0 / 1024:F1} MiB for {network.LinkCount:N0} links");

            var one = MnistData.Head(test, 1);
            float[] row = one.Features;
            double predict = Timing.MedianSecondsPerCall(() => network.Predict(row, stackalloc float[network.ClassCount]));
            table.Add("1 row per call: ONNX Runtime", Score(session, one) * 1e3, "ms", "engine Predict (1 thread)", predict * 1e3);
            foreach (int rows in new[] { 64, test.Count })
            {
                var samples = MnistData.Head(test, rows);
                double engine = Timing.MedianSecondsPerCall(() => ClassificationScore.Measure(network, samples, threads), repeats: 5);
                table.Add($"{rows} rows per call: ONNX Runtime", Score(session, samples) * 1e3, "ms", $"engine batched ({threads} threads)", engine * 1e3);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Median seconds for ONNX Runtime to score <paramref name="samples"/> in one call.</summary>
    private static double Score(InferenceSession session, LabeledSamples samples)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(samples.Features, [samples.Count, samples.FeatureCount]);
        using var runOptions = new RunOptions();
        return Timing.MedianSecondsPerCall(() =>
        {
            using var outputs = session.Run(runOptions, ["Features"], [input], ["Score", "PredictedLabel"]);
        }, repeats: 5);
    }
}
