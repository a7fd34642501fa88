using System.Runtime.CompilerServices;

namespace SparseAdaptive.Network;

/// <summary>
/// The sums over one block's lanes that every weight and bias gradient is made of, on the processor's own vectors:
/// whoever computes a block's share of a gradient computes it with these, so all paths give the same bits.
/// </summary>
internal static class BlockDots
{
    // The sum over one block's lanes of g·x: even vectors into one accumulator, odd into the other, then across.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot<TV, TOps>(ref float g, ref float x)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        TV a0 = TOps.Zero, a1 = TOps.Zero;
        for (int c = 0; c < BatchBuffer.BlockLanes; c += 2 * width)
        {
            a0 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref g, c)), TOps.Load(ref Unsafe.Add(ref x, c)), a0);
            a1 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref g, c + width)), TOps.Load(ref Unsafe.Add(ref x, c + width)), a1);
        }
        return TOps.Sum(TOps.Add(a0, a1));
    }

    // Two links of the same row share each load of the output gradient; each sum runs as Dot's would alone.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (float X, float Y) Pair<TV, TOps>(ref float g, ref float x, ref float y)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        TV a0 = TOps.Zero, a1 = TOps.Zero, b0 = TOps.Zero, b1 = TOps.Zero;
        for (int c = 0; c < BatchBuffer.BlockLanes; c += 2 * width)
        {
            TV g0 = TOps.Load(ref Unsafe.Add(ref g, c));
            TV g1 = TOps.Load(ref Unsafe.Add(ref g, c + width));
            a0 = TOps.MultiplyAdd(g0, TOps.Load(ref Unsafe.Add(ref x, c)), a0);
            a1 = TOps.MultiplyAdd(g1, TOps.Load(ref Unsafe.Add(ref x, c + width)), a1);
            b0 = TOps.MultiplyAdd(g0, TOps.Load(ref Unsafe.Add(ref y, c)), b0);
            b1 = TOps.MultiplyAdd(g1, TOps.Load(ref Unsafe.Add(ref y, c + width)), b1);
        }
        return (TOps.Sum(TOps.Add(a0, a1)), TOps.Sum(TOps.Add(b0, b1)));
    }

    /// <summary>The sum of one block's lanes of a gradient row (a bias's share of the block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum<TV, TOps>(ref float g)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        TV sum = TOps.Zero;
        for (int c = 0; c < BatchBuffer.BlockLanes; c += TOps.Count)
        {
            sum = TOps.Add(sum, TOps.Load(ref Unsafe.Add(ref g, c)));
        }
        return TOps.Sum(sum);
    }
}
