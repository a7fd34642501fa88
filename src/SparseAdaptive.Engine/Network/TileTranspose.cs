using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparseAdaptive.Network;

/// <summary>
/// Transposes 8 × 8 tiles of floats in registers (AVX: unpacks, shuffles and lane permutes), for the batch loads
/// (samples to neuron-major blocks) and the dense weight update (blocks to sample-major rows). A copy moves each value
/// unchanged, so the result is the same as the scalar copy's.
/// </summary>
internal static class TileTranspose
{
    /// <summary>Rows and columns of a tile.</summary>
    public const int Size = 8;

    /// <summary>Whether <see cref="Tile"/> can run here; otherwise callers copy element by element.</summary>
    public static bool IsSupported => Avx.IsSupported;

    /// <summary>
    /// Writes <c>destination[m * destinationStride + k] = source[sourceRows[k] + m]</c> for k, m in [0, 8): row k of the
    /// tile starts <paramref name="sourceRows"/>[k] floats after <paramref name="source"/>. The caller guarantees the bounds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile(ref float source, ReadOnlySpan<nint> sourceRows, ref float destination, nint destinationStride)
    {
        var t0 = Avx.UnpackLow(Load(ref source, sourceRows[0]), Load(ref source, sourceRows[1]));
        var t1 = Avx.UnpackHigh(Load(ref source, sourceRows[0]), Load(ref source, sourceRows[1]));
        var t2 = Avx.UnpackLow(Load(ref source, sourceRows[2]), Load(ref source, sourceRows[3]));
        var t3 = Avx.UnpackHigh(Load(ref source, sourceRows[2]), Load(ref source, sourceRows[3]));
        var t4 = Avx.UnpackLow(Load(ref source, sourceRows[4]), Load(ref source, sourceRows[5]));
        var t5 = Avx.UnpackHigh(Load(ref source, sourceRows[4]), Load(ref source, sourceRows[5]));
        var t6 = Avx.UnpackLow(Load(ref source, sourceRows[6]), Load(ref source, sourceRows[7]));
        var t7 = Avx.UnpackHigh(Load(ref source, sourceRows[6]), Load(ref source, sourceRows[7]));
        // Within each 128-bit half: columns (0, 1, 2, 3) of rows 0-3 and of rows 4-7.
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Store(Avx.Permute2x128(u0, u4, 0x20), ref destination, 0);
        Store(Avx.Permute2x128(u1, u5, 0x20), ref destination, destinationStride);
        Store(Avx.Permute2x128(u2, u6, 0x20), ref destination, 2 * destinationStride);
        Store(Avx.Permute2x128(u3, u7, 0x20), ref destination, 3 * destinationStride);
        Store(Avx.Permute2x128(u0, u4, 0x31), ref destination, 4 * destinationStride);
        Store(Avx.Permute2x128(u1, u5, 0x31), ref destination, 5 * destinationStride);
        Store(Avx.Permute2x128(u2, u6, 0x31), ref destination, 6 * destinationStride);
        Store(Avx.Permute2x128(u3, u7, 0x31), ref destination, 7 * destinationStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(ref float source, nint offset) => Vector256.LoadUnsafe(ref Unsafe.Add(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> value, ref float destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));
}
