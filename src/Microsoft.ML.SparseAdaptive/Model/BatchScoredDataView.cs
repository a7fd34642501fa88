namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// What <see cref="SparseAdaptiveModel.Transform"/> and an input perturbation's <c>Transform</c> return: the
/// component's chain's own view (same schema, same values), except that a cursor reading one of the component's
/// output columns (Score and PredictedLabel, or the perturbed features) computes a batch of rows at a time with the
/// engine (a <see cref="BatchRowMapper"/>) instead of one row per mapping call, several times faster.
/// </summary>
/// <remarks>
/// The chain cannot batch: a custom mapping is handed one row at a time. A model loaded from a file is that chain,
/// so it scores row by row unless loaded with <c>LoadSparseAdaptive</c>, which puts a model that batches in its place.
/// Shuffled cursors and cursors that read none of the output columns are the chain's own.
/// </remarks>
internal sealed class BatchScoredDataView : IDataView
{
    /// <summary>Rows per batch: large enough for the batched kernels' speed, small enough to stay in cache.</summary>
    private const int BatchSize = 256;

    private readonly IDataView _mapperInput;
    private readonly string[] _inputColumns;
    private readonly IDataView _rowByRow;
    private readonly int[] _outputColumns;
    private readonly Func<DataViewRow, int, BatchRowMapper> _createMapper;

    /// <summary>Creates the view.</summary>
    /// <param name="mapperInput">What the mapper reads: the input, with any column the chain derives before its mapping (the label key).</param>
    /// <param name="inputColumns">The columns of <paramref name="mapperInput"/> the mapper reads.</param>
    /// <param name="rowByRow">The chain's view of the input.</param>
    /// <param name="outputColumns">The columns of <paramref name="rowByRow"/> the mapper computes.</param>
    /// <param name="createMapper">Creates a mapper reading the row a cursor over <paramref name="inputColumns"/> is on, for batches of the given size.</param>
    public BatchScoredDataView(IDataView mapperInput, string[] inputColumns, IDataView rowByRow, string[] outputColumns,
        Func<DataViewRow, int, BatchRowMapper> createMapper)
    {
        _mapperInput = mapperInput;
        _inputColumns = inputColumns;
        _rowByRow = rowByRow;
        _outputColumns = outputColumns.Select(name => rowByRow.Schema[name].Index).ToArray();
        _createMapper = createMapper;
    }

    public bool CanShuffle => _rowByRow.CanShuffle;

    public DataViewSchema Schema => _rowByRow.Schema;

    public long? GetRowCount() => _rowByRow.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        DataViewSchema.Column[] needed = columnsNeeded.ToArray();
        return ReadsOutputs(needed) && rand is null ? CreateBatchCursor(needed) : _rowByRow.GetRowCursor(needed, rand);
    }

    /// <summary>One batched cursor (its batches already use every core), or the chain's cursor set when it cannot batch.</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        DataViewSchema.Column[] needed = columnsNeeded.ToArray();
        return ReadsOutputs(needed) && rand is null ? [CreateBatchCursor(needed)] : _rowByRow.GetRowCursorSet(needed, n, rand);
    }

    private bool ReadsOutputs(DataViewSchema.Column[] needed) => needed.Any(IsOutputColumn);

    private bool IsOutputColumn(DataViewSchema.Column column) => _outputColumns.Contains(column.Index);

    private DataViewRowCursor CreateBatchCursor(DataViewSchema.Column[] needed)
    {
        DataViewRowCursor input = _mapperInput.GetRowCursor(_inputColumns.Select(name => _mapperInput.Schema[name]));
        DataViewSchema.Column[] passThrough = needed.Where(c => !IsOutputColumn(c)).ToArray();
        DataViewRowCursor? others = passThrough.Length == 0 ? null : _rowByRow.GetRowCursor(passThrough);
        int capacity = (int)Math.Clamp(_mapperInput.GetRowCount() ?? BatchSize, 1, BatchSize);
        return new BatchScoringCursor(Schema, needed, _outputColumns, input, others, _createMapper(input, capacity));
    }
}
