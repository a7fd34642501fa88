using System.Runtime.Intrinsics;

namespace SparseAdaptive.Study.Cells;

/// <summary>
/// The processor a cell ran on and the vector width of the engine's kernels, stored with every cell: the kernels' sums
/// are exact at each width but differ between widths, so a report says which widths its cells were computed with.
/// </summary>
internal static class MachineDescription
{
    /// <summary>"CPU model, N cores, 512-bit vectors" (or 256-bit) for this process.</summary>
    public static string Current { get; } = $"{CpuModel()}, {Environment.ProcessorCount} cores, {VectorBits} vectors";

    /// <summary>The kernels' vector width in this process: "512-bit" or "256-bit".</summary>
    public static string VectorBits => Vector512.IsHardwareAccelerated ? "512-bit" : "256-bit";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
}
