using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparseAdaptive.Benchmarks;

/// <summary>Which vector width the kernels ran, and what forced it: every figure depends on it.</summary>
internal static class VectorWidth
{
    private static readonly string[] Switches = ["DOTNET_EnableAVX512F", "DOTNET_EnableAVX512", "DOTNET_PreferredVectorBitWidth", "DOTNET_EnableAVX2"];

    /// <summary>
    /// "512-bit (16 floats)" or "256-bit (8 floats)", with the runtime switches that were set. On .NET 10 it takes
    /// <c>DOTNET_EnableAVX512=0</c> or <c>DOTNET_PreferredVectorBitWidth=256</c> to run 256-bit vectors on an AVX-512
    /// machine; <c>DOTNET_EnableAVX512F=0</c> changes nothing.
    /// </summary>
    public static string Describe()
    {
        string width = Vector512.IsHardwareAccelerated ? "512-bit vectors (16 floats)" : "256-bit vectors (8 floats)";
        var set = Switches.Where(s => Environment.GetEnvironmentVariable(s) is not null)
            .Select(s => $"{s}={Environment.GetEnvironmentVariable(s)}").ToArray();
        return set.Length == 0 ? $"{width}, no switch set" : $"{width}, switches set: {string.Join(", ", set)}";
    }

    /// <summary>The instruction sets the runtime reports as usable (not the CPU's flags when a switch turned some off).</summary>
    public static string RuntimeFlags()
    {
        var flags = new List<string>();
        if (Avx2.IsSupported) { flags.Add("AVX2"); }
        if (Fma.IsSupported) { flags.Add("FMA"); }
        if (Avx512F.IsSupported) { flags.Add("AVX-512F"); }
        if (Avx512BW.IsSupported) { flags.Add("AVX-512BW"); }
        if (Avx512Vbmi.IsSupported) { flags.Add("AVX-512VBMI"); }
        return string.Join(" ", flags);
    }

    /// <summary>The CPU's own vector flags from /proc/cpuinfo, whatever the runtime was told to use.</summary>
    public static string CpuFlags()
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return "unknown";
        }
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? "";
        var flags = line.Split(':', 2).LastOrDefault()?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return string.Join(" ", flags.Where(f => f is "avx2" or "fma" || f.StartsWith("avx512", StringComparison.Ordinal)));
    }
}
