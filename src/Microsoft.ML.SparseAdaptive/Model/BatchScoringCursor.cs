using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Cursor of <see cref="BatchScoredDataView"/>: one cursor over the input's feature column runs up to a batch ahead
/// and fills a <see cref="NetworkBatchScorer"/>; Score and PredictedLabel come from the scored batch, every other
/// column from a cursor of the chain's own view kept on the row being served.
/// </summary>
internal sealed class BatchScoringCursor : DataViewRowCursor
{
    private readonly DataViewSchema _schema;
    private readonly bool[] _active;
    private readonly DataViewRowCursor _features;
    private readonly DataViewRowCursor? _others;
    private readonly NetworkBatchScorer _scorer;
    private readonly ValueGetter<VBuffer<float>> _featureGetter;
    private readonly ValueGetter<DataViewRowId> _featureIdGetter;
    private readonly ValueGetter<DataViewRowId>? _otherIdGetter;
    private readonly DataViewRowId[] _ids;
    private VBuffer<float> _featureBuffer;
    private int _row = -1;
    private long _position = -1;

    public BatchScoringCursor(DataViewSchema schema, IEnumerable<DataViewSchema.Column> active, DataViewRowCursor features,
        DataViewSchema.Column featureColumn, DataViewRowCursor? others, NetworkBatchScorer scorer)
    {
        _schema = schema;
        _active = new bool[schema.Count];
        foreach (var column in active)
        {
            _active[column.Index] = true;
        }
        _features = features;
        _others = others;
        _scorer = scorer;
        _featureGetter = features.GetGetter<VBuffer<float>>(featureColumn);
        _featureIdGetter = features.GetIdGetter();
        _otherIdGetter = others?.GetIdGetter();
        _ids = new DataViewRowId[scorer.Capacity];
    }

    public override DataViewSchema Schema => _schema;

    public override long Position => _position;

    public override long Batch => 0;

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override bool MoveNext()
    {
        if (++_row >= _scorer.Count)
        {
            _row = 0;
            if (!ScoreNextBatch())
            {
                return false;
            }
        }
        if (_others is not null && !(_others.MoveNext() && IdOfOthers().Equals(_ids[_row])))
        {
            throw new InvalidOperationException(
                    "The input data view gave its rows in a different order to two unshuffled cursors, so the scores " +
                    "cannot be matched to the other columns; score it through the model's chain (mlContext.Model.Load without LoadSparseAdaptive) instead.");
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
        Delegate? getter = column.Name switch
        {
            SavedColumns.Score when column.Index == _schema[SavedColumns.Score].Index => (ValueGetter<VBuffer<float>>)GetScore,
            SavedColumns.PredictedLabel when column.Index == _schema[SavedColumns.PredictedLabel].Index => (ValueGetter<uint>)GetPredictedLabel,
            _ => null,
        };
        if (getter is null)
        {
            return _others!.GetGetter<TValue>(column);
        }
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _features.Dispose();
            _others?.Dispose();
        }
        base.Dispose(disposing);
    }

    private bool ScoreNextBatch()
    {
        int count = 0;
        while (count < _scorer.Capacity && _features.MoveNext())
        {
            _featureGetter(ref _featureBuffer);
            _scorer.SetFeatures(count, _featureBuffer);
            _featureIdGetter(ref _ids[count]);
            count++;
        }
        _scorer.Score(count, _position + 1);
        return count > 0;
    }

    private DataViewRowId IdOfOthers()
    {
        DataViewRowId id = default;
        _otherIdGetter!(ref id);
        return id;
    }

    private void GetScore(ref VBuffer<float> value)
    {
        var probabilities = _scorer.Probabilities(_row);
        var editor = VBufferEditor.Create(ref value, probabilities.Length);
        probabilities.CopyTo(editor.Values);
        value = editor.Commit();
    }

    private void GetPredictedLabel(ref uint value) => value = _scorer.PredictedKey(_row);
}
