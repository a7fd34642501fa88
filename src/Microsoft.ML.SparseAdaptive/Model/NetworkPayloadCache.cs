using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Process-wide cache of decoded payloads, keyed by the string that holds the encoded text, so that every cursor and
/// prediction engine of a model shares one network and none decodes it per row.
/// </summary>
/// <remarks>
/// A <see cref="ConditionalWeakTable{TKey,TValue}"/> lets an entry die with the model that holds the string.
/// </remarks>
internal static class NetworkPayloadCache
{
    private sealed record Entry(int Start, int Length, NetworkPayload Payload);

    private static readonly ConditionalWeakTable<string, Entry> Entries = new();

    /// <summary>Records an already decoded payload for its encoded text, so the first scoring does not decode it again.</summary>
    public static void Seed(string encoded, NetworkPayload payload) =>
        Entries.AddOrUpdate(encoded, new Entry(0, encoded.Length, payload));

    public static NetworkPayload Resolve(ReadOnlyMemory<char> encoded)
    {
        if (!MemoryMarshal.TryGetString(encoded, out var text, out var start, out var length))
            return NetworkPayload.Decode(encoded.Span);
        if (Entries.TryGetValue(text, out var entry) && entry.Start == start && entry.Length == length)
            return entry.Payload;
        var payload = NetworkPayload.Decode(encoded.Span);
        Entries.AddOrUpdate(text, new Entry(start, length, payload));
        return payload;
    }
}
