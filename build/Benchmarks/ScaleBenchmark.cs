using Microsoft.ML.SparseAdaptive.Network;
using Microsoft.ML.SparseAdaptive.Training;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// Very wide 99.9%-sparse hidden layers trained on synthetic data: epoch time, one rewiring step, peak memory, and
/// evidence that nothing of size in×out was allocated (everything allocated in the run, summed, is fewer bytes than in×out).
/// </summary>
internal static class ScaleBenchmark
{
    private const int Features = 784;
    private const int Classes = 10;

    public static void Run(ResultTable table, int[] hiddenSizes, double sparsity, int sampleCount, int threads)
    {
        string shape = string.Join("-", hiddenSizes.Prepend(Features).Append(Classes));
        table.Section($"Scale: {shape}, {sparsity:P1} sparse hidden layers, {sampleCount} synthetic samples, {threads} thread(s)");
        var samples = Synthetic(sampleCount);
        var settings = new TrainingSettings
        {
            HiddenLayerSizes = hiddenSizes,
            Sparsity = sparsity,
            Epochs = 1,
            BatchSize = 128,
            NumberOfThreads = threads,
        };

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        // Measured on a twin that is dropped before training, so it does not count towards the peak.
        long createdBytes = MemoryFootprint.MeasureCreation(Features, Classes, settings).Bytes;
        double epochSeconds = 0;
        var network = NetworkTrainer.Train(samples, settings, onEpoch: report => epochSeconds = report.Seconds);
        double rewireSeconds = Timing.Seconds(() =>
        {
            for (int l = 0; l < network.Layers.Count - 1; l++)
            {
                var random = new SeededRandom(5, l);
                var velocity = new LayerVelocity(network.Layers[l]);
                TopologyEvolver.Rewire(network.Layers[l], velocity, settings.RewireFraction, ref random, threads);
            }
        });
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        long links = network.LinkCount;
        long largestLayerPositions = network.Layers.Max(l => (long)l.InputSize * l.OutputSize);
        double flops = 6.0 * (links - network.Layers[0].LinkCount / 3.0) * sampleCount;
        table.Add("Links (all layers)", links, "links");
        table.Add("Epoch (training only; network created beforehand)", epochSeconds, "s", note: $"{flops / epochSeconds / 1e9:F1} GFLOP/s on present links");
        table.Add("One rewiring step of every sparse layer, momentum included", rewireSeconds, "s");
        table.Add("Network + momentum, managed heap growth on creation", createdBytes / 1048576.0, "MiB",
            note: $"{(double)createdBytes / links:F1} B/link; counted {(double)MemoryFootprint.CountedBytes(network) / links:F1} B/link");
        table.Add("Peak working set of the process so far", MemoryFootprint.PeakWorkingSetMiB(), "MiB");
        table.Add("Allocated in the whole run (creation, epoch, rewiring), summed", allocated / 1048576.0, "MiB",
            note: allocated < largestLayerPositions
                ? $"< in×out bytes of the widest layer ({largestLayerPositions / 1048576.0:N0} MiB): no in×out array of bytes or wider was allocated"
                : $"NOT below in×out bytes of the widest layer ({largestLayerPositions / 1048576.0:N0} MiB)");
    }

    /// <summary>Uniform random pixels in [0, 1) with labels that cycle through the classes.</summary>
    private static LabeledSamples Synthetic(int count)
    {
        var random = new SeededRandom(3);
        var features = new float[(long)count * Features];
        foreach (ref float x in features.AsSpan())
        {
            x = random.NextFloat();
        }
        return new LabeledSamples(features, Enumerable.Range(0, count).Select(s => s % Classes).ToArray(), Features, Classes);
    }
}
