using System.Text;
using SparseAdaptive.Network;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// What a saved model carries besides built-in transforms: the trained network and the name of the user's feature
/// column, encoded as one line of text so that a built-in value-mapping lookup table can hold it.
/// </summary>
/// <remarks>
/// Text rather than a byte or float vector because ML.NET hands a text value out as a slice of one string, with no
/// per-row copy; <see cref="NetworkPayloadCache"/> relies on that to decode the network only once.
/// </remarks>
internal sealed record NetworkPayload(string FeatureColumnName, SparseNetwork Network)
{
    private const string FormatTag = "SparseAdaptive/1";
    private const char Separator = ';';

    /// <summary>Format: tag;base64(UTF-8 feature column name);base64(network bytes).</summary>
    public string Encode()
    {
        using var stream = new MemoryStream();
        Network.Save(stream);
        return string.Join(Separator, FormatTag, Convert.ToBase64String(Encoding.UTF8.GetBytes(FeatureColumnName)),
            Convert.ToBase64String(stream.GetBuffer(), 0, (int)stream.Length));
    }

    /// <summary>Rejects a row whose feature vector does not have the network's input size.</summary>
    /// <exception cref="InvalidOperationException">The sizes differ; the message names the feature column.</exception>
    public void CheckFeatureCount(int featureCount)
    {
        if (featureCount != Network.InputSize)
            throw new InvalidOperationException(
                $"Feature column '{FeatureColumnName}' has {featureCount} values in this row, " +
                $"but the SparseAdaptive network was trained on {Network.InputSize}.");
    }

    public static NetworkPayload Decode(ReadOnlySpan<char> text)
    {
        Span<Range> parts = stackalloc Range[4];
        if (text.Split(parts, Separator) != 3 || !text[parts[0]].SequenceEqual(FormatTag))
            throw new InvalidDataException($"The SparseAdaptive network stored in the model is not in the '{FormatTag}' format.");
        var featureColumnName = Encoding.UTF8.GetString(FromBase64(text[parts[1]]));
        using var stream = new MemoryStream(FromBase64(text[parts[2]]), writable: false);
        return new NetworkPayload(featureColumnName, SparseNetwork.Load(stream));
    }

    private static byte[] FromBase64(ReadOnlySpan<char> base64)
    {
        var bytes = new byte[base64.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(base64, bytes, out var written))
            throw new InvalidDataException("The SparseAdaptive network stored in the model is not valid base64 text.");
        return bytes.AsSpan(0, written).ToArray();
    }
}
