using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Base of the custom-mapping outputs that carry a vector whose size is known only at run time (class scores,
/// perturbed features). A custom mapping's vector sizes come from compile-time attributes only (a size set at run time
/// is lost when the model is loaded), so the values are written into fixed-size blocks of 1, 2, 4, ... 32768 values,
/// and a built-in Concatenate joins the blocks picked by the binary digits of the size into a known-size vector.
/// </summary>
internal abstract class FixedSizeBlocks
{
    /// <summary>Number of blocks: sizes up to 2^16 − 1.</summary>
    public const int BlockCount = 16;

    /// <summary>Column name prefix of the blocks; each chain drops its blocks at its end.</summary>
    public const string BlockPrefix = "SparseAdaptive.Block";

    [ColumnName(BlockPrefix + "0"), VectorType(1)] public float[] Block0 = [];
    [ColumnName(BlockPrefix + "1"), VectorType(2)] public float[] Block1 = [];
    [ColumnName(BlockPrefix + "2"), VectorType(4)] public float[] Block2 = [];
    [ColumnName(BlockPrefix + "3"), VectorType(8)] public float[] Block3 = [];
    [ColumnName(BlockPrefix + "4"), VectorType(16)] public float[] Block4 = [];
    [ColumnName(BlockPrefix + "5"), VectorType(32)] public float[] Block5 = [];
    [ColumnName(BlockPrefix + "6"), VectorType(64)] public float[] Block6 = [];
    [ColumnName(BlockPrefix + "7"), VectorType(128)] public float[] Block7 = [];
    [ColumnName(BlockPrefix + "8"), VectorType(256)] public float[] Block8 = [];
    [ColumnName(BlockPrefix + "9"), VectorType(512)] public float[] Block9 = [];
    [ColumnName(BlockPrefix + "10"), VectorType(1024)] public float[] Block10 = [];
    [ColumnName(BlockPrefix + "11"), VectorType(2048)] public float[] Block11 = [];
    [ColumnName(BlockPrefix + "12"), VectorType(4096)] public float[] Block12 = [];
    [ColumnName(BlockPrefix + "13"), VectorType(8192)] public float[] Block13 = [];
    [ColumnName(BlockPrefix + "14"), VectorType(16384)] public float[] Block14 = [];
    [ColumnName(BlockPrefix + "15"), VectorType(32768)] public float[] Block15 = [];

    // Not a column: ML.NET maps public members only.
    private int[] _blocks = [];

    /// <summary>The largest vector the blocks can carry.</summary>
    public static int MaximumSize => (1 << BlockCount) - 1;

    /// <summary>Blocks whose sizes add up to <paramref name="size"/>, smallest first (the binary digits of it).</summary>
    public static int[] BlocksFor(int size) =>
        Enumerable.Range(0, BlockCount).Where(b => (size & (1 << b)) != 0).ToArray();

    /// <summary>Column name of block <paramref name="block"/>.</summary>
    public static string Block(int block) => BlockPrefix + block.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every block column, for a chain's final drop.</summary>
    public static IEnumerable<string> AllBlocks() => Enumerable.Range(0, BlockCount).Select(Block);

    /// <summary>Sizes the blocks for vectors of <paramref name="size"/> values.</summary>
    protected void AllocateBlocks(int size)
    {
        _blocks = BlocksFor(size);
        foreach (var block in _blocks)
        {
            BlockField(block) = new float[1 << block];
        }
    }

    /// <summary>Copies <paramref name="values"/> into the blocks, in the order Concatenate joins them.</summary>
    protected void FillBlocks(ReadOnlySpan<float> values)
    {
        int offset = 0;
        foreach (var block in _blocks)
        {
            int size = 1 << block;
            values.Slice(offset, size).CopyTo(BlockField(block));
            offset += size;
        }
    }

    private ref float[] BlockField(int block)
    {
        switch (block)
        {
            case 0: return ref Block0;
            case 1: return ref Block1;
            case 2: return ref Block2;
            case 3: return ref Block3;
            case 4: return ref Block4;
            case 5: return ref Block5;
            case 6: return ref Block6;
            case 7: return ref Block7;
            case 8: return ref Block8;
            case 9: return ref Block9;
            case 10: return ref Block10;
            case 11: return ref Block11;
            case 12: return ref Block12;
            case 13: return ref Block13;
            case 14: return ref Block14;
            case 15: return ref Block15;
            default: throw new ArgumentOutOfRangeException(nameof(block));
        }
    }
}
