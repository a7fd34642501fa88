using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparseAdaptive.Network;

/// <summary>
/// Each block's share of every link's and bias's gradient, written by whichever thread takes the block through the
/// backward pass, while the block's activations and gradients are still in that core's cache; the weight update then
/// adds the shares in block order. Without them the update reads every block, half of which the other core has just
/// written. Costs 4 bytes per link and per block, so a network whose shares would exceed <see cref="MaxBytes"/>
/// updates from the blocks directly (<see cref="LayerKernels.UpdateWeights"/>), with the same additions in the same order.
/// Layers that <see cref="DenseWeightUpdate"/> updates keep no shares.
/// </summary>
internal sealed class PartialGradients
{
    /// <summary>Most memory the shares of all layers may take.</summary>
    public const long MaxBytes = 256L << 20;

    private readonly float[][][] _links;
    private readonly float[][][] _biases;
    private readonly bool[] _fresh;

    private PartialGradients(SparseNetwork network, int blocks)
    {
        var layers = network.Layers;
        _links = new float[layers.Count][][];
        _biases = new float[layers.Count][][];
        _fresh = new bool[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            _links[l] = new float[blocks][];
            _biases[l] = new float[blocks][];
            for (int block = 0; block < blocks; block++)
            {
                _links[l][block] = DenseWeightUpdate.Applies(layers[l]) ? [] : new float[layers[l].LinkCount];
                _biases[l][block] = new float[layers[l].OutputSize];
            }
        }
    }

    /// <summary>Shares for <paramref name="blocks"/> blocks of <paramref name="network"/>, or null when they would take more than <see cref="MaxBytes"/>.</summary>
    public static PartialGradients? TryCreate(SparseNetwork network, int blocks)
    {
        long bytes = network.Layers.Sum(l => (long)((DenseWeightUpdate.Applies(l) ? 0 : l.LinkCount) + l.OutputSize) * blocks * sizeof(float));
        return blocks > 1 && bytes <= MaxBytes ? new PartialGradients(network, blocks) : null;
    }

    /// <summary>Writes block <paramref name="block"/>'s share of layer <paramref name="layerIndex"/>'s gradients.</summary>
    public void Compute(SparseLayer layer, int layerIndex, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, int block)
    {
        if (DenseWeightUpdate.Applies(layer))
        {
            return;
        }
        var (links, biases) = Shares(layer, layerIndex, block);
        LayerKernels.BlockGradients(layer, input, outputGradient, links, biases);
    }

    /// <summary>Where block <paramref name="block"/>'s share of layer <paramref name="layerIndex"/>'s link and bias gradients goes, for a kernel that computes it.</summary>
    public (float[] Links, float[] Biases) Shares(SparseLayer layer, int layerIndex, int block)
    {
        var links = _links[layerIndex];
        if (links[block].Length != layer.LinkCount)
        {
            links[block] = new float[layer.LinkCount];
        }
        return (links[block], _biases[layerIndex][block]);
    }

    /// <summary>Marks every layer's shares as computed from the current batch (or, with false, as stale).</summary>
    public void SetFresh(bool fresh) => Array.Fill(_fresh, fresh);

    /// <summary>True when layer <paramref name="layerIndex"/>'s shares are those of the current batch, not yet applied.</summary>
    public bool IsFresh(int layerIndex) => _fresh[layerIndex];

    /// <summary>
    /// Applies one momentum SGD step to layer <paramref name="layerIndex"/> from the shares of its first
    /// <paramref name="blocks"/> blocks, links split between up to <paramref name="threads"/> threads, and marks them used.
    /// </summary>
    public void Apply(SparseLayer layer, int layerIndex, LayerVelocity velocity, SgdStep step, int blocks, int threads)
    {
        _fresh[layerIndex] = false;
        var biases = _biases[layerIndex];
        for (int row = 0; row < layer.OutputSize; row++)
        {
            float sum = biases[0][row];
            for (int block = 1; block < blocks; block++)
            {
                sum += biases[block][row];
            }
            step.ApplyToBias(layer.Biases, velocity.Biases, row, sum);
        }
        var links = _links[layerIndex];
        ParallelRange.Run(threads, layer.LinkCount, (start, end) =>
        {
            if (Vector512.IsHardwareAccelerated)
            {
                ApplyLinks<Vector512<float>, Vector512Ops>(layer.Weights, velocity.Weights, links, blocks, start, end, step);
            }
            else
            {
                ApplyLinks<Vector256<float>, Vector256Ops>(layer.Weights, velocity.Weights, links, blocks, start, end, step);
            }
        });
    }

    // The vector lanes make the same roundings as SgdStep.Apply makes on each link (no fused multiply-adds).
    private static void ApplyLinks<TV, TOps>(float[] weights, float[] velocity, float[][] shares, int blocks, int start, int end, SgdStep step)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        TV l2 = TOps.Broadcast(step.L2Regularization);
        TV momentum = TOps.Broadcast(step.Momentum);
        TV rate = TOps.Broadcast(step.LearningRate);
        ref float w = ref MemoryMarshal.GetArrayDataReference(weights);
        ref float v = ref MemoryMarshal.GetArrayDataReference(velocity);
        int k = start;
        for (; k + width <= end; k += width)
        {
            TV sum = TOps.Load(ref shares[0][k]);
            for (int block = 1; block < blocks; block++)
            {
                sum = TOps.Add(sum, TOps.Load(ref shares[block][k]));
            }
            ref float wk = ref Unsafe.Add(ref w, k);
            ref float vk = ref Unsafe.Add(ref v, k);
            TV weight = TOps.Load(ref wk);
            TV gradient = TOps.Add(sum, TOps.Multiply(l2, weight));
            TV newVelocity = TOps.Add(TOps.Multiply(momentum, TOps.Load(ref vk)), gradient);
            TOps.Store(newVelocity, ref vk);
            TOps.Store(TOps.Subtract(weight, TOps.Multiply(rate, newVelocity)), ref wk);
        }
        for (; k < end; k++)
        {
            float sum = shares[0][k];
            for (int block = 1; block < blocks; block++)
            {
                sum += shares[block][k];
            }
            step.Apply(weights, velocity, k, sum);
        }
    }
}
