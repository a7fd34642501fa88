using System.Globalization;
using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

/// <summary>
/// Our Score column carries the annotations ML.NET's own multiclass trainer (SdcaMaximumEntropy) puts there, on the
/// same data: ScoreColumnKind, ScoreValueKind, ScoreColumnSetId, TrainingLabelValues and, for text labels, SlotNames.
/// </summary>
public sealed class ScoreAnnotationTests : IDisposable
{
    // A counter in ML.NET: compared by type and presence only.
    private const string ScoreColumnSetId = "ScoreColumnSetId";

    private readonly string _directory = Directory.CreateTempSubdirectory("sparse-adaptive-annotations-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<bool> LabelKinds => new() { true, false };

    [Theory]
    [MemberData(nameof(LabelKinds))]
    public void A_fitted_model_annotates_Score_as_SdcaMaximumEntropy_does(bool textLabels)
    {
        var mlContext = new MLContext(seed: 1);
        var keyed = KeyedData(mlContext, textLabels);
        var model = mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Fit(keyed);
        var expected = SdcaScoreAnnotations(mlContext, keyed);

        Describe(model.Transform(keyed).Schema["Score"]).Should().Equal(expected);
        Describe(model.GetOutputSchema(keyed.Schema)["Score"]).Should().Equal(expected);
    }

    [Theory]
    [MemberData(nameof(LabelKinds))]
    public void A_model_loaded_with_LoadSparseAdaptive_annotates_Score_as_SdcaMaximumEntropy_does(bool textLabels)
    {
        var mlContext = new MLContext(seed: 1);
        var keyed = KeyedData(mlContext, textLabels);
        var model = mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Fit(keyed);
        var path = Path.Combine(_directory, "model.zip");
        mlContext.Model.Save(model, keyed.Schema, path);

        var loaded = new MLContext().Model.LoadSparseAdaptive(path, out _);

        Describe(loaded.Transform(keyed).Schema["Score"]).Should().Equal(SdcaScoreAnnotations(mlContext, keyed));
    }

    [Theory]
    [MemberData(nameof(LabelKinds))]
    public void The_trainer_propagates_the_Score_annotations_SdcaMaximumEntropy_propagates(bool textLabels)
    {
        var mlContext = new MLContext(seed: 1);
        var shape = SchemaShapes.Of(KeyedData(mlContext, textLabels).Schema);

        var ours = mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).GetOutputSchema(shape);
        var sdca = mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy().GetOutputSchema(shape);

        Describe(Find(ours, "Score").Annotations).Should().BeEquivalentTo(Describe(Find(sdca, "Score").Annotations), "a shape's annotations have no order");
    }

    [Fact]
    public void The_confusion_table_names_the_classes_of_text_labels()
    {
        var mlContext = new MLContext(seed: 1);
        var keyed = KeyedData(mlContext, textLabels: true);
        var model = mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Fit(keyed);

        var table = mlContext.MulticlassClassification.Evaluate(model.Transform(keyed)).ConfusionMatrix.GetFormattedConfusionTable();

        table.Should().ContainAll(SyntheticBlobs.ClassNames);
    }

    private static IDataView KeyedData(MLContext mlContext, bool textLabels)
    {
        var rows = SyntheticBlobs.Rows(200, seed: 1);
        var data = textLabels
            ? mlContext.Data.LoadFromEnumerable(rows)
            : mlContext.Data.LoadFromEnumerable(LabelledModels.UIntRows(rows, classCount: 4));
        return mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
    }

    private static string[] SdcaScoreAnnotations(MLContext mlContext, IDataView keyed) =>
        Describe(mlContext.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 2).Fit(keyed)
            .Transform(keyed).Schema["Score"]);

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
