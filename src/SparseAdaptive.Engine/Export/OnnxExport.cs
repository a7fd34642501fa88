using System.Reflection;
using SparseAdaptive.Data;
using SparseAdaptive.Network;

namespace SparseAdaptive.Export;

/// <summary>
/// Writes a <see cref="SparseNetwork"/> as a standard ONNX model (opset 18) that ONNX Runtime and other ONNX engines
/// score with the network's own results: class probabilities (softmax of the last layer) and the predicted class.
/// </summary>
/// <remarks>
/// The graph stays truly sparse: a sparse layer gathers its link sources from the previous activations, multiplies
/// them by the link weights and adds each product into its target with <c>ScatterND</c> (reduction "add"), so the
/// file and the work grow with the number of links, never with inputs × outputs. Only fully connected layers (such as
/// the usual output layer) become a dense <c>MatMul</c>. Activations run feature-major ([neurons, N]) so that every
/// layer gathers and scatters along the first axis; the input is transposed once and the scores back once.
/// </remarks>
public static class OnnxExport
{
    private const string BatchDimension = "N";

    // A protobuf message, so an ONNX file that keeps its tensors inside, holds at most 2 GB.
    private const long MaximumModelBytes = int.MaxValue;

    /// <summary>Writes the ONNX model of <paramref name="network"/> to <paramref name="path"/>, atomically.</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="path">The .onnx file to create or replace; it is replaced only once completely written.</param>
    /// <param name="options">Names and labels; null for the defaults.</param>
    /// <exception cref="ArgumentException">The options are inconsistent with the network (the message names the option).</exception>
    /// <exception cref="NotSupportedException">The network's tensors would exceed the 2 GB an ONNX file can hold.</exception>
    public static void Write(SparseNetwork network, string path, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var model = Build(network, options ?? new OnnxExportOptions());
        AtomicFile.Write(path, temporary =>
        {
            using var file = File.Create(temporary);
            Write(model, file);
        });
    }

    /// <summary>Writes the ONNX model of <paramref name="network"/> to <paramref name="stream"/>.</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="stream">Destination, written from its current position.</param>
    /// <param name="options">Names and labels; null for the defaults.</param>
    /// <exception cref="ArgumentException">The options are inconsistent with the network (the message names the option).</exception>
    /// <exception cref="NotSupportedException">The network's tensors would exceed the 2 GB an ONNX file can hold.</exception>
    public static void Write(SparseNetwork network, Stream stream, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        Write(Build(network, options ?? new OnnxExportOptions()), stream);
    }

    private static void Write(OnnxModelWriter model, Stream stream)
    {
        string version = typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        model.Write(stream, "SparseAdaptiveNetwork", version, "Sparse multilayer network exported by SparseAdaptive: ReLU hidden layers, softmax output.");
    }

    private static OnnxModelWriter Build(SparseNetwork network, OnnxExportOptions options)
    {
        Validate(network, options);
        var model = new OnnxModelWriter();
        model.AddFloatInput(options.InputName, BatchDimension, network.InputSize);

        string activations = model.AddNode("Transpose", "input_t", [options.InputName], ("perm", new long[] { 1, 0 }));
        string batchSize = model.AddNode("Shape", "batch_size", [options.InputName], ("start", 0L), ("end", 1L));
        for (int l = 0; l < network.Layers.Count; l++)
        {
            string sums = AddLayer(model, network.Layers[l], $"layer{l}", activations, batchSize);
            bool hidden = l < network.Layers.Count - 1;
            activations = hidden ? model.AddNode("Relu", $"layer{l}_relu", [sums]) : sums;
        }

        string logits = model.AddNode("Transpose", "logits", [activations], ("perm", new long[] { 1, 0 }));
        model.AddNode("Softmax", options.ScoreName, [logits], ("axis", 1L));
        model.AddFloatOutput(options.ScoreName, BatchDimension, network.ClassCount);

        // The engine's prediction is the first largest logit; ArgMax keeps the first index on ties too.
        string index = model.AddNode("ArgMax", "predicted_index", [logits], ("axis", 1L), ("keepdims", 0L));
        AddPredictedLabel(model, options, index);
        return model;
    }

