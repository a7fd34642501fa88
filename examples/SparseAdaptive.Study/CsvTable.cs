using System.Globalization;
using System.Text;
using SparseAdaptive.Data;

namespace SparseAdaptive.Study;

/// <summary>
/// A CSV file being assembled: a header, then rows of invariant-culture values (doubles round-trip exactly, so the
/// same seeds give byte-identical files). Written to a temporary file and moved into place, never half-written.
/// </summary>
internal sealed class CsvTable
{
    private readonly StringBuilder _text = new();
    private readonly int _columns;

    /// <summary>Starts a table with the given column names, quoted as values are where they hold a comma or a quote.</summary>
    public CsvTable(params string[] header)
    {
        _columns = header.Length;
        _text.AppendJoin(',', header.Select(Format)).Append('\n');
    }

    /// <summary>Appends a row; doubles are written in round-trip form, everything else with invariant formatting.</summary>
    public void Add(params object[] values)
    {
        if (values.Length != _columns)
        {
            throw new ArgumentException($"A row of this table has {_columns} values, not {values.Length}.", nameof(values));
        }
        _text.AppendJoin(',', values.Select(Format)).Append('\n');
    }

    /// <summary>Writes the table to <paramref name="path"/>, replacing any file there.</summary>
    public void Save(string path) => AtomicFile.Write(path, file => File.WriteAllText(file, _text.ToString(), new UTF8Encoding(false)));

    private static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => s.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
