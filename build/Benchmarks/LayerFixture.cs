using SparseAdaptive.Network;
using SparseAdaptive.Topology;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// One random layer wrapped as a one-layer network with a full batch of random inputs and output gradients, ready
/// for the kernels to run on (shared by the throughput table and the BenchmarkDotNet micro-benchmarks).
/// </summary>
internal sealed class LayerFixture
{
    /// <summary>Small enough that repeated updates leave the weights where they were for timing purposes.</summary>
    private static readonly SgdStep Step = new(1e-7f, 0.9f, 1e-4f);

    public LayerFixture(int inputSize, int outputSize, double density, int batchSize, int threads, long seed = 7, KernelPolicy? kernels = null)
    {
        var random = new SeededRandom(seed);
        Layer = RandomTopology.CreateLayer(inputSize, outputSize, RandomTopology.LinkCount(inputSize, outputSize, density), ref random);
        Propagator = new BatchPropagator(SparseNetwork.FromLayers([Layer]), batchSize, threads, BatchGradients.LayersAndInputs, kernels);
        Velocity = new LayerVelocity(Layer);
        BatchSize = batchSize;

        var features = new float[batchSize * inputSize];
        foreach (ref float x in features.AsSpan())
        {
            x = random.NextFloat();
        }
        Propagator.Load(features, Enumerable.Range(0, batchSize).ToArray());
        for (int block = 0; block < Propagator.Blocks; block++)
        {
            foreach (ref float g in Propagator.Gradients[1].Block(block))
            {
                g = random.NextSymmetric(1e-2f);
            }
        }
    }

    public SparseLayer Layer { get; }

    public BatchPropagator Propagator { get; }

    public LayerVelocity Velocity { get; }

    public int BatchSize { get; }

    /// <summary>Floating-point operations of one kernel call counted on present links: a multiply and an add per link and sample.</summary>
    public double FlopsPerCall => 2.0 * Layer.LinkCount * BatchSize;

    public void Forward() => Propagator.Forward();

    public void BackwardInputs() => Propagator.BackwardInputs(0);

    public void UpdateWeights() => Propagator.UpdateWeights(0, Velocity, Step);
}
