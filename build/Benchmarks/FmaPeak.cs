using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// The practical peak of one core at the vector width the kernels run: a loop of independent fused multiply-adds
/// on registers only, no loads. The dense kernels' GFLOP/s are read against it.
/// </summary>
internal static class FmaPeak
{
    private const int Iterations = 1 << 20;

    /// <summary>GFLOP/s of the FMA loop on the calling thread (median of several samples).</summary>
    public static double GigaflopsPerSecond()
    {
        int width = Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count;
        double flopsPerCall = 2.0 * width * Accumulators * Iterations;
        float sink = 0;
        double seconds = Timing.MedianSecondsPerCall(() => sink += Vector512.IsHardwareAccelerated ? Loop512() : Loop256(), repeats: 5, minSampleSeconds: 0.1);
        GC.KeepAlive(sink);
        return flopsPerCall / seconds / 1e9;
    }

    /// <summary>Independent chains: enough to cover the FMA latency on both of a core's FMA pipes.</summary>
    private const int Accumulators = 12;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Loop512()
    {
        var m = Vector512.Create(0.999f);
        var b = Vector512.Create(1e-3f);
        Vector512<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, b); a1 = Vector512.FusedMultiplyAdd(a1, m, b);
            a2 = Vector512.FusedMultiplyAdd(a2, m, b); a3 = Vector512.FusedMultiplyAdd(a3, m, b);
            a4 = Vector512.FusedMultiplyAdd(a4, m, b); a5 = Vector512.FusedMultiplyAdd(a5, m, b);
            a6 = Vector512.FusedMultiplyAdd(a6, m, b); a7 = Vector512.FusedMultiplyAdd(a7, m, b);
            a8 = Vector512.FusedMultiplyAdd(a8, m, b); a9 = Vector512.FusedMultiplyAdd(a9, m, b);
            a10 = Vector512.FusedMultiplyAdd(a10, m, b); a11 = Vector512.FusedMultiplyAdd(a11, m, b);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Loop256()
    {
        var m = Vector256.Create(0.999f);
        var b = Vector256.Create(1e-3f);
        Vector256<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, b); a1 = Vector256.FusedMultiplyAdd(a1, m, b);
            a2 = Vector256.FusedMultiplyAdd(a2, m, b); a3 = Vector256.FusedMultiplyAdd(a3, m, b);
            a4 = Vector256.FusedMultiplyAdd(a4, m, b); a5 = Vector256.FusedMultiplyAdd(a5, m, b);
            a6 = Vector256.FusedMultiplyAdd(a6, m, b); a7 = Vector256.FusedMultiplyAdd(a7, m, b);
            a8 = Vector256.FusedMultiplyAdd(a8, m, b); a9 = Vector256.FusedMultiplyAdd(a9, m, b);
            a10 = Vector256.FusedMultiplyAdd(a10, m, b); a11 = Vector256.FusedMultiplyAdd(a11, m, b);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
