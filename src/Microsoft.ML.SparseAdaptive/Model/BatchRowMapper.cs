using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Computes some columns of a <see cref="BatchScoredDataView"/> a batch of rows at a time with the engine: its cursor
/// reads each input row into a slot, maps the filled slots at once, then serves the values of one slot after the
/// other. Not thread-safe: one per cursor.
/// </summary>
internal abstract class BatchRowMapper
{
    protected BatchRowMapper(int capacity)
    {
        Capacity = capacity;
    }

    /// <summary>Rows per batch.</summary>
    public int Capacity { get; }

    /// <summary>Rows in the batch last mapped.</summary>
    public int Count { get; private set; }

    /// <summary>The slot whose values the getters return; the cursor moves it.</summary>
    public int Slot { get; set; }

    /// <summary>Reads the input row the cursor is on into slot <paramref name="slot"/> of the next batch.</summary>
    /// <exception cref="InvalidOperationException">The row cannot be mapped; the message names the column.</exception>
    public abstract void ReadRow(int slot, long row);

    /// <summary>Maps the first <paramref name="count"/> slots, which hold rows <paramref name="firstRow"/> onwards of the data.</summary>
    public void Map(int count, long firstRow)
    {
        Count = count;
        if (count > 0)
        {
            MapBatch(count, firstRow);
        }
    }

    /// <summary>The getter of one of the mapper's output columns, for the value at <see cref="Slot"/>.</summary>
    public abstract Delegate GetGetter(DataViewSchema.Column column);

    /// <summary>Maps the first <paramref name="count"/> (&gt; 0) slots.</summary>
    protected abstract void MapBatch(int count, long firstRow);

    /// <summary>A getter copying <paramref name="values"/>() into a vector.</summary>
    protected static ValueGetter<VBuffer<float>> VectorGetter(Func<ReadOnlySpan<float>> values) => (ref VBuffer<float> value) =>
    {
        var source = values();
        var editor = VBufferEditor.Create(ref value, source.Length);
        source.CopyTo(editor.Values);
        value = editor.Commit();
    };
}
