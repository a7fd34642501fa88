using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SparseAdaptive.Network;

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
        double seconds = Timing.MedianSecondsPerCall(() => sink += LoopAtKernelWidth(), repeats: 5, minSampleSeconds: 0.1);
        GC.KeepAlive(sink);
        return flopsPerCall / seconds / 1e9;
    }

    /// <summary>
    /// Time for the FMA loop to run on two threads at once (each doing one thread's work) divided by its time alone:
    /// 1.0 when the second core is a whole core, 2.0 when it gives nothing. A loop on registers only, so anything above
    /// 1.0 is the machine (the VM's second vCPU shared with other work), not memory or caches.
    /// </summary>
    public static double TwoCoreTimeRatio()
    {
        float sink = 0;
        // About 0.1 s: long against starting a thread, short against the VM's changes.
        Action loop = () =>
        {
            for (int i = 0; i < 40; i++)
            {
                sink += LoopAtKernelWidth();
            }
        };
        loop();
        double alone = Timing.Seconds(loop);
        double together = Timing.Seconds(() =>
        {
            var other = new Thread(() => loop());
            other.Start();
            loop();
            other.Join();
        });
        GC.KeepAlive(sink);
        return together / alone;
    }

    private static float LoopAtKernelWidth() =>
        Vector512.IsHardwareAccelerated ? Loop<Vector512<float>, Vector512Ops>() : Loop<Vector256<float>, Vector256Ops>();

    /// <summary>Independent chains: enough to cover the FMA latency on both of a core's FMA pipes.</summary>
    private const int Accumulators = 12;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Loop<TV, TOps>()
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        TV m = TOps.Broadcast(0.999f), b = TOps.Broadcast(1e-3f);
        TV a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        for (int i = 0; i < Iterations; i++)
        {
            a0 = TOps.MultiplyAdd(a0, m, b); a1 = TOps.MultiplyAdd(a1, m, b); a2 = TOps.MultiplyAdd(a2, m, b);
            a3 = TOps.MultiplyAdd(a3, m, b); a4 = TOps.MultiplyAdd(a4, m, b); a5 = TOps.MultiplyAdd(a5, m, b);
            a6 = TOps.MultiplyAdd(a6, m, b); a7 = TOps.MultiplyAdd(a7, m, b); a8 = TOps.MultiplyAdd(a8, m, b);
            a9 = TOps.MultiplyAdd(a9, m, b); a10 = TOps.MultiplyAdd(a10, m, b); a11 = TOps.MultiplyAdd(a11, m, b);
        }
        TV sum = TOps.Add(TOps.Add(TOps.Add(a0, a1), TOps.Add(a2, a3)), TOps.Add(TOps.Add(a4, a5), TOps.Add(a6, a7)));
        return TOps.Sum(TOps.Add(sum, TOps.Add(TOps.Add(a8, a9), TOps.Add(a10, a11))));
    }
}
