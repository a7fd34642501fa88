using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

/// <summary>An easy classification problem: one Gaussian blob per class, well separated.</summary>
internal static class SyntheticBlobs
{
    public const int FeatureCount = 8;

    public static readonly string[] ClassNames = { "cat", "dog", "bird", "fish" };

    public sealed class Row
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = string.Empty;
    }

    public sealed class UIntRow
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        public uint Label { get; set; }
    }

    public static List<Row> Rows(int count, int seed, int classCount = 4)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, classCount)
            .Select(c => Enumerable.Range(0, FeatureCount).Select(f => (float)Math.Sin(7 * c + 3 * f + 1) * 3).ToArray())
            .ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            var c = random.Next(classCount);
            return new Row
            {
                Features = centres[c].Select(x => x + (float)(random.NextDouble() - 0.5)).ToArray(),
                Label = ClassNames[c],
            };
        }).ToList();
    }

    /// <summary>Small, fast settings; the engine still has to learn the blobs.</summary>
    public static SparseAdaptiveTrainer.Options Options() => new()
    {
        HiddenLayerSizes = new[] { 32 },
        Sparsity = 0.5,
        NumberOfEpochs = 10,
        BatchSize = 16,
        LearningRate = 0.05f,
        Seed = 7,
    };

    /// <summary>MapValueToKey → SparseAdaptive → MapKeyToValue, fitted on string labels.</summary>
    public static (ITransformer Model, IDataView Data) FitPipeline(MLContext mlContext, int rows = 400)
    {
        var data = mlContext.Data.LoadFromEnumerable(Rows(rows, seed: 1));
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.SparseAdaptive(Options()))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return (pipeline.Fit(data), data);
    }

    /// <summary>All Score vectors of a scored data view, in row order.</summary>
    public static float[][] Scores(IDataView scored)
    {
        var column = scored.Schema["Score"];
        var result = new List<float[]>();
        using var cursor = scored.GetRowCursor(new[] { column });
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> score = default;
        while (cursor.MoveNext())
        {
            getter(ref score);
            result.Add(score.DenseValues().ToArray());
        }
        return result.ToArray();
    }
}
