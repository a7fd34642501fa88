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
/// them by the link weights and sums each target's products (<c>Gather</c> and a batched <c>MatMul</c> over the
/// targets of similar in-degree), so the file and the work grow with the number of links, never with inputs × outputs.
/// Only fully connected layers (such as the usual output layer) become a dense <c>MatMul</c>. Activations run
/// feature-major ([neurons, N]) so that every layer gathers along the first axis; the input is transposed once and the
/// scores back once.
/// </remarks>
public static class OnnxExport
{
    private const string BatchDimension = "N";

    // A protobuf message, so an ONNX file that keeps its tensors inside, holds at most 2 GB.
    private const long MaximumModelBytes = int.MaxValue;

    // A group of targets spans in-degrees up to this factor of its smallest: fewer nodes (each costs some microseconds
    // per run in ONNX Runtime) for at most 25% of padded links. Chosen on a 784-1000-1000-1000-10 network at 1%
    // density against 1 (a group per in-degree) and 2: the fastest of the three on 64-row batches, within 15% of the
    // fastest on 1 and 10,000 rows.
    private const double DegreeGrowth = 1.25;

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
        string biasColumn = model.AddFloats($"{name}_biases", layer.Biases, layer.OutputSize, 1);
        if (layer.IsDense)
        {
            // Links are sorted by target then source, so a dense layer's weights are already the row-major [out, in] matrix.
            string matrix = model.AddFloats($"{name}_weights", layer.Weights, layer.OutputSize, layer.InputSize);
            string product = model.AddNode("MatMul", $"{name}_product", [matrix, input]);
            return model.AddNode("Add", $"{name}_sums", [product, biasColumn]);
        }
        if (layer.LinkCount == 0)
        {
            string shape = model.AddNode("Concat", $"{name}_shape",
                [model.AddInt64s($"{name}_outputs", [layer.OutputSize], 1), batchSize], ("axis", 0L));
            return model.AddNode("Expand", $"{name}_sums", [biasColumn, shape]);
        }
        return model.AddNode("Add", $"{name}_sums", [AddLinkSums(model, layer, name, input, batchSize), biasColumn]);
    }

    // Σ w·input[source] of every target, [OutputSize, N]. Targets are grouped by in-degree, a group spanning degrees up
    // to DegreeGrowth times its smallest; each group's sources are gathered as [targets, degree, N] and multiplied by
    // their weights in one batched MatMul, and a last gather puts the groups' rows back in target order. Targets with
    // fewer links than their group's degree are padded with links of weight zero from a row of zeros appended to the
    // activations, so padding adds exact zeros. Each target's sum is one product's: ONNX Runtime's ScatterND with
    // reduction "add", used before, lost additions at random when several threads added into the same target.
    private static string AddLinkSums(OnnxModelWriter model, SparseLayer layer, string name, string input, string batchSize)
    {
        int[] offsets = layer.RowOffsets;
        int[] degrees = layer.GetInDegrees();
        int[] sources = layer.GetSources();
        int zeroRow = layer.InputSize;
        string zeros = model.AddNode("Expand", $"{name}_zeros",
            [model.AddFloats($"{name}_zero", [0f], 1, 1), model.AddNode("Concat", $"{name}_zeros_shape", [model.AddInt64s($"{name}_one", [1L], 1), batchSize], ("axis", 0L))]);
        string padded = model.AddNode("Concat", $"{name}_padded_input", [input, zeros], ("axis", 0L));

        int[] byDegree = Enumerable.Range(0, layer.OutputSize).OrderBy(t => degrees[t]).ToArray();
        var rowOfTarget = new long[layer.OutputSize];
        var groups = new List<string>();
        for (int first = 0; first < byDegree.Length;)
        {
            int limit = Math.Max(1, (int)(degrees[byDegree[first]] * DegreeGrowth));
            int end = first;
            while (end < byDegree.Length && degrees[byDegree[end]] <= limit)
            {
                end++;
            }
            int count = end - first;
            int degree = Math.Max(1, degrees[byDegree[end - 1]]);
            var groupSources = new int[count * degree];
            var groupWeights = new float[count * degree];
            Array.Fill(groupSources, zeroRow);
            for (int i = 0; i < count; i++)
            {
                int target = byDegree[first + i];
                sources.AsSpan(offsets[target], degrees[target]).CopyTo(groupSources.AsSpan(i * degree));
                layer.Weights.AsSpan(offsets[target], degrees[target]).CopyTo(groupWeights.AsSpan(i * degree));
                rowOfTarget[target] = first + i;
            }
            string prefix = $"{name}_group{groups.Count}";
            string gathered = model.AddNode("Gather", $"{prefix}_gathered",
                [padded, model.AddInt32s($"{prefix}_sources", groupSources, count, degree)], ("axis", 0L));
            // [count, 1, degree] × [count, degree, N] = [count, 1, N]: one small product per target, batched.
            groups.Add(model.AddNode("MatMul", $"{prefix}_sums",
                [model.AddFloats($"{prefix}_weights", groupWeights, count, 1, degree), gathered]));
            first = end;
        }

        string grouped = groups.Count == 1 ? groups[0] : model.AddNode("Concat", $"{name}_grouped", [.. groups], ("axis", 0L));
        bool inTargetOrder = rowOfTarget.Select((row, target) => row == target).All(same => same);
        string ordered = inTargetOrder
            ? grouped
            : model.AddNode("Gather", $"{name}_ordered", [grouped, model.AddInt64s($"{name}_rows", rowOfTarget, layer.OutputSize)], ("axis", 0L));
        return model.AddNode("Reshape", $"{name}_link_sums", [ordered, model.AddInt64s($"{name}_sums_shape", [layer.OutputSize, -1L], 2)]);
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
        // A sparse link takes a 32-bit source and a weight (padding adds up to DegreeGrowth − 1 more), each target a
        // 64-bit row; a dense link only its weight.
        long bytes = network.Layers.Sum(layer => layer.IsDense
            ? 4L * layer.LinkCount
            : (long)(8 * DegreeGrowth * layer.LinkCount) + 8L * layer.OutputSize);
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
