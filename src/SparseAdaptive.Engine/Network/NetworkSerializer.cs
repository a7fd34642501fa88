using System.Security.Cryptography;
using System.Text;

namespace SparseAdaptive.Network;

/// <summary>
/// Binary format of a <see cref="SparseNetwork"/>: a magic tag and version, then per layer its sizes, the link count
/// of each target, the sources, the weights and the biases, all little-endian, then (from version 2) the SHA-256 of
/// everything before it. Reading validates everything, so a corrupt file fails here with a precise message rather
/// than later inside a kernel; the checksum catches the corruptions that still look valid (a flipped weight bit).
/// </summary>
internal static class NetworkSerializer
{
    private static ReadOnlySpan<byte> Magic => "SPARSEADAPTIVE-NET"u8;
    private const int Version = 2;

    // Version 1 had no checksum; such data still loads.
    private const int VersionWithoutChecksum = 1;

    public static void Write(SparseNetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        using var hashed = new HashingStream(stream);
        using var writer = new BinaryWriter(hashed, Encoding.UTF8, leaveOpen: true);
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
        writer.Flush();
        stream.Write(hashed.Checksum());
    }

    public static SparseNetwork Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var hashed = new HashingStream(stream);
            using var reader = new BinaryReader(hashed, Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("Not a SparseAdaptive network: the header is missing.");
            }
            int version = reader.ReadInt32();
            if (version != Version && version != VersionWithoutChecksum)
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
            if (version != VersionWithoutChecksum)
            {
                VerifyChecksum(hashed.Checksum(), stream);
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

    private static void VerifyChecksum(byte[] computed, Stream stream)
    {
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        stream.ReadExactly(stored);
        if (!stored.SequenceEqual(computed))
        {
            throw new InvalidDataException(
                "The SparseAdaptive network data fails its checksum: it was altered after it was written (a corrupt copy or a changed byte).");
        }
    }

    /// <summary>Passes reads and writes through to a stream and hashes the bytes that went by.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        /// <summary>SHA-256 of the bytes read or written so far.</summary>
        public byte[] Checksum() => _hash.GetCurrentHash();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read = inner.Read(buffer);
            _hash.AppendData(buffer[..read]);
            return read;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
