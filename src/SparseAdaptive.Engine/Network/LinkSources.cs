using System.Runtime.CompilerServices;

namespace SparseAdaptive.Network;

/// <summary>
/// Reads and writes link sources stored as 16-bit (<see cref="ushort"/>) or 32-bit (<see cref="int"/>) integers. The
/// type tests fold away when the JIT specialises a kernel for one width, leaving a plain load or store: the generic
/// number conversions were measured to cost a third of the kernels' speed.
/// </summary>
internal static class LinkSources
{
    /// <summary>The source stored at <paramref name="link"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Read<TIndex>(TIndex[] sources, int link)
        where TIndex : unmanaged =>
        typeof(TIndex) == typeof(ushort) ? Unsafe.As<TIndex, ushort>(ref sources[link]) : Unsafe.As<TIndex, int>(ref sources[link]);

    /// <summary>Stores <paramref name="source"/> at <paramref name="link"/>; it must fit the width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write<TIndex>(TIndex[] sources, int link, int source)
        where TIndex : unmanaged
    {
        if (typeof(TIndex) == typeof(ushort))
        {
            Unsafe.As<TIndex, ushort>(ref sources[link]) = (ushort)source;
        }
        else
        {
            Unsafe.As<TIndex, int>(ref sources[link]) = source;
        }
    }
}
