using Microsoft.ML.SparseAdaptive.Model;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

/// <summary>Data and models with other label types than the string labels of <see cref="SyntheticBlobs"/>.</summary>
internal static class LabelledModels
{
    /// <summary>UInt32 labels 10, 20, ...: blob c of the source becomes label 10 * (c mod classCount + 1).</summary>
    public static List<SyntheticBlobs.UIntRow> UIntRows(IEnumerable<SyntheticBlobs.Row> rows, int classCount) =>
        rows.Select((r, i) => new SyntheticBlobs.UIntRow
        {
            Features = r.Features,
            Label = 10 * (uint)((classCount > 4 ? i : Array.IndexOf(SyntheticBlobs.ClassNames, r.Label)) % classCount + 1),
        }).ToList();

    /// <summary>Fits the trainer alone on string-labelled rows.</summary>
    public static SparseAdaptiveModel Fit(MLContext mlContext, IEnumerable<SyntheticBlobs.Row> rows)
    {
        var data = mlContext.Data.LoadFromEnumerable(rows);
        var keyed = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        return mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Fit(keyed);
    }
}
