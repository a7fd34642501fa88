using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

/// <summary>
/// A fitted model's Transform scores a batch of rows at a time; a loaded model's chain scores row by row. Both must give
/// the same rows, in the same order, with the same values.
/// </summary>
public sealed class BatchScoringTests : IDisposable
{
    // Two full batches of 256 and a partial one.
    private const int RowCount = 600;

    private readonly string _directory = Directory.CreateTempSubdirectory("sparse-adaptive-batch-").FullName;
    private readonly MLContext _mlContext = new(seed: 1);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Batched_scores_labels_pass_through_columns_and_row_ids_match_the_row_by_row_chain()
    {
        var (model, keyed) = FitOnKeyed();
        var chain = SaveAndLoad(model, keyed.Schema);
        var batched = model.Transform(keyed);

        using (var cursor = batched.GetRowCursor(batched.Schema))
        {
            cursor.Should().BeOfType<BatchScoringCursor>("an unshuffled cursor reading the scores batches");
        }
        var rows = ReadRows(batched);

        rows.Should().HaveCount(RowCount);
        rows.Should().Equal(ReadRows(chain.Transform(keyed)));
        rows.Select(r => r.Label).Should().Equal(ReadRows(keyed, withScores: false).Select(r => r.Label));
        rows.Count(r => r.Predicted == r.Label).Should().BeGreaterThan(RowCount * 9 / 10);
    }

    [Fact]
    public void A_model_found_in_a_loaded_chain_scores_in_batches_exactly_as_the_chain()
    {
        var (model, keyed) = FitOnKeyed();
        var chain = SaveAndLoad(model, keyed.Schema);
        var found = SparseAdaptiveModel.FromTransformer(chain);
        var batched = found.Transform(keyed);

        using (var cursor = batched.GetRowCursor(batched.Schema))
        {
            cursor.Should().BeOfType<BatchScoringCursor>("the model taken out of a loaded chain batches like a fitted one");
        }
        ReadRows(batched).Should().Equal(ReadRows(chain.Transform(keyed)));
    }

    [Fact]
    public void Evaluate_gives_the_same_metrics_batched_and_row_by_row()
    {
        var (model, keyed) = FitOnKeyed();
        var chain = SaveAndLoad(model, keyed.Schema);

        var batched = _mlContext.MulticlassClassification.Evaluate(model.Transform(keyed));
        var rowByRow = _mlContext.MulticlassClassification.Evaluate(chain.Transform(keyed));

        batched.MicroAccuracy.Should().Be(rowByRow.MicroAccuracy);
        batched.LogLoss.Should().Be(rowByRow.LogLoss);
        batched.MicroAccuracy.Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void Sparse_feature_vectors_score_as_their_dense_form()
    {
        var (model, keyed) = FitOnKeyed();
        var dense = SyntheticBlobs.Rows(40, seed: 5).Select(r => r.Features.Select((x, i) => i % 3 == 0 ? 0f : x).ToArray()).ToList();
        var sparse = dense.Select(f =>
        {
            var indices = Enumerable.Range(0, f.Length).Where(i => f[i] != 0f).ToArray();
            return new SparseRow { Features = new VBuffer<float>(f.Length, indices.Length, indices.Select(i => f[i]).ToArray(), indices) };
        });

        var sparseView = _mlContext.Data.LoadFromEnumerable(sparse);
        var fromSparse = ReadRows(model.Transform(sparseView), withLabel: false);
        var fromDense = ReadRows(model.Transform(_mlContext.Data.LoadFromEnumerable(dense.Select(f => new DenseRow { Features = f }))), withLabel: false);

        fromSparse.Should().HaveCount(40).And.Equal(fromDense);
        fromSparse.Should().Equal(ReadRows(SaveAndLoad(model, keyed.Schema).Transform(sparseView), withLabel: false));
    }

    [Fact]
    public void Shuffled_cursors_and_cursors_without_scores_still_read_every_row()
    {
        var (model, keyed) = FitOnKeyed();
        var scored = model.Transform(keyed);
        var label = scored.Schema["Label"];

        int unscored = 0;
        using (var cursor = scored.GetRowCursor(new[] { label }))
        {
            cursor.IsColumnActive(scored.Schema["Score"]).Should().BeFalse();
            while (cursor.MoveNext())
            {
                unscored++;
            }
        }
        var shuffled = new List<float>();
        using (var cursor = scored.GetRowCursor(new[] { scored.Schema["Score"] }, new Random(3)))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
            VBuffer<float> score = default;
            while (cursor.MoveNext())
            {
                getter(ref score);
                shuffled.Add(score.DenseValues().Sum());
            }
        }

        unscored.Should().Be(RowCount);
        shuffled.Should().HaveCount(RowCount).And.OnlyContain(sum => Math.Abs(sum - 1f) < 1e-4f);
    }

