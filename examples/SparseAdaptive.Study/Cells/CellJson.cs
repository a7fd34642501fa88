using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study.Cells;

/// <summary>
/// How cells store what they measured: JSON whose numbers read back to the same bits (so a report made from stored
/// cells equals one made in memory), enums by name, NaN and infinities allowed (a log-loss can be infinite).
/// </summary>
internal static class CellJson
{
    /// <summary>The serializer options every cell file is written and read with.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WithoutLiveNetworks } },
    };

    // Results are written without indentation: a measurement is hundreds of numbers per sweep, and the committed study
    // holds hundreds of cells. Keys stay indented (Options), since their text is hashed into the cell names.
    private static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    /// <summary>Writes <paramref name="value"/> to the file at <paramref name="path"/>, without indentation.</summary>
    public static void Write<T>(string path, T value) => File.WriteAllText(path, JsonSerializer.Serialize(value, Compact));

    /// <summary>Reads a <typeparamref name="T"/> from the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file does not hold one; the message names the file.</exception>
    public static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"'{path}' holds null instead of a {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    // An epoch report can carry the network of that moment; the cell stores the kept network in its own file instead.
    private static void WithoutLiveNetworks(JsonTypeInfo info)
    {
        if (info.Type == typeof(EpochReport))
        {
            var network = info.Properties.Single(p => p.Name == nameof(EpochReport.Network));
            info.Properties.Remove(network);
        }
    }
}
