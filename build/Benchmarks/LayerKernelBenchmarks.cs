using BenchmarkDotNet.Attributes;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of the three layer kernels on a 1000×1000 layer at batch 128, sparse and dense
/// (<c>--micro</c>). Each operation is one kernel call; the ratio column is against the 99%-sparse forward pass.
/// </summary>
[MemoryDiagnoser]
public class LayerKernelBenchmarks
{
    private LayerFixture _fixture = null!;

    /// <summary>Fraction of the 1000×1000 links present.</summary>
    [Params(0.01, 1.0)]
    public double Density { get; set; }

    /// <summary>Threads the kernels may use.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _fixture = new LayerFixture(1000, 1000, Density, 128, Threads);

    [Benchmark(Baseline = true)]
    public void Forward() => _fixture.Forward();

    [Benchmark]
    public void BackwardInputs() => _fixture.BackwardInputs();

    [Benchmark]
    public void UpdateWeights() => _fixture.UpdateWeights();
}
