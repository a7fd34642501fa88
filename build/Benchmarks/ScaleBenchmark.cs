using SparseAdaptive.Network;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// Very wide 99.9%-sparse hidden layers trained on synthetic data: epoch time, one rewiring step, peak memory, and
/// evidence that nothing of size in×out was allocated (everything allocated in the run, summed, is fewer bytes than in×out).
/// </summary>
internal static class ScaleBenchmark
{
    private const int Features = 784;
    private const int Classes = 10;
    private const int BatchSize = 128;

    /// <summary>Above this many links the creation is not measured on a twin network (it would not fit twice).</summary>
    private const long TwinLinkLimit = 200_000_000;

    /// <param name="table">Where the rows go.</param>
    /// <param name="hiddenSizes">Widths of the sparse hidden layers.</param>
    /// <param name="sparsity">Their sparsity.</param>
    /// <param name="sampleCount">Samples of the epoch reported.</param>
    /// <param name="threads">Threads of the training.</param>
    /// <param name="timedBatches">When set, only this many batches are trained and the epoch is extrapolated from them.</param>
    public static void Run(ResultTable table, int[] hiddenSizes, double sparsity, int sampleCount, int threads, int? timedBatches = null)
    {
        string shape = string.Join("-", hiddenSizes.Prepend(Features).Append(Classes));
        table.Section($"Scale: {shape}, {sparsity:P1} sparse hidden layers, {sampleCount} synthetic samples, {threads} thread(s)");
        int trained = timedBatches is int batches ? Math.Min(sampleCount, batches * BatchSize) : sampleCount;
        var samples = Synthetic(trained);
        var settings = new TrainingSettings
        {
            HiddenLayerSizes = hiddenSizes,
            Sparsity = sparsity,
            Epochs = 1,
            BatchSize = BatchSize,
            NumberOfThreads = threads,
        };

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        // Measured on a twin that is dropped before training, so it does not count towards the peak; a network of
        // billions of links has no room for a twin, and is counted from its arrays only.
        long? createdBytes = EstimatedLinks(hiddenSizes, sparsity) <= TwinLinkLimit
            ? MemoryFootprint.MeasureCreation(Features, Classes, settings).Bytes
            : null;
        double epochSeconds = 0;
        var network = NetworkTrainer.Train(samples, settings, onEpoch: report => epochSeconds = report.Seconds);
        double trainingPeakMiB = MemoryFootprint.PeakWorkingSetMiB();
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
        long largestLayerPositions = network.Layers.Where(l => !l.IsDense).Max(l => (long)l.InputSize * l.OutputSize);
        double flops = 6.0 * (links - network.Layers[0].LinkCount / 3.0) * trained;
        double rate = flops / epochSeconds / 1e9;
        table.Add("Links (all layers)", links, "links");
        if (trained == sampleCount)
        {
            table.Add("Epoch (training only; network created beforehand)", epochSeconds, "s", note: $"{rate:F1} GFLOP/s on present links");
        }
        else
        {
            table.Add($"Training time of {trained} samples ({trained / BatchSize} batches)", epochSeconds, "s", note: $"{rate:F1} GFLOP/s on present links");
            table.Add($"Epoch of {sampleCount} samples", epochSeconds * sampleCount / trained, "s",
                note: $"EXTRAPOLATED from the {trained / BatchSize} batches timed");
        }
        table.Add("One rewiring step of every sparse layer, momentum included", rewireSeconds, "s");
        long counted = MemoryFootprint.CountedBytes(network);
        table.Add("Network + momentum, counted from the arrays", counted / 1048576.0, "MiB", note: $"{(double)counted / links:F2} B/link");
        if (createdBytes is long created)
        {
            table.Add("Network + momentum, managed heap growth on creation", created / 1048576.0, "MiB", note: $"{(double)created / links:F2} B/link");
        }
        table.Add("Peak working set of the process after the epoch", trainingPeakMiB, "MiB", note: "data, network, momentum, batch buffers");
        table.Add("Peak working set of the process after the rewiring step", MemoryFootprint.PeakWorkingSetMiB(), "MiB",
            note: "also holds the fresh momentum arrays this step is timed with");
        table.Add("Allocated in the whole run (creation, epoch, rewiring), summed", allocated / 1048576.0, "MiB",
            note: AllocationNote(allocated, largestLayerPositions));
    }

    // The sum of everything allocated bounds the largest array: below in×out bytes of the widest sparse layer, not even
    // a byte mask of it existed; below in×out floats, no dense weight matrix (or float mask) did.
    private static string AllocationNote(long allocated, long positions) =>
        allocated < positions
            ? $"< in×out bytes of the widest sparse layer ({positions / 1048576.0:N0} MiB): no in×out array of bytes or wider was allocated"
            : allocated < positions * sizeof(float)
                ? $"< in×out floats of the widest sparse layer ({positions * sizeof(float) / 1048576.0:N0} MiB): no dense in×out float matrix was allocated"
                : $"NOT below in×out floats of the widest sparse layer ({positions * sizeof(float) / 1048576.0:N0} MiB)";

    private static long EstimatedLinks(int[] hiddenSizes, double sparsity)
    {
        var sizes = hiddenSizes.Prepend(Features).ToArray();
        return Enumerable.Range(0, hiddenSizes.Length).Sum(l => (long)((1 - sparsity) * sizes[l] * sizes[l + 1])) + (long)hiddenSizes[^1] * Classes;
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
