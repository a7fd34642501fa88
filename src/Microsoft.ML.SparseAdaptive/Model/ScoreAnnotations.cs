using System.Reflection;
using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// The annotations ML.NET's own multiclass trainers put on <c>Score</c>: ScoreColumnKind, ScoreColumnSetId,
/// ScoreValueKind and, when the label has KeyValues, TrainingLabelValues (the classes in key order) and, for text
/// classes, SlotNames (which the evaluator's confusion table prints). The model's chain of built-in transforms cannot
/// carry them (they are added by scorers internal to ML.NET), so the model's own view and schemas add them.
/// </summary>
internal static class ScoreAnnotations
{
    private const string ScoreColumnKind = "ScoreColumnKind";
    private const string ScoreColumnSetId = "ScoreColumnSetId";
    private const string ScoreValueKind = "ScoreValueKind";
    private const string TrainingLabelValues = "TrainingLabelValues";
    private const string SlotNames = "SlotNames";

    // ML.NET's type of ScoreColumnSetId.
    private static readonly KeyDataViewType ScoreColumnSetIdType = new(typeof(uint), int.MaxValue);

    /// <summary><paramref name="output"/> (a model chain's output for <paramref name="input"/>) with the annotations on Score.</summary>
    public static DataViewSchema Annotate(DataViewSchema output, DataViewSchema input, ClassLabels classes)
    {
        int score = output[SavedColumns.Score].Index;
        var annotations = Create(classes, NextScoreColumnSetId(input));
        var builder = new DataViewSchema.Builder();
        foreach (var column in output)
        {
            builder.AddColumn(column.Name, column.Type, column.Index == score ? annotations : column.Annotations);
        }
        return builder.ToSchema();
    }

    /// <summary>
    /// A step for schema propagation only, appended to a model chain's estimator: it replaces the Score column's shape
    /// with one that has the annotations (a custom mapping's output annotations are the only ones an estimator can be
    /// given through public API). It is never fitted.
    /// </summary>
    public static IEstimator<ITransformer> CreateShapeEstimator(MLContext mlContext, ClassLabels classes)
    {
        var definition = SchemaDefinition.Create(typeof(ScoreShape));
        var annotations = Create(classes, scoreColumnSetId: 1);
        var copy = typeof(ScoreAnnotations).GetMethod(nameof(CopyAnnotation), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var annotation in annotations.Schema)
        {
            copy.MakeGenericMethod(annotation.Type.RawType).Invoke(null, new object[] { annotations, annotation, definition[0] });
        }
        return mlContext.Transforms.CustomMapping<NetworkKeyInput, ScoreShape>((_, _) => { }, contractName: null, outputSchemaDefinition: definition);
    }

    private static DataViewSchema.Annotations Create(ClassLabels classes, uint scoreColumnSetId)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(ScoreColumnKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> value) => value = "MulticlassClassification".AsMemory());
        builder.Add(ScoreColumnSetId, ScoreColumnSetIdType, (ref uint value) => value = scoreColumnSetId);
        builder.Add(ScoreValueKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> value) => value = "Score".AsMemory());
        if (classes.HasKeyValues)
        {
            classes.AddValues(builder, TrainingLabelValues);
            if (classes.ValueType is TextDataViewType)
            {
                classes.AddValues(builder, SlotNames);
            }
        }
        return builder.ToAnnotations();
    }

    // As ML.NET's scorers number them: one more than the largest id already in the input.
    private static uint NextScoreColumnSetId(DataViewSchema input)
    {
        uint max = 0;
        foreach (var column in input)
        {
            if (column.Annotations.Schema.GetColumnOrNull(ScoreColumnSetId)?.Type is KeyDataViewType { RawType: var raw } && raw == typeof(uint))
            {
                uint id = 0;
                column.Annotations.GetValue(ScoreColumnSetId, ref id);
                max = Math.Max(max, id);
            }
        }
        return checked(max + 1);
    }

    private static void CopyAnnotation<T>(DataViewSchema.Annotations annotations, DataViewSchema.Column annotation, SchemaDefinition.Column column)
    {
        T value = default!;
        annotations.GetValue(annotation.Name, ref value);
        column.AddAnnotation(annotation.Name, value, annotation.Type);
    }

    /// <summary>The Score column of <see cref="CreateShapeEstimator"/>: a known-size vector, as the model's.</summary>
    private sealed class ScoreShape
    {
        [ColumnName(SavedColumns.Score), VectorType(2)]
        public float[] Score = [];
    }
}
