using System.Runtime.Intrinsics;

namespace SparseAdaptive.Network;

/// <summary>
/// A kernel over one layer, written once for every vector path: <see cref="KernelDriver"/> picks the vector types and
/// the width of the layer's link sources and calls <see cref="Run"/> with them.
/// </summary>
/// <remarks>
/// Two kinds of vectors are passed, because two kinds of kernels must keep their sums bit-identical to what they were:
/// <c>TV16</c> holds 16 floats (a quarter of a block, so that a block of <see cref="BatchBuffer.BlockLanes"/> samples
/// fits four registers), <c>TV</c> is the processor's own vector (register tiles, and sums across a vector in the order
/// the 256-bit kernels always made them). A kernel takes whichever it was written for.
/// </remarks>
internal interface ILayerKernel
{
    /// <summary>Runs the kernel on <paramref name="sources"/>, the layer's link sources (16- or 32-bit).</summary>
    void Run<TV16, TV16Ops, TV, TOps, TIndex>(TIndex[] sources)
        where TV16 : struct
        where TV16Ops : struct, IVectorOps<TV16>, IBlockDot<TV16>
        where TV : struct
        where TOps : struct, IVectorOps<TV>
        where TIndex : unmanaged;
}

/// <summary>
/// A kernel over values lane by lane (no layer, no links): <see cref="KernelDriver"/> calls <see cref="Run"/> with the
/// processor's own vector type (the TV of <see cref="ILayerKernel"/>).
/// </summary>
internal interface IElementwiseKernel
{
    /// <summary>Runs the kernel on vectors <typeparamref name="TV"/>.</summary>
    void Run<TV, TOps>()
        where TV : struct
        where TOps : struct, IVectorOps<TV>;
}

/// <summary>
/// Runs every kernel (<see cref="ILayerKernel"/>, <see cref="IElementwiseKernel"/>): the one place where the vector path
/// and the width of the link sources are chosen, so that each kernel is compiled once per path with no dispatch inside it.
/// </summary>
/// <remarks>
/// The table of vector paths, chosen once per process by the JIT (the checks below are constants to it):
/// <list type="table">
/// <listheader><term>processor</term><description>TV16 (a quarter of a block) · TV (its own vector)</description></listheader>
/// <item><term>512-bit</term><description><see cref="Vector512Ops"/> · <see cref="Vector512Ops"/></description></item>
/// <item><term>256-bit</term><description><see cref="Vector256PairOps"/> · <see cref="Vector256Ops"/></description></item>
/// </list>
/// and the sources: 16-bit (<see cref="SparseLayer.NarrowSources"/>) in layers of up to 65,536 inputs, 32-bit otherwise.
/// </remarks>
internal static class KernelDriver
{
    /// <summary>Floats in one of the processor's own vectors (the TV of the table).</summary>
    public static int VectorFloats => Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count;

    /// <summary>Runs <paramref name="kernel"/> on <paramref name="layer"/>'s vector path and source width.</summary>
    public static void Run<TKernel>(TKernel kernel, SparseLayer layer)
        where TKernel : ILayerKernel, allows ref struct
    {
        if (Vector512.IsHardwareAccelerated)
        {
            RunOnSources<TKernel, Vector512<float>, Vector512Ops, Vector512<float>, Vector512Ops>(kernel, layer);
        }
        else
        {
            RunOnSources<TKernel, Vector256Pair, Vector256PairOps, Vector256<float>, Vector256Ops>(kernel, layer);
        }
    }

    /// <summary>Runs <paramref name="kernel"/> on the processor's own vectors.</summary>
    public static void Run<TKernel>(TKernel kernel)
        where TKernel : IElementwiseKernel, allows ref struct
    {
        if (Vector512.IsHardwareAccelerated)
        {
            kernel.Run<Vector512<float>, Vector512Ops>();
        }
        else
        {
            kernel.Run<Vector256<float>, Vector256Ops>();
        }
    }

    private static void RunOnSources<TKernel, TV16, TV16Ops, TV, TOps>(TKernel kernel, SparseLayer layer)
        where TKernel : ILayerKernel, allows ref struct
        where TV16 : struct
        where TV16Ops : struct, IVectorOps<TV16>, IBlockDot<TV16>
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        if (layer.NarrowSources is { } narrow)
        {
            kernel.Run<TV16, TV16Ops, TV, TOps, ushort>(narrow);
        }
        else
        {
            kernel.Run<TV16, TV16Ops, TV, TOps, int>(layer.WideSources!);
        }
    }
}
