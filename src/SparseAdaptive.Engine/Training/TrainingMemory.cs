using SparseAdaptive.Network;

namespace SparseAdaptive.Training;

/// <summary>
/// The memory a training run holds at least, known from the network's shape before anything is allocated: each
/// link's source, weight and momentum, each neuron's row offset, bias and bias momentum, and a full mini-batch's
/// activations and gradients in every layer. A network that cannot fit then fails at once, naming the settings,
/// instead of with an <see cref="OutOfMemoryException"/> part-way through building it.
/// </summary>
internal static class TrainingMemory
{
    private const int BytesPerLink = sizeof(int) + sizeof(float) + sizeof(float);
    private const int BytesPerNeuron = sizeof(int) + sizeof(float) + sizeof(float);

    /// <summary>The memory this process can have: the garbage collector's limit (the machine's, a container's or a configured one).</summary>
    public static long AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Bytes needed to train a network of layers <paramref name="sizes"/> (input first) with <paramref name="links"/> links per layer.</summary>
    /// <param name="sizes">Neurons per layer, input first.</param>
    /// <param name="links">Links of each layer (one fewer than <paramref name="sizes"/>).</param>
    /// <param name="batchSize">Samples per mini-batch.</param>
    /// <returns>The bytes, as a double: extreme shapes exceed a long.</returns>
    public static double Bytes(IReadOnlyList<int> sizes, IReadOnlyList<long> links, int batchSize)
    {
        // Batch buffers hold whole blocks of samples.
        double lanes = Math.Ceiling(batchSize / (double)BatchBuffer.BlockLanes) * BatchBuffer.BlockLanes;
        double batchBytesPerNeuron = 2 * lanes * sizeof(float);
        double bytes = sizes[0] * batchBytesPerNeuron;
        for (int l = 0; l < links.Count; l++)
        {
            bytes += links[l] * (double)BytesPerLink + sizes[l + 1] * (BytesPerNeuron + batchBytesPerNeuron);
        }
        return bytes;
    }
}
