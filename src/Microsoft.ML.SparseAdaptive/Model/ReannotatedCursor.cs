using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Cursor of <see cref="ReannotatedDataView"/>: the source's cursor, reporting the view's schema; columns are passed
/// to the source by index (the two schemas have the same columns in the same order).
/// </summary>
internal sealed class ReannotatedCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _source;

    public ReannotatedCursor(DataViewRowCursor source, DataViewSchema schema)
    {
        _source = source;
        Schema = schema;
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _source.Position;

    public override long Batch => _source.Batch;

    public override bool IsColumnActive(DataViewSchema.Column column) => _source.IsColumnActive(SourceColumn(column));

    public override bool MoveNext() => _source.MoveNext();

    public override ValueGetter<DataViewRowId> GetIdGetter() => _source.GetIdGetter();

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _source.GetGetter<TValue>(SourceColumn(column));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
        }
        base.Dispose(disposing);
    }

    private DataViewSchema.Column SourceColumn(DataViewSchema.Column column) => _source.Schema[column.Index];
}
