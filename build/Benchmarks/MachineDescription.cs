using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparseAdaptive.Benchmarks;

/// <summary>What the figures were measured on, printed with them since they mean little without it.</summary>
internal static class MachineDescription
{
    public static string Describe()
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        string tiering = $"TieredCompilation={Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? "default(on)"}, " +
            $"TieredPGO={(AppContext.TryGetSwitch("System.Runtime.TieredPGO", out bool pgo) ? pgo.ToString() : "default")}";
        return $"CPU: {cpu}, {Environment.ProcessorCount} logical cores; {RuntimeInformation.FrameworkDescription} on " +
            $"{RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture}); " +
            $"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}; kernels: {VectorWidth.Describe()}; " +
            $"runtime ISAs: {VectorWidth.RuntimeFlags()}; CPU flags: {VectorWidth.CpuFlags()}; " +
            $"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}; {tiering}";
    }

    /// <summary>The 1, 5 and 15-minute load averages: on a shared 2-core machine, above 2 means the timings were contended.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? "load average " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "load average unknown";
}
