namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// What <see cref="SparseAdaptiveModel.Transform"/> returns: the scoring chain's own view (same schema, same values),
/// except that a cursor reading Score or PredictedLabel scores a batch of rows at a time with the engine instead of
/// one row per mapping call, several times faster.
/// </summary>
/// <remarks>
/// The chain cannot batch: a custom mapping is handed one row at a time. A model loaded from a file is that chain,
/// so it scores row by row unless loaded with <c>LoadSparseAdaptive</c>, which puts a model that batches in its place.
/// Shuffled cursors and cursors that read no score are the chain's own.
/// </remarks>
internal sealed class BatchScoredDataView : IDataView
{
    /// <summary>Rows per batch: large enough for the batched kernels' speed, small enough to stay in cache.</summary>
    private const int BatchSize = 256;

    private readonly IDataView _input;
    private readonly IDataView _rowByRow;
    private readonly ModelPayload _payload;

    public BatchScoredDataView(IDataView input, ITransformer chain, ModelPayload payload)
    {
        _input = input;
        _rowByRow = chain.Transform(input);
        _payload = payload;
    }

    public bool CanShuffle => _rowByRow.CanShuffle;

    public DataViewSchema Schema => _rowByRow.Schema;

    public long? GetRowCount() => _rowByRow.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        DataViewSchema.Column[] needed = columnsNeeded.ToArray();
        return ReadsScores(needed) && rand is null ? CreateBatchCursor(needed) : _rowByRow.GetRowCursor(needed, rand);
    }

    /// <summary>One batched cursor (its batches already use every core), or the chain's cursor set when it cannot batch.</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        DataViewSchema.Column[] needed = columnsNeeded.ToArray();
        return ReadsScores(needed) && rand is null ? [CreateBatchCursor(needed)] : _rowByRow.GetRowCursorSet(needed, n, rand);
    }

    private bool ReadsScores(DataViewSchema.Column[] needed) => needed.Any(IsScoreColumn);

    private bool IsScoreColumn(DataViewSchema.Column column) =>
        column.Index == Schema[SavedColumns.Score].Index || column.Index == Schema[SavedColumns.PredictedLabel].Index;

    private DataViewRowCursor CreateBatchCursor(DataViewSchema.Column[] needed)
    {
        DataViewSchema.Column featureColumn = _input.Schema[_payload.FeatureColumnName];
        DataViewRowCursor features = _input.GetRowCursor(new[] { featureColumn });
        DataViewSchema.Column[] passThrough = needed.Where(c => !IsScoreColumn(c)).ToArray();
        DataViewRowCursor? others = passThrough.Length == 0 ? null : _rowByRow.GetRowCursor(passThrough);
        int capacity = (int)Math.Clamp(_input.GetRowCount() ?? BatchSize, 1, BatchSize);
        NetworkBatchScorer scorer = new NetworkBatchScorer(_payload, capacity, Environment.ProcessorCount);
        return new BatchScoringCursor(Schema, needed, features, featureColumn, others, scorer);
    }
}
