using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

/// <summary>
/// Our Score and PredictedLabel columns carry the annotations ML.NET's own multiclass trainer (SdcaMaximumEntropy)
/// puts there, on the same data, however the model was obtained: Score's ScoreColumnKind, ScoreValueKind,
/// ScoreColumnSetId, TrainingLabelValues and, for text labels, SlotNames; PredictedLabel's ScoreColumnKind,
/// ScoreValueKind, ScoreColumnSetId and KeyValues.
/// </summary>
public sealed class ScoreAnnotationTests : IDisposable
{
    // A counter in ML.NET: compared by type and presence only.
    private const string ScoreColumnSetId = "ScoreColumnSetId";

    private readonly string _directory = Directory.CreateTempSubdirectory("sparse-adaptive-annotations-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>How a model is obtained: fitted, or saved and loaded back one way or the other.</summary>
    public enum Obtained
    {
        Fitted,
        LoadedWithLoadSparseAdaptive,
        LoadedWithPlainLoad,
    }

    public static TheoryData<bool> LabelKinds => new() { true, false };

    public static TheoryData<Obtained, bool, string> Cases()
    {
        var cases = new TheoryData<Obtained, bool, string>();
        foreach (var obtained in Enum.GetValues<Obtained>())
        {
            foreach (bool textLabels in new[] { true, false })
            {
                cases.Add(obtained, textLabels, "Score");
                cases.Add(obtained, textLabels, "PredictedLabel");
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Transform_annotates_the_column_as_SdcaMaximumEntropy_does(Obtained obtained, bool textLabels, string column)
    {
        var mlContext = new MLContext(seed: 1);
        var keyed = KeyedData(mlContext, textLabels);
        var ours = Obtain(mlContext, mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Fit(keyed), keyed, obtained, "ours.zip");
        var sdca = Obtain(mlContext, Sdca(mlContext, keyed), keyed, obtained, "sdca.zip");

        var expected = Describe(sdca.Transform(keyed).Schema[column]);

        expected.Should().Contain(a => a.StartsWith("ScoreColumnKind", StringComparison.Ordinal), "SDCA annotates the column");
        Describe(ours.Transform(keyed).Schema[column]).Should().Equal(expected);
        Describe(ours.GetOutputSchema(keyed.Schema)[column]).Should().Equal(expected);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_row_to_row_mapper_annotates_the_column_as_SdcaMaximumEntropy_does(Obtained obtained, bool textLabels, string column)
    {
        var mlContext = new MLContext(seed: 1);
        var keyed = KeyedData(mlContext, textLabels);
        var ours = Obtain(mlContext, mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Fit(keyed), keyed, obtained, "ours.zip");
        var sdca = Obtain(mlContext, Sdca(mlContext, keyed), keyed, obtained, "sdca.zip");

        Describe(ours.GetRowToRowMapper(keyed.Schema).OutputSchema[column])
            .Should().Equal(Describe(sdca.GetRowToRowMapper(keyed.Schema).OutputSchema[column]));
    }

    [Theory]
    [MemberData(nameof(LabelKinds))]
    public void The_trainer_propagates_the_annotations_SdcaMaximumEntropy_propagates(bool textLabels)
    {
        var mlContext = new MLContext(seed: 1);
        var shape = SchemaShapes.Of(KeyedData(mlContext, textLabels).Schema);

        var ours = mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).GetOutputSchema(shape);
        var sdca = mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy().GetOutputSchema(shape);

        foreach (var column in new[] { "Score", "PredictedLabel" })
        {
            Describe(Find(ours, column).Annotations).Should().BeEquivalentTo(Describe(Find(sdca, column).Annotations), "a shape's annotations have no order");
            Describe(Find(ours, column).Annotations).Should().Contain(a => a.StartsWith("ScoreColumnKind", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(Obtained.Fitted)]
    [InlineData(Obtained.LoadedWithPlainLoad)]
    public void The_confusion_table_names_the_classes_of_text_labels(Obtained obtained)
    {
        var mlContext = new MLContext(seed: 1);
        var keyed = KeyedData(mlContext, textLabels: true);
        var model = Obtain(mlContext, mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Fit(keyed), keyed, obtained, "ours.zip");

        var table = mlContext.MulticlassClassification.Evaluate(model.Transform(keyed)).ConfusionMatrix.GetFormattedConfusionTable();

        table.Should().ContainAll(SyntheticBlobs.ClassNames);
    }

    private ITransformer Obtain(MLContext mlContext, ITransformer model, IDataView keyed, Obtained obtained, string fileName)
    {
        if (obtained == Obtained.Fitted)
        {
            return model;
        }
        var path = Path.Combine(_directory, fileName);
        mlContext.Model.Save(model, keyed.Schema, path);
        return obtained == Obtained.LoadedWithPlainLoad ? new MLContext().Model.Load(path, out _) : new MLContext().Model.LoadSparseAdaptive(path, out _);
    }

    private static ITransformer Sdca(MLContext mlContext, IDataView keyed) =>
        mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 2).Fit(keyed);

    private static IDataView KeyedData(MLContext mlContext, bool textLabels)
    {
        var rows = SyntheticBlobs.Rows(200, seed: 1);
        var data = textLabels
            ? mlContext.Data.LoadFromEnumerable(rows)
            : mlContext.Data.LoadFromEnumerable(LabelledModels.UIntRows(rows, classCount: 4));
        return mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
    }

    private static SchemaShape.Column Find(SchemaShape shape, string name) => shape.Single(column => column.Name == name);

    private static string[] Describe(SchemaShape annotations) =>
        annotations.Select(a => $"{a.Name}: {a.Kind} of {a.ItemType}{(a.IsKey ? " key" : string.Empty)}").ToArray();

    /// <summary>Each annotation as "name: type = value"; ScoreColumnSetId without its value.</summary>
    private static string[] Describe(DataViewSchema.Column column) =>
        column.Annotations.Schema.Select(a => $"{a.Name}: {a.Type}" + (a.Name == ScoreColumnSetId ? string.Empty : $" = {Value(column, a)}")).ToArray();

    private static string Value(DataViewSchema.Column column, DataViewSchema.Column annotation) => annotation.Type switch
    {
        VectorDataViewType { ItemType: TextDataViewType } => string.Join(",", Get<VBuffer<ReadOnlyMemory<char>>>(column, annotation).DenseValues()),
        VectorDataViewType { ItemType.RawType: var raw } when raw == typeof(uint) => string.Join(",", Get<VBuffer<uint>>(column, annotation).DenseValues()),
        TextDataViewType => Get<ReadOnlyMemory<char>>(column, annotation).ToString(),
        _ => Convert.ToString(Get<uint>(column, annotation), CultureInfo.InvariantCulture)!,
    };

    private static T Get<T>(DataViewSchema.Column column, DataViewSchema.Column annotation)
    {
        T value = default!;
        column.Annotations.GetValue(annotation.Name, ref value);
        return value;
    }
}
