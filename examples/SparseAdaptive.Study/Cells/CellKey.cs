using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SparseAdaptive.Study.Cells;

/// <summary>
/// Everything a cell's results depend on, as canonical JSON, and the folder name derived from it: a readable prefix and
/// a hash of the whole key, so that changing a setting renames exactly the cells whose results it changes.
/// </summary>
internal sealed class CellKey
{
    /// <summary>
    /// Version of what a cell stores and how it is measured. Raise it whenever a change to the study's code changes what
    /// an existing cell would hold, so that no stale cell is reused.
    /// </summary>
    public const int FormatVersion = 2;

    private readonly JsonObject _settings = new() { ["format"] = FormatVersion };

    /// <summary>Starts a key whose folder name begins with <paramref name="prefix"/>.</summary>
    public CellKey(string prefix) => Prefix = prefix;

    /// <summary>The readable start of the folder name.</summary>
    public string Prefix { get; }

    /// <summary>Adds a setting the cell's results depend on (any value System.Text.Json writes the same way every time).</summary>
    public CellKey With(string name, object? value)
    {
        _settings.Add(name, JsonSerializer.SerializeToNode(value, CellJson.Options));
        return this;
    }

    /// <summary>The settings as indented JSON, stored in the cell as key.json for a reader.</summary>
    public string Settings => _settings.ToJsonString(CellJson.Options);

    /// <summary>The folder name: the prefix, then the first 12 hexadecimal digits of the SHA-256 of <see cref="Settings"/>.</summary>
    public string Name => $"{Prefix}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Settings)))[..12]}";
}
