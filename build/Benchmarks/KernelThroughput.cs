using SparseAdaptive.Network;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// GFLOP/s of the forward, backward-inputs and weight-update kernels on a 1000×1000 layer at batch 128, counted on
/// present links, at 99% sparsity against the same layer dense.
/// </summary>
internal static class KernelThroughput
{
    private const int Size = 1000;
    private const int BatchSize = 128;

    public static void Run(ResultTable table)
    {
        table.Section("Dense kernels, 1000×1000 layer, batch 128, 1 thread (GFLOP/s: 2 per link per sample)");
        double peak = FmaPeak.GigaflopsPerSecond();
        table.Add($"Peak: independent FMAs on registers, {VectorWidth.Describe()}", peak, "GFLOP/s");
        var denseLayer = new LayerFixture(Size, Size, 1.0, BatchSize, threads: 1);
        var oldPath = new LayerFixture(Size, Size, 1.0, BatchSize, threads: 1, kernels: KernelPolicy.SparseKernelsOnly);
        foreach (var (kernel, pick) in Kernels)
        {
            double oldRate = GigaflopsPerSecond(oldPath, pick(oldPath));
            double newRate = GigaflopsPerSecond(denseLayer, pick(denseLayer));
            table.Add($"{kernel}, dense layer, dense kernels", newRate, "GFLOP/s", "sparse kernels on every link (old path)", oldRate,
                $"{newRate / peak:P0} of the FMA peak");
        }

        table.Section($"Kernel throughput, {Size}×{Size} layer, batch {BatchSize} (GFLOP/s on present links: 2 per link per sample)");
        foreach (int threads in new[] { 1, 2 })
        {
            var sparse = new LayerFixture(Size, Size, 0.01, BatchSize, threads);
            var dense = new LayerFixture(Size, Size, 1.0, BatchSize, threads);
            foreach (var (kernel, pick) in Kernels)
            {
                double sparseRate = GigaflopsPerSecond(sparse, pick(sparse));
                double denseRate = GigaflopsPerSecond(dense, pick(dense));
                table.Add($"{kernel}, 99% sparse, {threads} thread(s)", sparseRate, "GFLOP/s", $"dense, {threads} thread(s)", denseRate);
                table.Add($"{kernel}, 99% sparse, {threads} thread(s), time per call", sparse.FlopsPerCall / sparseRate / 1e3, "µs",
                    $"dense, {threads} thread(s)", dense.FlopsPerCall / denseRate / 1e3);
            }
        }
        BlockKernelComparison.Run(table);
    }

    private static readonly (string Name, Func<LayerFixture, Action> Pick)[] Kernels =
    [
        ("Forward", f => f.Forward),
        ("Backward inputs", f => f.BackwardInputs),
        ("Weight update (gradient + momentum SGD)", f => f.UpdateWeights),
    ];

    private static double GigaflopsPerSecond(LayerFixture fixture, Action kernel) =>
        fixture.FlopsPerCall / Timing.MedianSecondsPerCall(kernel) / 1e9;
}