    [Fact]
    public void A_score_column_read_as_the_wrong_type_is_named()
    {
        var (model, keyed) = FitOnKeyed();
        var scored = model.Transform(keyed);
        using var cursor = scored.GetRowCursor(scored.Schema);

        var act = () => cursor.GetGetter<float>(scored.Schema["Score"]);

        act.Should().Throw<InvalidOperationException>().WithMessage("Column 'Score' has type Vector<Single, 4>, not Single.");
    }

    private (SparseAdaptiveModel Model, IDataView Keyed) FitOnKeyed()
    {
        var data = _mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(RowCount, seed: 1));
        var keyed = _mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        return (_mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Fit(keyed), keyed);
    }

    private ITransformer SaveAndLoad(ITransformer model, DataViewSchema schema)
    {
        var path = Path.Combine(_directory, "model.zip");
        _mlContext.Model.Save(model, schema, path);
        return new MLContext().Model.Load(path, out _);
    }

    /// <summary>Everything a consumer can read of each row: id, label, first feature, score bits, predicted key.</summary>
    private static List<ScoredRow> ReadRows(IDataView view, bool withScores = true, bool withLabel = true)
    {
        var schema = view.Schema;
        var columns = new List<DataViewSchema.Column> { schema["Features"] };
        if (withLabel)
        {
            columns.Add(schema["Label"]);
        }

        if (withScores)
        {
            columns.AddRange(new[] { schema["Score"], schema["PredictedLabel"] });
        }

        using var cursor = view.GetRowCursor(columns);
        var id = cursor.GetIdGetter();
        var features = cursor.GetGetter<VBuffer<float>>(schema["Features"]);
        var label = withLabel ? cursor.GetGetter<uint>(schema["Label"]) : null;
        var score = withScores ? cursor.GetGetter<VBuffer<float>>(schema["Score"]) : null;
        var predicted = withScores ? cursor.GetGetter<uint>(schema["PredictedLabel"]) : null;
        var rows = new List<ScoredRow>();
        DataViewRowId rowId = default;
        VBuffer<float> featureValues = default, scoreValues = default;
        uint labelKey = 0, predictedKey = 0;
        while (cursor.MoveNext())
        {
            id(ref rowId);
            features(ref featureValues);
            label?.Invoke(ref labelKey);
            score?.Invoke(ref scoreValues);
            predicted?.Invoke(ref predictedKey);
            var scoreBits = withScores ? Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(scoreValues.DenseValues().ToArray().AsSpan())) : "";
            rows.Add(new ScoredRow(rowId, labelKey, featureValues.GetItemOrDefault(1), scoreBits, predictedKey));
        }
        return rows;
    }

    private sealed record ScoredRow(DataViewRowId Id, uint Label, float Feature, string Scores, uint Predicted);

    private sealed class DenseRow
    {
        [VectorType(SyntheticBlobs.FeatureCount)]
        public float[] Features { get; set; } = [];
    }

    private sealed class SparseRow
    {
        [VectorType(SyntheticBlobs.FeatureCount)]
        public VBuffer<float> Features { get; set; }
    }
}