    // A layer's pre-activations, [OutputSize, N].
    private static string AddLayer(OnnxModelWriter model, SparseLayer layer, string name, string input, string batchSize)
    {
        float[] weights = layer.Weights;
        float[] biases = layer.Biases;
        if (layer.IsDense)
        {
            // Links are sorted by target then source, so a dense layer's weights are already the row-major [out, in] matrix.
            string matrix = model.AddFloats($"{name}_weights", weights, layer.OutputSize, layer.InputSize);
            string product = model.AddNode("MatMul", $"{name}_product", [matrix, input]);
            return model.AddNode("Add", $"{name}_sums", [product, model.AddFloats($"{name}_biases", biases, layer.OutputSize, 1)]);
        }

        string shape = model.AddNode("Concat", $"{name}_shape",
            [model.AddInt64s($"{name}_outputs", [layer.OutputSize], 1), batchSize], ("axis", 0L));
        string start = model.AddNode("Expand", $"{name}_start",
            [model.AddFloats($"{name}_biases", biases, layer.OutputSize, 1), shape]);
        if (layer.LinkCount == 0)
        {
            return start;
        }

        var targets = new long[layer.LinkCount];
        for (int target = 0; target < layer.OutputSize; target++)
        {
            targets.AsSpan(layer.RowOffsets[target], layer.RowOffsets[target + 1] - layer.RowOffsets[target]).Fill(target);
        }
        string gathered = model.AddNode("Gather", $"{name}_gathered",
            [input, model.AddInt32s($"{name}_sources", layer.GetSources(), layer.LinkCount)], ("axis", 0L));
        string products = model.AddNode("Mul", $"{name}_products",
            [gathered, model.AddFloats($"{name}_link_weights", weights, layer.LinkCount, 1)]);
        return model.AddNode("ScatterND", $"{name}_sums",
            [start, model.AddInt64s($"{name}_targets", targets, layer.LinkCount, 1), products], ("reduction", "add"));
    }

    private static void AddPredictedLabel(OnnxModelWriter model, OnnxExportOptions options, string index)
    {
        if (options.TextLabels is { } text)
        {
            model.AddNode("Gather", options.PredictedLabelName, [model.AddStrings("class_labels", text), index], ("axis", 0L));
        }
        else if (options.NumericLabels is { } numeric)
        {
            model.AddNode("Gather", options.PredictedLabelName, [model.AddInt64s("class_labels", numeric.ToArray(), numeric.Count), index], ("axis", 0L));
        }
        else
        {
            model.AddNode("Identity", options.PredictedLabelName, [index]);
        }
        model.AddVectorOutput(options.PredictedLabelName, BatchDimension, strings: options.TextLabels is not null);
    }

    private static void Validate(SparseNetwork network, OnnxExportOptions options)
    {
        // A sparse link takes a 32-bit source, a 64-bit target and a weight; a dense one only its weight.
        long bytes = network.Layers.Sum(layer => (layer.IsDense ? 4L : 16L) * layer.LinkCount);
        if (bytes > MaximumModelBytes)
        {
            throw new NotSupportedException(
                $"The network's {network.LinkCount:N0} links take about {bytes >> 20:N0} MiB in ONNX, more than the 2 GiB an ONNX file can hold.");
        }
        string[] names = [options.InputName, options.ScoreName, options.PredictedLabelName];
        if (names.Any(string.IsNullOrWhiteSpace) || names.Distinct().Count() != names.Length)
        {
            throw new ArgumentException(
                $"{nameof(OnnxExportOptions.InputName)}, {nameof(OnnxExportOptions.ScoreName)} and {nameof(OnnxExportOptions.PredictedLabelName)} " +
                $"must be distinct and not empty; got '{options.InputName}', '{options.ScoreName}', '{options.PredictedLabelName}'.", nameof(options));
        }
        if (options.TextLabels is not null && options.NumericLabels is not null)
        {
            throw new ArgumentException(
                $"Set either {nameof(OnnxExportOptions.TextLabels)} or {nameof(OnnxExportOptions.NumericLabels)}, not both.", nameof(options));
        }
        int? labelCount = options.TextLabels?.Count ?? options.NumericLabels?.Count;
        if (labelCount is { } count && count != network.ClassCount)
        {
            throw new ArgumentException(
                $"The network has {network.ClassCount} classes but {count} class labels were given.", nameof(options));
        }
    }
}
