using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace SparseAdaptive.Data;

/// <summary>
/// Sequential reader of one IDX file of unsigned bytes, raw or gzip-compressed (detected by content, not by name).
/// Every format problem surfaces as an <see cref="IdxFormatException"/> naming the file.
/// </summary>
internal sealed class IdxFileReader : IDisposable
{
    private const byte UnsignedByteType = 0x08;
    private const int ChunkSize = 1 << 16;

    // A table rather than a division per pixel: same values as pixel / 255f, and faster.
    private static readonly float[] ScaledPixelValues = Enumerable.Range(0, 256).Select(value => value / 255f).ToArray();

    private readonly Stream _stream;
    private long _position;

    private IdxFileReader(string path, Stream stream)
    {
        FilePath = path;
        _stream = stream;
        Dimensions = [];
    }

    /// <summary>Gets the path of the file being read.</summary>
    public string FilePath { get; }

    /// <summary>Gets the dimension sizes declared in the header, outermost (the sample count) first.</summary>
    public int[] Dimensions { get; private set; }

    /// <summary>
    /// Opens <paramref name="path"/> and reads its header, which must declare unsigned bytes in
    /// <paramref name="dimensionCount"/> dimensions.
    /// </summary>
    /// <param name="path">The IDX file, raw or gzip-compressed.</param>
    /// <param name="dimensionCount">The number of dimensions the file must have (3 for images, 1 for labels).</param>
    /// <param name="contentName">What the file holds, for messages ("images", "labels").</param>
    public static IdxFileReader Open(string path, int dimensionCount, string contentName)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkSize, FileOptions.SequentialScan);
        Stream content = file;
        try
        {
            if (StartsWithGzipMagic(file))
            {
                content = new GZipStream(file, CompressionMode.Decompress);
            }

            var reader = new IdxFileReader(path, content);
            reader.Dimensions = reader.ReadHeader(dimensionCount, contentName);
            return reader;
        }
        catch
        {
            content.Dispose();
            throw;
        }
    }

    /// <summary>Fills <paramref name="destination"/> with the next bytes of the content.</summary>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="what">What is being read, for the message if the file ends too early.</param>
    public void ReadBytes(Span<byte> destination, string what)
    {
        int total = 0;
        while (total < destination.Length)
        {
            total += ReadSome(destination[total..], what, destination.Length - total);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with the next bytes of the content, each scaled to [0, 1].</summary>
    /// <param name="destination">Where the scaled values go.</param>
    /// <param name="what">What is being read, for the message if the file ends too early.</param>
    public void ReadScaled(Span<float> destination, string what)
    {
        float[] table = ScaledPixelValues;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int total = 0;
            while (total < destination.Length)
            {
                int wanted = Math.Min(ChunkSize, destination.Length - total);
                int count = ReadSome(chunk.AsSpan(0, wanted), what, destination.Length - total);
                Span<float> target = destination.Slice(total, count);
                for (int i = 0; i < target.Length; i++)
                {
                    target[i] = table[chunk[i]];
                }

                total += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();

    private static bool StartsWithGzipMagic(FileStream file)
    {
        Span<byte> head = stackalloc byte[2];
        int count = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        return count == 2 && head[0] == 0x1F && head[1] == 0x8B;
    }

    private int[] ReadHeader(int dimensionCount, string contentName)
    {
        Span<byte> magic = stackalloc byte[4];
        ReadBytes(magic, "the magic number");
        uint actualMagic = BinaryPrimitives.ReadUInt32BigEndian(magic);
        uint expectedMagic = (uint)((UnsignedByteType << 8) | dimensionCount);
        string expectation = $"expected 0x{expectedMagic:X8} (unsigned bytes in {dimensionCount} dimension(s): {contentName})";
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new IdxFormatException(FilePath, $"wrong magic number 0x{actualMagic:X8}, this is not an IDX file; {expectation}.");
        }

        if (magic[2] != UnsignedByteType)
        {
            throw new IdxFormatException(FilePath, $"wrong data type 0x{magic[2]:X2} in magic number 0x{actualMagic:X8}; only 0x08 (unsigned byte) is supported, {expectation}.");
        }

        if (magic[3] != dimensionCount)
        {
            throw new IdxFormatException(FilePath, $"wrong magic number 0x{actualMagic:X8}: it declares {magic[3]} dimension(s); {expectation}.");
        }

        Span<byte> sizes = stackalloc byte[4 * dimensionCount];
        ReadBytes(sizes, "the dimension sizes");
        var dimensions = new int[dimensionCount];
        for (int i = 0; i < dimensionCount; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(sizes.Slice(4 * i, 4));
            if (dimensions[i] < 0)
            {
                throw new IdxFormatException(FilePath, $"dimension {i} has the negative size {dimensions[i]}.");
            }
        }

        return dimensions;
    }

    private int ReadSome(Span<byte> destination, string what, int stillNeeded)
    {
        int count;
        try
        {
            count = _stream.Read(destination);
        }
        catch (InvalidDataException exception)
        {
            throw new IdxFormatException(FilePath, $"the gzip stream is corrupt at content byte {_position}: {exception.Message}", exception);
        }

        if (count == 0)
        {
            throw new IdxFormatException(FilePath, $"truncated: the content ends after {_position} bytes while reading {what}; {stillNeeded} more bytes were expected.");
        }

        _position += count;
        return count;
    }
}
