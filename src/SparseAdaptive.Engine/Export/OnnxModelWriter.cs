using System.Runtime.InteropServices;

namespace SparseAdaptive.Export;

/// <summary>
/// Collects the nodes, constant tensors, inputs and outputs of one ONNX graph and writes them as an ONNX
/// <c>ModelProto</c>. Field numbers are those of the ONNX schema (onnx.proto); only the fields used here are written.
/// </summary>
internal sealed class OnnxModelWriter
{
    /// <summary>The ONNX operator set the graph is written for (ONNX 1.13).</summary>
    public const int OpsetVersion = 18;

    // IR version 8 is the one that introduced opset 18.
    private const long IrVersion = 8;

    private const int FloatType = 1;
    private const int Int32Type = 6;
    private const int Int64Type = 7;
    private const int StringType = 8;

    private const int IntAttribute = 2;
    private const int StringAttribute = 3;
    private const int IntsAttribute = 7;

    private readonly List<ProtobufWriter> _nodes = [];
    private readonly List<ProtobufWriter> _initializers = [];
    private readonly List<ProtobufWriter> _inputs = [];
    private readonly List<ProtobufWriter> _outputs = [];
    private int _nodeCount;

    /// <summary>Declares a float input of shape [<paramref name="batchName"/>, <paramref name="width"/>].</summary>
    public void AddFloatInput(string name, string batchName, int width) => _inputs.Add(ValueInfo(name, FloatType, batchName, width));

    /// <summary>Declares a float output of shape [<paramref name="batchName"/>, <paramref name="width"/>].</summary>
    public void AddFloatOutput(string name, string batchName, int width) => _outputs.Add(ValueInfo(name, FloatType, batchName, width));

    /// <summary>Declares a one-dimensional output of shape [<paramref name="batchName"/>], of int64 or string values.</summary>
    public void AddVectorOutput(string name, string batchName, bool strings) =>
        _outputs.Add(ValueInfo(name, strings ? StringType : Int64Type, batchName, width: null));

    /// <summary>Adds a float constant.</summary>
    public string AddFloats(string name, ReadOnlySpan<float> values, params long[] dims) =>
        AddRawTensor(name, FloatType, MemoryMarshal.AsBytes(values), dims);

    /// <summary>Adds an int32 constant.</summary>
    public string AddInt32s(string name, ReadOnlySpan<int> values, params long[] dims) =>
        AddRawTensor(name, Int32Type, MemoryMarshal.AsBytes(values), dims);

    /// <summary>Adds an int64 constant.</summary>
    public string AddInt64s(string name, ReadOnlySpan<long> values, params long[] dims) =>
        AddRawTensor(name, Int64Type, MemoryMarshal.AsBytes(values), dims);

    /// <summary>Adds a one-dimensional string constant.</summary>
    public string AddStrings(string name, IReadOnlyList<string> values)
    {
        var tensor = TensorHeader(name, StringType, values.Count);
        foreach (string value in values)
        {
            tensor.WriteString(6, value);   // string_data
        }
        _initializers.Add(tensor);
        return name;
    }

    /// <summary>Adds a node and returns the name of its (single) output.</summary>
    /// <param name="opType">The ONNX operator.</param>
    /// <param name="output">Name of the output value.</param>
    /// <param name="inputs">Names of the input values, in the operator's order.</param>
    /// <param name="attributes">Integer, integer-list or string attributes.</param>
    public string AddNode(string opType, string output, string[] inputs, params (string Name, object Value)[] attributes)
    {
        var node = new ProtobufWriter();
        foreach (string input in inputs)
        {
            node.WriteString(1, input);
        }
        node.WriteString(2, output);
        node.WriteString(3, $"{opType}_{_nodeCount++}");
        node.WriteString(4, opType);
        foreach (var (name, value) in attributes)
        {
            node.WriteMessage(5, Attribute(name, value));
        }
        _nodes.Add(node);
        return output;
    }

    /// <summary>Writes the whole model.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="graphName">Name of the graph.</param>
    /// <param name="producerVersion">Version of the writing library, recorded in the model.</param>
    /// <param name="description">Free text recorded as the model's doc string.</param>
    public void Write(Stream stream, string graphName, string producerVersion, string description)
    {
        var graph = new ProtobufWriter();
        _nodes.ForEach(node => graph.WriteMessage(1, node));
        graph.WriteString(2, graphName);
        _initializers.ForEach(tensor => graph.WriteMessage(5, tensor));
        _inputs.ForEach(input => graph.WriteMessage(11, input));
        _outputs.ForEach(output => graph.WriteMessage(12, output));

        var opset = new ProtobufWriter();
        opset.WriteString(1, "");   // the default ONNX domain
        opset.WriteInt64(2, OpsetVersion);

        var model = new ProtobufWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, "SparseAdaptive");
        model.WriteString(3, producerVersion);
        model.WriteString(6, description);
        model.WriteMessage(7, graph);
        model.WriteMessage(8, opset);
        stream.Write(model.ToArray());
    }

    private string AddRawTensor(string name, int dataType, ReadOnlySpan<byte> littleEndianBytes, long[] dims)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX export writes tensors in the machine's byte order and needs a little-endian machine.");
        }
        var tensor = TensorHeader(name, dataType, dims);
        tensor.WriteBytes(9, littleEndianBytes);   // raw_data
        _initializers.Add(tensor);
        return name;
    }

    private static ProtobufWriter TensorHeader(string name, int dataType, params long[] dims)
    {
        var tensor = new ProtobufWriter();
        tensor.WritePackedInt64(1, dims);
        tensor.WriteInt64(2, dataType);
        tensor.WriteString(8, name);
        return tensor;
    }

    private static ProtobufWriter Attribute(string name, object value)
    {
        var attribute = new ProtobufWriter();
        attribute.WriteString(1, name);
        switch (value)
        {
            case long integer:
                attribute.WriteInt64(3, integer);
                attribute.WriteInt64(20, IntAttribute);
                break;
            case long[] integers:
                attribute.WritePackedInt64(8, integers);
                attribute.WriteInt64(20, IntsAttribute);
                break;
            case string text:
                attribute.WriteString(4, text);
                attribute.WriteInt64(20, StringAttribute);
                break;
            default:
                throw new ArgumentException($"Attribute '{name}' has unsupported type {value.GetType().Name}.", nameof(value));
        }
        return attribute;
    }

    // ValueInfoProto { name, type: TypeProto { tensor_type: { elem_type, shape { dim* } } } }.
    private static ProtobufWriter ValueInfo(string name, int elementType, string batchName, int? width)
    {
        var shape = new ProtobufWriter();
        var batch = new ProtobufWriter();
        batch.WriteString(2, batchName);   // dim_param: the batch size is free
        shape.WriteMessage(1, batch);
        if (width is { } size)
        {
            var columns = new ProtobufWriter();
            columns.WriteInt64(1, size);   // dim_value
            shape.WriteMessage(1, columns);
        }
        var tensorType = new ProtobufWriter();
        tensorType.WriteInt64(1, elementType);
        tensorType.WriteMessage(2, shape);
        var type = new ProtobufWriter();
        type.WriteMessage(1, tensorType);
        var valueInfo = new ProtobufWriter();
        valueInfo.WriteString(1, name);
        valueInfo.WriteMessage(2, type);
        return valueInfo;
    }
}
