using System.Buffers.Binary;
using System.IO.Compression;

namespace SparseAdaptive.TestSupport;

/// <summary>
/// Builds the bytes of synthetic IDX files, valid or deliberately broken.
/// </summary>
internal static class IdxBytes
{
    public const uint ImagesMagic = 0x00000803;
    public const uint LabelsMagic = 0x00000801;

    /// <summary>Pixel value of a synthetic image: distinct across images, rows and columns, covering 0 and 255.</summary>
    public static byte Pixel(int image, int row, int column) => (byte)((image * 31 + row * 7 + column * 255) % 256);

    public static byte[] Images(int count, int rows, int columns, uint magic = ImagesMagic)
    {
        var pixels = new byte[count * rows * columns];
        for (int image = 0; image < count; image++)
        {
            for (int row = 0; row < rows; row++)
            {
                for (int column = 0; column < columns; column++)
                {
                    pixels[((image * rows) + row) * columns + column] = Pixel(image, row, column);
                }
            }
        }

        return [.. Header(magic, count, rows, columns), .. pixels];
    }

    public static byte[] Labels(byte[] labels, uint magic = LabelsMagic) => [.. Header(magic, labels.Length), .. labels];

    public static byte[] Header(uint magic, params int[] dimensions)
    {
        var header = new byte[4 + 4 * dimensions.Length];
        BinaryPrimitives.WriteUInt32BigEndian(header, magic);
        for (int i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dimensions[i]);
        }

        return header;
    }

    public static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return compressed.ToArray();
    }
}
