using System.Buffers;

namespace SparseAdaptive.Network;

/// <summary>
/// A multilayer perceptron of <see cref="SparseLayer"/>s: ReLU hidden layers and a last layer whose outputs are the
/// class logits, turned into probabilities by softmax.
/// </summary>
public sealed class SparseNetwork
{
    private readonly SparseLayer[] _layers;

    private SparseNetwork(SparseLayer[] layers)
    {
        _layers = layers;
    }

    /// <summary>Number of input features.</summary>
    public int InputSize => _layers[0].InputSize;

    /// <summary>Number of classes (outputs of the last layer).</summary>
    public int ClassCount => _layers[^1].OutputSize;

    /// <summary>The layers from input to output; the last one produces the class logits.</summary>
    public IReadOnlyList<SparseLayer> Layers => _layers;

    /// <summary>Total number of links over all layers.</summary>
    public long LinkCount => _layers.Sum(l => (long)l.LinkCount);

    /// <summary>Builds a network from its layers, checking that each layer's input size is the previous layer's output size.</summary>
    /// <exception cref="ArgumentException">No layers, or consecutive sizes do not match.</exception>
    public static SparseNetwork FromLayers(IEnumerable<SparseLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var array = layers.ToArray();
        if (array.Length == 0)
        {
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        }
        for (int l = 1; l < array.Length; l++)
        {
            if (array[l].InputSize != array[l - 1].OutputSize)
            {
                throw new ArgumentException(
                    $"Layer {l} takes {array[l].InputSize} inputs but layer {l - 1} produces {array[l - 1].OutputSize}.", nameof(layers));
            }
        }
        return new SparseNetwork(array);
    }

    /// <summary>
    /// Computes the class probabilities of one sample. Thread-safe; gives the same values, bit for bit, as the
    /// batched training and validation passes.
    /// </summary>
    /// <exception cref="ArgumentException">The spans do not have <see cref="InputSize"/> and <see cref="ClassCount"/> elements.</exception>
    public void Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        if (features.Length != InputSize)
        {
            throw new ArgumentException($"Expected {InputSize} features but got {features.Length}.", nameof(features));
        }
        if (probabilities.Length != ClassCount)
        {
            throw new ArgumentException($"Expected room for {ClassCount} probabilities but got {probabilities.Length}.", nameof(probabilities));
        }

        int width = _layers.Max(l => l.OutputSize);
        float[] bufferA = ArrayPool<float>.Shared.Rent(Math.Max(width, InputSize));
        float[] bufferB = ArrayPool<float>.Shared.Rent(width);
        try
        {
            ReadOnlySpan<float> input = features;
            float[] output = bufferA;
            for (int l = 0; l < _layers.Length; l++)
            {
                bool hidden = l < _layers.Length - 1;
                Span<float> result = l == _layers.Length - 1 ? probabilities : output.AsSpan(0, _layers[l].OutputSize);
                ForwardOne(_layers[l], input, result, relu: hidden);
                input = result;
                output = output == bufferA ? bufferB : bufferA;
            }
            Softmax.Apply(probabilities, out _);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(bufferA);
            ArrayPool<float>.Shared.Return(bufferB);
        }
    }

    // Each output gets the same fused multiply-adds, in the same order (increasing source), as in SparseForward,
    // so one sample scores exactly as in a batch. A sparse layer's rows are short chains that the processor overlaps;
    // a dense layer's rows are long dependent chains, so there all outputs advance together, one source at a time.
    private static void ForwardOne(SparseLayer layer, ReadOnlySpan<float> input, Span<float> output, bool relu)
    {
        float[] weights = layer.Weights;
        layer.Biases.CopyTo(output);
        if (layer.IsDense)
        {
            int inputSize = layer.InputSize;
            for (int source = 0; source < inputSize; source++)
            {
                float x = input[source];
                for (int row = 0, k = source; row < output.Length; row++, k += inputSize)
                {
                    output[row] = MathF.FusedMultiplyAdd(x, weights[k], output[row]);
                }
            }
        }
        else if (layer.NarrowSources is { } narrow)
        {
            ForwardRows(layer, narrow, input, output);
        }
        else
        {
            ForwardRows(layer, layer.WideSources!, input, output);
        }
        if (relu)
        {
            foreach (ref float y in output)
            {
                y = MathF.Max(y, 0f);
            }
        }
    }

    private static void ForwardRows<TIndex>(SparseLayer layer, TIndex[] sources, ReadOnlySpan<float> input, Span<float> output)
        where TIndex : unmanaged
    {
        int[] offsets = layer.RowOffsets;
        float[] weights = layer.Weights;
        for (int row = 0; row < output.Length; row++)
        {
            float sum = output[row];
            for (int k = offsets[row]; k < offsets[row + 1]; k++)
            {
                sum = MathF.FusedMultiplyAdd(input[LinkSources.Read(sources, k)], weights[k], sum);
            }
            output[row] = sum;
        }
    }

    /// <summary>A deep copy that shares nothing with this network.</summary>
    public SparseNetwork Clone() => new(_layers.Select(l => l.Clone()).ToArray());

    /// <summary>Writes the network in SparseAdaptive's binary format.</summary>
    public void Save(Stream stream) => NetworkSerializer.Write(this, stream);

    /// <summary>Reads a network written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold a valid network.</exception>
    public static SparseNetwork Load(Stream stream) => NetworkSerializer.Read(stream);
}
