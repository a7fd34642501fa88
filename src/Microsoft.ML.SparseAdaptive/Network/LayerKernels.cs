using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.SparseAdaptive.Network;

/// <summary>
/// The sparse kernels of one layer over a mini-batch. Activations are stored neuron-major and batch-minor
/// (<c>values[neuron * stride + sample]</c>), so each link costs one broadcast and a run of vector multiply-adds
/// along the batch; the stride is a multiple of <see cref="StrideMultiple"/> floats and padding samples are zero.
/// </summary>
internal static class LayerKernels
{
    /// <summary>Batch strides are rounded up to this many floats, a multiple of every vector width used.</summary>
    public const int StrideMultiple = 16;

    private const int Unroll = 4;

    /// <summary>
    /// <c>output[j] = bias[j] + Σ w·input[source]</c> for every row, on the samples (lanes) [laneStart, laneEnd), then ReLU
    /// when asked. Lane bounds are multiples of <see cref="StrideMultiple"/>.
    /// </summary>
    public static void Forward(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, int stride, int laneStart, int laneEnd, bool relu)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Forward<Vector512<float>, Vector512Ops>(layer, input, output, stride, laneStart, laneEnd, relu);
        }
        else
        {
            Forward<Vector256<float>, Vector256Ops>(layer, input, output, stride, laneStart, laneEnd, relu);
        }
    }

    /// <summary>
    /// <c>inputGradient[i] = Σ w·outputGradient[target]</c> on the lanes [laneStart, laneEnd), scattered along the rows
    /// so that no index by source is needed; when <paramref name="inputActivation"/> is not empty, multiplied by the
    /// ReLU/dropout derivative (<paramref name="derivativeScale"/> where the activation is positive, zero elsewhere).
    /// Each lane sums its terms in increasing target order, whoever computes it.
    /// </summary>
    public static void BackwardInputs(SparseLayer layer, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, ReadOnlySpan<float> inputActivation,
        float derivativeScale, int stride, int laneStart, int laneEnd)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            BackwardInputs<Vector512<float>, Vector512Ops>(layer, outputGradient, inputGradient, inputActivation, derivativeScale, stride, laneStart, laneEnd);
        }
        else
        {
            BackwardInputs<Vector256<float>, Vector256Ops>(layer, outputGradient, inputGradient, inputActivation, derivativeScale, stride, laneStart, laneEnd);
        }
    }

    /// <summary>
    /// Weight and bias gradients of rows [rowStart, rowEnd) (<c>Σ_samples outputGradient·input</c> over all lanes),
    /// applied at once with momentum SGD. Must run after <see cref="BackwardInputs"/> of the same layer, which reads the old weights.
    /// </summary>
    public static void UpdateWeights(SparseLayer layer, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, int stride, int rowStart, int rowEnd,
        LayerVelocity velocity, SgdStep step)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            UpdateWeights<Vector512<float>, Vector512Ops>(layer, input, outputGradient, stride, rowStart, rowEnd, velocity, step);
        }
        else
        {
            UpdateWeights<Vector256<float>, Vector256Ops>(layer, input, outputGradient, stride, rowStart, rowEnd, velocity, step);
        }
    }

    private static void Forward<TV, TOps>(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, int stride, int laneStart, int laneEnd, bool relu)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        int[] offsets = layer.RowOffsets;
        int[] sources = layer.Sources;
        float[] weights = layer.Weights;
        ref float inputBase = ref MemoryMarshal.GetReference(input);
        ref float outputBase = ref MemoryMarshal.GetReference(output);
        for (int row = 0; row < layer.OutputSize; row++)
        {
            int first = offsets[row];
            int last = offsets[row + 1];
            TV bias = TOps.Broadcast(layer.Biases[row]);
            ref float outputRow = ref Unsafe.Add(ref outputBase, (nint)row * stride);
            int c = laneStart;
            for (; c + Unroll * width <= laneEnd; c += Unroll * width)
            {
                TV a0 = bias, a1 = bias, a2 = bias, a3 = bias;
                for (int k = first; k < last; k++)
                {
                    ref float x = ref Unsafe.Add(ref inputBase, (nint)sources[k] * stride + c);
                    TV w = TOps.Broadcast(weights[k]);
                    a0 = TOps.MultiplyAdd(TOps.Load(ref x), w, a0);
                    a1 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref x, width)), w, a1);
                    a2 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref x, 2 * width)), w, a2);
                    a3 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref x, 3 * width)), w, a3);
                }
                ref float y = ref Unsafe.Add(ref outputRow, c);
                TOps.Store(relu ? TOps.Relu(a0) : a0, ref y);
                TOps.Store(relu ? TOps.Relu(a1) : a1, ref Unsafe.Add(ref y, width));
                TOps.Store(relu ? TOps.Relu(a2) : a2, ref Unsafe.Add(ref y, 2 * width));
                TOps.Store(relu ? TOps.Relu(a3) : a3, ref Unsafe.Add(ref y, 3 * width));
            }
            for (; c < laneEnd; c += width)
            {
                TV a = bias;
                for (int k = first; k < last; k++)
                {
                    a = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref inputBase, (nint)sources[k] * stride + c)), TOps.Broadcast(weights[k]), a);
                }
                TOps.Store(relu ? TOps.Relu(a) : a, ref Unsafe.Add(ref outputRow, c));
            }
        }
    }

    private static void BackwardInputs<TV, TOps>(SparseLayer layer, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, ReadOnlySpan<float> inputActivation,
        float derivativeScale, int stride, int laneStart, int laneEnd)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        int lanes = laneEnd - laneStart;
        for (int i = 0; i < layer.InputSize; i++)
        {
            inputGradient.Slice(i * stride + laneStart, lanes).Clear();
        }

        int[] offsets = layer.RowOffsets;
        int[] sources = layer.Sources;
        float[] weights = layer.Weights;
        ref float gradientBase = ref MemoryMarshal.GetReference(outputGradient);
        ref float destinationBase = ref MemoryMarshal.GetReference(inputGradient);
        for (int row = 0; row < layer.OutputSize; row++)
        {
            ref float g = ref Unsafe.Add(ref gradientBase, (nint)row * stride);
            int last = offsets[row + 1];
            int c = laneStart;
            for (; c + Unroll * width <= laneEnd; c += Unroll * width)
            {
                TV g0 = TOps.Load(ref Unsafe.Add(ref g, c));
                TV g1 = TOps.Load(ref Unsafe.Add(ref g, c + width));
                TV g2 = TOps.Load(ref Unsafe.Add(ref g, c + 2 * width));
                TV g3 = TOps.Load(ref Unsafe.Add(ref g, c + 3 * width));
                for (int k = offsets[row]; k < last; k++)
                {
                    ref float d = ref Unsafe.Add(ref destinationBase, (nint)sources[k] * stride + c);
                    TV w = TOps.Broadcast(weights[k]);
                    TOps.Store(TOps.MultiplyAdd(g0, w, TOps.Load(ref d)), ref d);
                    TOps.Store(TOps.MultiplyAdd(g1, w, TOps.Load(ref Unsafe.Add(ref d, width))), ref Unsafe.Add(ref d, width));
                    TOps.Store(TOps.MultiplyAdd(g2, w, TOps.Load(ref Unsafe.Add(ref d, 2 * width))), ref Unsafe.Add(ref d, 2 * width));
                    TOps.Store(TOps.MultiplyAdd(g3, w, TOps.Load(ref Unsafe.Add(ref d, 3 * width))), ref Unsafe.Add(ref d, 3 * width));
                }
            }
            for (; c < laneEnd; c += width)
            {
                TV g0 = TOps.Load(ref Unsafe.Add(ref g, c));
                for (int k = offsets[row]; k < last; k++)
                {
                    ref float d = ref Unsafe.Add(ref destinationBase, (nint)sources[k] * stride + c);
                    TOps.Store(TOps.MultiplyAdd(g0, TOps.Broadcast(weights[k]), TOps.Load(ref d)), ref d);
                }
            }
        }

        if (inputActivation.IsEmpty)
        {
            return;
        }
        TV scale = TOps.Broadcast(derivativeScale);
        ref float gateBase = ref MemoryMarshal.GetReference(inputActivation);
        for (int i = 0; i < layer.InputSize; i++)
        {
            for (int c = laneStart; c < laneEnd; c += width)
            {
                nint at = (nint)i * stride + c;
                ref float d = ref Unsafe.Add(ref destinationBase, at);
                TOps.Store(TOps.WherePositive(TOps.Load(ref Unsafe.Add(ref gateBase, at)), TOps.Multiply(TOps.Load(ref d), scale)), ref d);
            }
        }
    }

    private static void UpdateWeights<TV, TOps>(SparseLayer layer, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, int stride, int rowStart, int rowEnd,
        LayerVelocity velocity, SgdStep step)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int width = TOps.Count;
        int[] offsets = layer.RowOffsets;
        int[] sources = layer.Sources;
        float[] weights = layer.Weights;
        float[] weightVelocity = velocity.Weights;
        ref float inputBase = ref MemoryMarshal.GetReference(input);
        for (int row = rowStart; row < rowEnd; row++)
        {
            ref float g = ref MemoryMarshal.GetReference(outputGradient);
            g = ref Unsafe.Add(ref g, (nint)row * stride);

            TV biasSum = TOps.Zero;
            for (int c = 0; c < stride; c += width)
            {
                biasSum = TOps.Add(biasSum, TOps.Load(ref Unsafe.Add(ref g, c)));
            }
            velocity.Biases[row] = step.Momentum * velocity.Biases[row] + TOps.Sum(biasSum);
            layer.Biases[row] -= step.LearningRate * velocity.Biases[row];

            // Links go in pairs that share each load of the output gradient; every link's sum runs in the same
            // order as when it is alone, so pairing changes no result.
            int k = offsets[row];
            for (; k + 1 < offsets[row + 1]; k += 2)
            {
                ref float x = ref Unsafe.Add(ref inputBase, (nint)sources[k] * stride);
                ref float y = ref Unsafe.Add(ref inputBase, (nint)sources[k + 1] * stride);
                TV a0 = TOps.Zero, a1 = TOps.Zero, b0 = TOps.Zero, b1 = TOps.Zero;
                int c = 0;
                for (; c + 2 * width <= stride; c += 2 * width)
                {
                    TV g0 = TOps.Load(ref Unsafe.Add(ref g, c));
                    TV g1 = TOps.Load(ref Unsafe.Add(ref g, c + width));
                    a0 = TOps.MultiplyAdd(g0, TOps.Load(ref Unsafe.Add(ref x, c)), a0);
                    a1 = TOps.MultiplyAdd(g1, TOps.Load(ref Unsafe.Add(ref x, c + width)), a1);
                    b0 = TOps.MultiplyAdd(g0, TOps.Load(ref Unsafe.Add(ref y, c)), b0);
                    b1 = TOps.MultiplyAdd(g1, TOps.Load(ref Unsafe.Add(ref y, c + width)), b1);
                }
                for (; c < stride; c += width)
                {
                    TV g0 = TOps.Load(ref Unsafe.Add(ref g, c));
                    a0 = TOps.MultiplyAdd(g0, TOps.Load(ref Unsafe.Add(ref x, c)), a0);
                    b0 = TOps.MultiplyAdd(g0, TOps.Load(ref Unsafe.Add(ref y, c)), b0);
                }
                ApplyStep(weights, weightVelocity, k, TOps.Sum(TOps.Add(a0, a1)), step);
                ApplyStep(weights, weightVelocity, k + 1, TOps.Sum(TOps.Add(b0, b1)), step);
            }
            if (k < offsets[row + 1])
            {
                ref float x = ref Unsafe.Add(ref inputBase, (nint)sources[k] * stride);
                TV a0 = TOps.Zero, a1 = TOps.Zero;
                int c = 0;
                for (; c + 2 * width <= stride; c += 2 * width)
                {
                    a0 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref g, c)), TOps.Load(ref Unsafe.Add(ref x, c)), a0);
                    a1 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref g, c + width)), TOps.Load(ref Unsafe.Add(ref x, c + width)), a1);
                }
                for (; c < stride; c += width)
                {
                    a0 = TOps.MultiplyAdd(TOps.Load(ref Unsafe.Add(ref g, c)), TOps.Load(ref Unsafe.Add(ref x, c)), a0);
                }
                ApplyStep(weights, weightVelocity, k, TOps.Sum(TOps.Add(a0, a1)), step);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ApplyStep(float[] weights, float[] velocity, int link, float gradientSum, SgdStep step)
    {
        float gradient = gradientSum + step.L2Regularization * weights[link];
        velocity[link] = step.Momentum * velocity[link] + gradient;
        weights[link] -= step.LearningRate * velocity[link];
    }
}
