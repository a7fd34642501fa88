namespace SparseAdaptive.Export;

/// <summary>Names and class labels of an ONNX export (<see cref="OnnxExport"/>).</summary>
public sealed class OnnxExportOptions
{
    /// <summary>Name of the graph input: a float tensor [N, InputSize]. Default "Features", as in ML.NET pipelines.</summary>
    public string InputName { get; init; } = "Features";

    /// <summary>Name of the class-probability output: a float tensor [N, ClassCount]. Default "Score".</summary>
    public string ScoreName { get; init; } = "Score";

    /// <summary>
    /// Name of the predicted-class output, a tensor [N]: the class index (int64, 0-based, the largest score) or, when
    /// labels are given, that class's label. Default "PredictedLabel".
    /// </summary>
    public string PredictedLabelName { get; init; } = "PredictedLabel";

    /// <summary>Numeric label of each class in class order; PredictedLabel is then an int64 label. At most one kind of labels.</summary>
    public IReadOnlyList<long>? NumericLabels { get; init; }

    /// <summary>Text label of each class in class order; PredictedLabel is then a string tensor. At most one kind of labels.</summary>
    public IReadOnlyList<string>? TextLabels { get; init; }
}
