using System.Buffers.Binary;
using System.Text;

namespace SparseAdaptive.Export;

/// <summary>
/// Writes one protocol-buffers message in the wire format: varints, 32-bit floats and length-delimited fields.
/// Only what the ONNX messages of <see cref="OnnxModelWriter"/> need; nested messages are built by their own writer
/// and embedded with <see cref="WriteMessage"/>, since a length prefix needs the finished size.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int VarintWireType = 0;
    private const int Fixed32WireType = 5;
    private const int LengthDelimitedWireType = 2;

    private readonly MemoryStream _buffer = new();

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => _buffer.ToArray();

    /// <summary>Writes an int64, int32 or enum field (negative values take ten bytes, as protobuf requires).</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, VarintWireType);
        WriteVarint((ulong)value);
    }

    /// <summary>Writes a float field.</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, Fixed32WireType);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    /// <summary>Writes a string field as UTF-8.</summary>
    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>Writes a bytes field.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimitedWireType);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>Writes an embedded message field.</summary>
    public void WriteMessage(int field, ProtobufWriter message) => WriteBytes(field, message._buffer.GetBuffer().AsSpan(0, (int)message._buffer.Length));

    /// <summary>Writes a repeated int64 field in the packed encoding.</summary>
    public void WritePackedInt64(int field, IEnumerable<long> values)
    {
        var packed = new ProtobufWriter();
        foreach (long value in values)
        {
            packed.WriteVarint((ulong)value);
        }
        WriteMessage(field, packed);
    }

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
