using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Cursor of <see cref="BatchScoredDataView"/>: one cursor over the columns the mapper reads runs up to a batch ahead
/// and fills a <see cref="BatchRowMapper"/>; the mapper's output columns come from the mapped batch, every other
/// column from a cursor of the chain's own view kept on the row being served.
/// </summary>
internal sealed class BatchScoringCursor : DataViewRowCursor
{
    private readonly DataViewSchema _schema;
    private readonly bool[] _active;
    private readonly int[] _outputColumns;
    private readonly DataViewRowCursor _input;
    private readonly DataViewRowCursor? _others;
    private readonly BatchRowMapper _mapper;
    private readonly ValueGetter<DataViewRowId> _inputIdGetter;
    private readonly ValueGetter<DataViewRowId>? _otherIdGetter;
    private readonly DataViewRowId[] _ids;
    private int _row = -1;
    private long _position = -1;

    public BatchScoringCursor(DataViewSchema schema, IEnumerable<DataViewSchema.Column> active, int[] outputColumns, DataViewRowCursor input,
        DataViewRowCursor? others, BatchRowMapper mapper)
    {
        _schema = schema;
        _active = new bool[schema.Count];
        foreach (var column in active)
        {
            _active[column.Index] = true;
        }
        _outputColumns = outputColumns;
        _input = input;
        _others = others;
        _mapper = mapper;
        _inputIdGetter = input.GetIdGetter();
        _otherIdGetter = others?.GetIdGetter();
        _ids = new DataViewRowId[mapper.Capacity];
    }

    public override DataViewSchema Schema => _schema;

    public override long Position => _position;

    public override long Batch => 0;

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override bool MoveNext()
    {
        if (++_row >= _mapper.Count)
        {
            _row = 0;
            if (!MapNextBatch())
            {
                return false;
            }
        }
        _mapper.Slot = _row;
        if (_others is not null && !(_others.MoveNext() && IdOfOthers().Equals(_ids[_row])))
        {
            throw new InvalidOperationException(
                    "The input data view gave its rows in a different order to two unshuffled cursors, so the rows computed in " +
                    "batches cannot be matched to the other columns; cache the data first (mlContext.Data.Cache).");
        }
        _position++;
        return true;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = _ids[_row];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_active[column.Index])
        {
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
        }
        if (!_outputColumns.Contains(column.Index))
        {
            return _others!.GetGetter<TValue>(column);
        }
        return _mapper.GetGetter(column) as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
            _others?.Dispose();
        }
        base.Dispose(disposing);
    }

    private bool MapNextBatch()
    {
        int count = 0;
        while (count < _mapper.Capacity && _input.MoveNext())
        {
            _mapper.ReadRow(count, _position + 1 + count);
            _inputIdGetter(ref _ids[count]);
            count++;
        }
        _mapper.Map(count, _position + 1);
        return count > 0;
    }

    private DataViewRowId IdOfOthers()
    {
        DataViewRowId id = default;
        _otherIdGetter!(ref id);
        return id;
    }
}
