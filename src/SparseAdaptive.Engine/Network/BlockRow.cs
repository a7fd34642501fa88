using System.Runtime.CompilerServices;

namespace SparseAdaptive.Network;

/// <summary>
/// One block's row of output gradients held in registers (four 16-float or eight 8-float vectors) while the products
/// with many input rows are taken: even vectors into one accumulator, odd into the other, as every weight-gradient
/// kernel sums a block.
/// </summary>
internal readonly struct BlockRow<TV, TOps>
    where TV : struct
    where TOps : struct, IVectorOps<TV>
{
    private readonly TV _g0, _g1, _g2, _g3, _g4, _g5, _g6, _g7;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BlockRow(ref float g)
    {
        int width = TOps.Count;
        _g0 = TOps.Load(ref g);
        _g1 = TOps.Load(ref Unsafe.Add(ref g, width));
        _g2 = TOps.Load(ref Unsafe.Add(ref g, 2 * width));
        _g3 = TOps.Load(ref Unsafe.Add(ref g, 3 * width));
        if (HasEightVectors)
        {
            _g4 = TOps.Load(ref Unsafe.Add(ref g, 4 * width));
            _g5 = TOps.Load(ref Unsafe.Add(ref g, 5 * width));
            _g6 = TOps.Load(ref Unsafe.Add(ref g, 6 * width));
            _g7 = TOps.Load(ref Unsafe.Add(ref g, 7 * width));
        }
    }

    // A constant for each width, so the JIT keeps one branch.
    private static bool HasEightVectors => BatchBuffer.BlockLanes == 8 * TOps.Count;

    /// <summary>The lane-wise products with the input row at <paramref name="x"/>, summed down to one vector (not across it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TV Products(ref float x)
    {
        int width = TOps.Count;
        TV a0 = TOps.MultiplyAdd(_g0, TOps.Load(ref x), TOps.Zero);
        TV a1 = TOps.MultiplyAdd(_g1, TOps.Load(ref Unsafe.Add(ref x, width)), TOps.Zero);
        a0 = TOps.MultiplyAdd(_g2, TOps.Load(ref Unsafe.Add(ref x, 2 * width)), a0);
        a1 = TOps.MultiplyAdd(_g3, TOps.Load(ref Unsafe.Add(ref x, 3 * width)), a1);
        if (HasEightVectors)
        {
            a0 = TOps.MultiplyAdd(_g4, TOps.Load(ref Unsafe.Add(ref x, 4 * width)), a0);
            a1 = TOps.MultiplyAdd(_g5, TOps.Load(ref Unsafe.Add(ref x, 5 * width)), a1);
            a0 = TOps.MultiplyAdd(_g6, TOps.Load(ref Unsafe.Add(ref x, 6 * width)), a0);
            a1 = TOps.MultiplyAdd(_g7, TOps.Load(ref Unsafe.Add(ref x, 7 * width)), a1);
        }
        return TOps.Add(a0, a1);
    }
}
