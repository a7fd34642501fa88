using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Benchmarks;

/// <summary>Scoring throughput (images/s): <see cref="SparseNetwork.Predict"/> one sample at a time, and the batched path.</summary>
internal static class InferenceBenchmark
{
    /// <summary>Images scored one at a time: enough for a stable rate, few enough that the dense network takes seconds, not minutes.</summary>
    private const int SingleSampleImages = 1000;

    public static void Run(ResultTable table, SparseNetwork sparse, SparseNetwork dense, LabeledSamples test)
    {
        table.Section($"Inference on MNIST test images (images/s)");
        var head = MnistData.Head(test, Math.Min(SingleSampleImages, test.Count));
        foreach (int threads in new[] { 1, 2 })
        {
            table.Add($"Predict (one sample per call, {head.Count} images), 99% sparse, {threads} thread(s)", SingleSampleRate(sparse, head, threads),
                "images/s", $"dense, {threads} thread(s)", SingleSampleRate(dense, head, threads));
        }
        foreach (int threads in new[] { 1, 2 })
        {
            table.Add($"Batched (256 per batch, {test.Count} images), 99% sparse, {threads} thread(s)", BatchedRate(sparse, test, threads), "images/s",
                $"dense, {threads} thread(s)", BatchedRate(dense, test, threads));
        }
    }

    private static double SingleSampleRate(SparseNetwork network, LabeledSamples test, int threads)
    {
        double seconds = Timing.MedianSecondsPerCall(() => Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            Span<float> probabilities = stackalloc float[network.ClassCount];
            for (int s = part; s < test.Count; s += threads)
            {
                network.Predict(test.GetFeatures(s), probabilities);
            }
        }), repeats: 5, warmups: 1);
        return test.Count / seconds;
    }

    private static double BatchedRate(SparseNetwork network, LabeledSamples test, int threads) =>
        test.Count / Timing.MedianSecondsPerCall(() => ClassificationScore.Measure(network, test, threads), repeats: 5, warmups: 1);
}
