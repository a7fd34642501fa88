using System.Text;

namespace SparseAdaptive.Network;

/// <summary>
/// Binary format of a <see cref="SparseNetwork"/>: a magic tag and version, then per layer its sizes, the link count
/// of each target, the sources, the weights and the biases, all little-endian. Reading validates everything, so a
/// corrupt file fails here with a precise message rather than later inside a kernel.
/// </summary>
internal static class NetworkSerializer
{
    private static ReadOnlySpan<byte> Magic => "SPARSEADAPTIVE-NET"u8;
    private const int Version = 1;

    public static void Write(SparseNetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(network.Layers.Count);
        foreach (var layer in network.Layers)
        {
            writer.Write(layer.InputSize);
            writer.Write(layer.OutputSize);
            writer.Write(layer.LinkCount);
            for (int target = 0; target < layer.OutputSize; target++)
            {
                writer.Write(layer.RowOffsets[target + 1] - layer.RowOffsets[target]);
            }
            for (int k = 0; k < layer.LinkCount; k++)
            {
                writer.Write(layer.SourceAt(k));
            }
            foreach (float weight in layer.Weights)
            {
                writer.Write(weight);
            }
            foreach (float bias in layer.Biases)
            {
                writer.Write(bias);
            }
        }
    }

    public static SparseNetwork Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("Not a SparseAdaptive network: the header is missing.");
            }
            int version = reader.ReadInt32();
            if (version != Version)
            {
                throw new InvalidDataException($"SparseAdaptive network format version {version} is not supported (expected {Version}).");
            }
            int layerCount = reader.ReadInt32();
            if (layerCount <= 0)
            {
                throw new InvalidDataException($"A network must have at least one layer, the data says {layerCount}.");
            }
            var layers = new SparseLayer[layerCount];
            for (int l = 0; l < layerCount; l++)
            {
                layers[l] = ReadLayer(reader, l);
            }
            return SparseNetwork.FromLayers(layers);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The SparseAdaptive network data is truncated.", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The SparseAdaptive network data is inconsistent: {e.Message}", e);
        }
    }

    private static SparseLayer ReadLayer(BinaryReader reader, int index)
    {
        int inputSize = reader.ReadInt32();
        int outputSize = reader.ReadInt32();
        int linkCount = reader.ReadInt32();
        if (inputSize <= 0 || outputSize <= 0 || linkCount < 0 || linkCount > (long)inputSize * outputSize)
        {
            throw new InvalidDataException($"Layer {index} has invalid sizes: {inputSize} inputs, {outputSize} outputs, {linkCount} links.");
        }
        var rowOffsets = new int[outputSize + 1];
        for (int target = 0; target < outputSize; target++)
        {
            int count = reader.ReadInt32();
            if (count < 0 || count > inputSize)
            {
                throw new InvalidDataException($"Layer {index}, neuron {target}: {count} incoming links is out of range.");
            }
            rowOffsets[target + 1] = rowOffsets[target] + count;
        }
        if (rowOffsets[outputSize] != linkCount)
        {
            throw new InvalidDataException($"Layer {index}: the per-neuron link counts add up to {rowOffsets[outputSize]}, not {linkCount}.");
        }
        var sources = new int[linkCount];
        for (int k = 0; k < linkCount; k++)
        {
            sources[k] = reader.ReadInt32();
        }
        for (int target = 0; target < outputSize; target++)
        {
            for (int k = rowOffsets[target]; k < rowOffsets[target + 1]; k++)
            {
                bool ordered = k == rowOffsets[target] || sources[k] > sources[k - 1];
                if ((uint)sources[k] >= (uint)inputSize || !ordered)
                {
                    throw new InvalidDataException($"Layer {index}, neuron {target}: link sources are out of range or not strictly increasing.");
                }
            }
        }
        var weights = ReadFinite(reader, linkCount, index, "weight");
        var biases = ReadFinite(reader, outputSize, index, "bias");
        return new SparseLayer(inputSize, outputSize, rowOffsets, sources, weights, biases);
    }

    private static float[] ReadFinite(BinaryReader reader, int count, int layer, string what)
    {
        var values = new float[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = reader.ReadSingle();
            if (!float.IsFinite(values[k]))
            {
                throw new InvalidDataException($"Layer {layer}: {what} {k} is not finite.");
            }
        }
        return values;
    }
}
