using System.Diagnostics;
using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// Bytes per present link of a network in training (weights, topology, momentum), counted from the
/// engine's arrays and measured on the managed heap.
/// </summary>
internal static class MemoryFootprint
{
    /// <summary>Bytes held by the network's arrays and its momentum state, from their lengths.</summary>
    public static long CountedBytes(SparseNetwork network) => network.Layers.Sum(layer =>
        4L * (layer.RowOffsets.Length + layer.Weights.Length + layer.Biases.Length)
        + (long)layer.SourceArray.Length * (layer.NarrowSources is null ? sizeof(int) : sizeof(ushort))
        + 4L * (layer.LinkCount + layer.OutputSize));

    /// <summary>Bytes per link of the arrays whose length is the link count: sources, weights, momentum.</summary>
    private static double PerLinkArrayBytes(SparseNetwork network) =>
        (double)network.Layers.Sum(l => (long)l.LinkCount * ((l.NarrowSources is null ? sizeof(int) : sizeof(ushort)) + 2 * sizeof(float)))
        / network.LinkCount;

    /// <summary>Managed heap growth caused by creating the network and its momentum state.</summary>
    public static (SparseNetwork Network, LayerVelocity[] Velocities, long Bytes) MeasureCreation(int inputSize, int classCount, TrainingSettings settings)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var network = NetworkTrainer.CreateNetwork(inputSize, classCount, settings);
        var velocities = network.Layers.Select(l => new LayerVelocity(l)).ToArray();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        return (network, velocities, after - before);
    }

    public static void Run(ResultTable table, string name, int inputSize, int classCount, TrainingSettings settings)
    {
        var (network, velocities, measured) = MeasureCreation(inputSize, classCount, settings);
        long counted = CountedBytes(network);
        table.Section($"Memory, {name} ({network.LinkCount:N0} links)");
        table.Add("Bytes per link, counted from the arrays (weights + topology + momentum + per-neuron arrays)",
            (double)counted / network.LinkCount, "B/link", note: $"{counted:N0} bytes");
        table.Add("Bytes per link, arrays sized by the link count only", PerLinkArrayBytes(network), "B/link",
            note: "sources 2 (4 in layers of more than 65,536 inputs) + weights 4 + momentum 4");
        table.Add("Bytes per link, measured managed heap growth on creation", (double)measured / network.LinkCount, "B/link",
            note: $"{measured:N0} bytes");
        GC.KeepAlive(velocities);
    }

    /// <summary>Peak resident memory of this process so far, in MiB.</summary>
    public static double PeakWorkingSetMiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
