using Microsoft.ML;
using Microsoft.ML.Data;
using SparseAdaptive.Data;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// PGD through ML.NET (issue 21): rows/s of a PGD transform's cursor on the reference network against clean scoring
/// through a cursor, both measured in the same run, interleaved, best pass of each. The same attack saved and loaded
/// with <c>Model.Load</c> runs its saved chain, which attacks one row per mapping call: the row-by-row path, measured
/// alongside.
/// </summary>
internal static class MlNetAttackBenchmark
{
    private const int Rows = 2000;
    private const int Passes = 3;
    private const float Epsilon = 0.1f;

    public static void Run(ResultTable table, string dataDirectory)
    {
        var ml = new MLContext(seed: 1);
        string mnist = Path.Combine(dataDirectory, "mnist");
        var model = MlNetScoringBenchmark.Train(ml, mnist).LastTransformer;
        var test = ml.Data.LoadFromIdx(mnist, IdxSplit.Test, Rows);
        var attack = ml.Transforms.Pgd(model, Epsilon, seed: 1).Fit(test);
        var rowByRow = MlNetScoringBenchmark.SavedAndLoaded(ml, attack, test.Schema, path => ml.Model.Load(path, out _));
        int threads = Environment.ProcessorCount;

        table.Section($"PGD through ML.NET on the MNIST test set ({Rows} images; {MlNetScoringBenchmark.TrainingDescription}; " +
            $"ε {Epsilon}, 10 steps; {threads} thread(s); best of {Passes} interleaved passes)");
        double[] seconds = Timing.BestSecondsInterleaved(Passes,
            () => MlNetScoringBenchmark.ReadScores(model.Transform(test)),
            () => ReadFeatures(attack.Transform(test)),
            () => ReadFeatures(rowByRow.Transform(test)),
            () => MlNetScoringBenchmark.ReadScores(model.Transform(attack.Transform(test))));
        double clean = Rows / seconds[0], pgd = Rows / seconds[1], loaded = Rows / seconds[2], scored = Rows / seconds[3];
        const string Baseline = "clean scoring through a cursor";
        table.Add("Clean scoring: Transform, one cursor reading Score and PredictedLabel", clean, "rows/s");
        table.Add("PGD: Transform of the fitted attack, one cursor reading Features", pgd, "rows/s", Baseline, clean,
            $"1/{clean / pgd:F1} of clean scoring (target ≥ 1/30, stretch 1/15)");
        table.Add("PGD: the attack saved and loaded with Model.Load (its chain, one row per mapping call)", loaded, "rows/s", Baseline, clean,
            $"1/{clean / loaded:F1} of clean scoring; the fitted attack is {pgd / loaded:F1}× faster");
        table.Add("PGD then scoring: the model's Transform of the attack's, one cursor reading Score", scored, "rows/s", Baseline, clean,
            $"1/{clean / scored:F1} of clean scoring");
    }

    /// <summary>Reads every row's perturbed features, as a consumer of the attacked view would.</summary>
    private static void ReadFeatures(IDataView attacked)
    {
        var features = attacked.Schema[IdxDataCatalogExtensions.FeaturesColumnName];
        using var cursor = attacked.GetRowCursor(new[] { features });
        var getter = cursor.GetGetter<VBuffer<float>>(features);
        VBuffer<float> values = default;
        while (cursor.MoveNext())
        {
            getter(ref values);
        }
    }
}
