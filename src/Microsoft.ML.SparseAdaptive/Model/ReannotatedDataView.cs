namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// A view's rows under another schema with the same columns (names, types, order) but other annotations: how the
/// model's view gets the Score annotations its chain of built-in transforms cannot carry (<see cref="ScoreAnnotations"/>).
/// </summary>
internal sealed class ReannotatedDataView : IDataView
{
    private readonly IDataView _source;

    /// <summary>Creates the view.</summary>
    /// <param name="source">The view whose rows are served.</param>
    /// <param name="schema">The schema to report: <paramref name="source"/>'s columns, annotated otherwise.</param>
    public ReannotatedDataView(IDataView source, DataViewSchema schema)
    {
        _source = source;
        Schema = schema;
    }

    public bool CanShuffle => _source.CanShuffle;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new ReannotatedCursor(_source.GetRowCursor(SourceColumns(columnsNeeded), rand), Schema);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        _source.GetRowCursorSet(SourceColumns(columnsNeeded), n, rand).Select(cursor => (DataViewRowCursor)new ReannotatedCursor(cursor, Schema)).ToArray();

    private IEnumerable<DataViewSchema.Column> SourceColumns(IEnumerable<DataViewSchema.Column> columns) =>
        columns.Select(column => _source.Schema[column.Index]);
}
