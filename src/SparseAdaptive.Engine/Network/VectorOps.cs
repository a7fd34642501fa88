using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SparseAdaptive.Network;

/// <summary>
/// The few SIMD operations the kernels need, over one vector width. The kernels are generic over a struct
/// implementing this, so the JIT emits one specialised copy per width with no dispatch in the inner loops.
/// </summary>
internal interface IVectorOps<TVector> where TVector : struct
{
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Load(ref float source);

    static abstract void Store(TVector value, ref float destination);

    static abstract TVector Broadcast(float value);

    /// <summary>a × b + c with a single rounding, like <see cref="MathF.FusedMultiplyAdd"/> per lane.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    static abstract TVector Add(TVector a, TVector b);

    static abstract TVector Subtract(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);

    static abstract TVector Relu(TVector value);

    /// <summary>Lanes of <paramref name="value"/> where <paramref name="gate"/> is positive, zero elsewhere.</summary>
    static abstract TVector WherePositive(TVector gate, TVector value);

    /// <summary>The smaller of each pair of lanes, like <see cref="MathF.Min"/> per lane.</summary>
    static abstract TVector Min(TVector a, TVector b);

    /// <summary>The larger of each pair of lanes, like <see cref="MathF.Max"/> per lane.</summary>
    static abstract TVector Max(TVector a, TVector b);

    /// <summary>1 where a lane is positive, −1 where it is negative, 0 elsewhere (zero and NaN).</summary>
    static abstract TVector Sign(TVector value);

    static abstract float Sum(TVector value);
}

/// <summary>512-bit vectors (16 floats), used where the processor runs them natively.</summary>
internal readonly struct Vector512Ops : IVectorOps<Vector512<float>>, IBlockDot<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source) => Vector512.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Relu(Vector512<float> value) => Vector512.Max(value, Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WherePositive(Vector512<float> gate, Vector512<float> value) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(gate, Vector512<float>.Zero), value, Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sign(Vector512<float> value) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(value, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero)
        - Vector512.ConditionalSelect(Vector512.LessThan(value, Vector512<float>.Zero), Vector512<float>.One, Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> value) => Vector512.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float BlockDot(Vector512<float> g0, Vector512<float> g1, Vector512<float> g2, Vector512<float> g3,
        Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, Vector512<float> x3) =>
        Vector512.Sum(BlockProducts(g0, g1, g2, g3, x0, x1, x2, x3));

    /// <summary>
    /// <see cref="BlockDot"/> before its sum across the vector: the even vectors' products in one accumulator, the odd
    /// ones' in the other, added lane by lane. <see cref="WideRowGradients"/> sums these across sixteen links at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> BlockProducts(Vector512<float> g0, Vector512<float> g1, Vector512<float> g2, Vector512<float> g3,
        Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, Vector512<float> x3)
    {
        var even = Vector512.FusedMultiplyAdd(g2, x2, Vector512.FusedMultiplyAdd(g0, x0, Vector512<float>.Zero));
        var odd = Vector512.FusedMultiplyAdd(g3, x3, Vector512.FusedMultiplyAdd(g1, x1, Vector512<float>.Zero));
        return even + odd;
    }
}

/// <summary>256-bit vectors (8 floats), the portable default.</summary>
internal readonly struct Vector256Ops : IVectorOps<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source) => Vector256.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Relu(Vector256<float> value) => Vector256.Max(value, Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WherePositive(Vector256<float> gate, Vector256<float> value) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(gate, Vector256<float>.Zero), value, Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sign(Vector256<float> value) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(value, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero)
        - Vector256.ConditionalSelect(Vector256.LessThan(value, Vector256<float>.Zero), Vector256<float>.One, Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> value) => Vector256.Sum(value);
}

/// <summary>Two 256-bit vectors taken together (16 floats).</summary>
internal readonly struct Vector256Pair(Vector256<float> low, Vector256<float> high)
{
    public Vector256<float> Low { get; } = low;

    public Vector256<float> High { get; } = high;
}

/// <summary>
/// 256-bit vectors in pairs, so a kernel written for 16-float vectors covers a block of 64 samples in one pass with
/// eight accumulators (they fit AVX2's 16 registers) instead of two passes of four. Every lane gets the operations of
/// <see cref="Vector256Ops"/>, so results are the same; lanes meet only in <see cref="BlockDot"/>, which adds them as
/// the 256-bit weight-gradient kernels do.
/// </summary>
internal readonly struct Vector256PairOps : IVectorOps<Vector256Pair>, IBlockDot<Vector256Pair>
{
    public static int Count => 2 * Vector256<float>.Count;

    public static Vector256Pair Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Pair Load(ref float source) =>
        new(Vector256.LoadUnsafe(ref source), Vector256.LoadUnsafe(ref Unsafe.Add(ref source, Vector256<float>.Count)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256Pair value, ref float destination)
    {
        value.Low.StoreUnsafe(ref destination);
        value.High.StoreUnsafe(ref Unsafe.Add(ref destination, Vector256<float>.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Pair Broadcast(float value) => new(Vector256.Create(value), Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Pair MultiplyAdd(Vector256Pair a, Vector256Pair b, Vector256Pair c) =>
        new(Vector256.FusedMultiplyAdd(a.Low, b.Low, c.Low), Vector256.FusedMultiplyAdd(a.High, b.High, c.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Pair Add(Vector256Pair a, Vector256Pair b) => new(a.Low + b.Low, a.High + b.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Pair Subtract(Vector256Pair a, Vector256Pair b) => new(a.Low - b.Low, a.High - b.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Pair Multiply(Vector256Pair a, Vector256Pair b) => new(a.Low * b.Low, a.High * b.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Pair Relu(Vector256Pair value) => new(Vector256Ops.Relu(value.Low), Vector256Ops.Relu(value.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Pair WherePositive(Vector256Pair gate, Vector256Pair value) =>
        new(Vector256Ops.WherePositive(gate.Low, value.Low), Vector256Ops.WherePositive(gate.High, value.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Pair Min(Vector256Pair a, Vector256Pair b) => new(Vector256Ops.Min(a.Low, b.Low), Vector256Ops.Min(a.High, b.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Pair Max(Vector256Pair a, Vector256Pair b) => new(Vector256Ops.Max(a.Low, b.Low), Vector256Ops.Max(a.High, b.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Pair Sign(Vector256Pair value) => new(Vector256Ops.Sign(value.Low), Vector256Ops.Sign(value.High));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256Pair value) => Vector256.Sum(value.Low) + Vector256.Sum(value.High);

    // A pair's low half is an even 8-lane vector of the block and its high half the next, odd one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float BlockDot(Vector256Pair g0, Vector256Pair g1, Vector256Pair g2, Vector256Pair g3,
        Vector256Pair x0, Vector256Pair x1, Vector256Pair x2, Vector256Pair x3)
    {
        var sums = MultiplyAdd(g3, x3, MultiplyAdd(g2, x2, MultiplyAdd(g1, x1, MultiplyAdd(g0, x0, Zero))));
        return Vector256.Sum(sums.Low + sums.High);
    }
}
