using System.Text;
using SparseAdaptive.Network;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// What a saved component carries besides built-in transforms: the network, the name of the user's feature column,
/// how rows that cannot be scored are treated, and, for an input perturbation, its settings. Encoded as one line of
/// text (held by a built-in value-mapping lookup table) only when a chain is built to be saved; the network's binary
/// form ends with a SHA-256 checksum, so a changed byte fails at decoding instead of scoring wrongly.
/// </summary>
/// <param name="FeatureColumnName">The column the network reads.</param>
/// <param name="Network">The trained network.</param>
/// <param name="NonFiniteFeatures">What scoring does with a row it cannot score.</param>
/// <param name="Settings">An input perturbation's settings (see <c>Transforms.PerturbationSettings</c>), or null for a model.</param>
internal sealed record ModelPayload(string FeatureColumnName, SparseNetwork Network, NonFiniteFeatureHandling NonFiniteFeatures, string? Settings = null)
{
    private const string FormatTag = "SparseAdaptive/2";
    private const char Separator = ';';
    private const int PartCount = 5;

    /// <summary>Format: tag;base64(UTF-8 feature column);handling;base64(UTF-8 settings) or empty;base64(network bytes).</summary>
    /// <exception cref="NotSupportedException">The network is too large to be held as one string.</exception>
    public string Encode()
    {
        // A .NET string holds at most about 2^30 characters; base64 takes 4 for every 3 bytes (about 10 B per link).
        const long MaximumBytes = (1L << 30) / 4 * 3 - 1024;
        long bytes = Network.Layers.Sum(l => 8L * l.LinkCount + 8L * l.OutputSize + 12);
        if (bytes > MaximumBytes)
        {
            throw new NotSupportedException(
                $"The network has {Network.LinkCount} links, too many to save in an ML.NET model (which holds it as one string of at most " +
                $"about {MaximumBytes / 8} links); save it with SparseNetwork.Save instead.");
        }
        using var stream = new MemoryStream();
        Network.Save(stream);
        return string.Join(Separator, FormatTag, Base64Text(FeatureColumnName), NonFiniteFeatures.ToString(),
            Settings is null ? string.Empty : Base64Text(Settings), Convert.ToBase64String(stream.GetBuffer(), 0, (int)stream.Length));
    }

    /// <summary>
    /// What a corrupt payload's message adds: ML.NET does not tell a component which file it was loaded from, so the
    /// message says how to have the file named.
    /// </summary>
    public const string FileHint =
        "(ML.NET does not tell a component which file it was loaded from: load the model with mlContext.Model.LoadSparseAdaptive to have the file named.)";

    /// <summary>
    /// What the message of a row that cannot be scored adds in a model loaded with <c>mlContext.Model.Load</c>: ML.NET
    /// gives a loaded component's mapping neither the cursor's position nor the row's ID, so the message says how to
    /// have the row named.
    /// </summary>
    public const string RowHint =
        "(ML.NET does not tell a model loaded with mlContext.Model.Load which row it scores: load it with mlContext.Model.LoadSparseAdaptive to have the row named.)";

    /// <summary>Reads an encoded payload.</summary>
    /// <exception cref="InvalidDataException">The text is not a payload of this format, or its network is corrupt; the
    /// message ends with <see cref="FileHint"/> and the inner exception has the reason alone.</exception>
    public static ModelPayload Decode(ReadOnlySpan<char> text)
    {
        try
        {
            return DecodeCore(text);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message} {FileHint}", e);
        }
    }

    private static ModelPayload DecodeCore(ReadOnlySpan<char> text)
    {
        Span<Range> parts = stackalloc Range[PartCount + 1];
        if (text.Split(parts, Separator) != PartCount || !text[parts[0]].SequenceEqual(FormatTag)
            || !Enum.TryParse<NonFiniteFeatureHandling>(text[parts[2]], out var handling))
        {
            throw new InvalidDataException($"The SparseAdaptive component stored in the model is not in the '{FormatTag}' format.");
        }
        var settings = text[parts[3]].IsEmpty ? null : Encoding.UTF8.GetString(FromBase64(text[parts[3]]));
        using var stream = new MemoryStream(FromBase64(text[parts[4]]), writable: false);
        return new ModelPayload(Encoding.UTF8.GetString(FromBase64(text[parts[1]])), SparseNetwork.Load(stream), handling, settings);
    }

    /// <summary>Rejects a row whose feature vector does not have the network's input size.</summary>
    /// <exception cref="InvalidOperationException">The sizes differ; the message names the feature column.</exception>
    public void CheckFeatureCount(int featureCount)
    {
        if (featureCount != Network.InputSize)
        {
            throw new InvalidOperationException(
                $"Feature column '{FeatureColumnName}' has {featureCount} values in this row, " +
                $"but the SparseAdaptive network was trained on {Network.InputSize}.");
        }
    }

    /// <summary>
    /// Whether a scored row is valid: all its features and probabilities are finite. An invalid row gets NaN
    /// probabilities (the caller then gives it the missing PredictedLabel), or throws under
    /// <see cref="NonFiniteFeatureHandling.Throw"/>.
    /// </summary>
    /// <param name="features">The row's features.</param>
    /// <param name="probabilities">The row's probabilities; overwritten with NaN when the row is invalid.</param>
    /// <param name="row">The row's position in the data, when known, for the message.</param>
    /// <param name="hint">What the message adds (<see cref="RowHint"/> where the row is not known), or null.</param>
    /// <exception cref="InvalidOperationException">The row is invalid and the handling is <see cref="NonFiniteFeatureHandling.Throw"/>.</exception>
    public bool IsScorable(ReadOnlySpan<float> features, Span<float> probabilities, long? row, string? hint = null)
    {
        int feature = features.IndexOfAnyExceptInRange(float.MinValue, float.MaxValue);
        if (feature < 0 && probabilities.IndexOfAnyExceptInRange(float.MinValue, float.MaxValue) < 0)
        {
            return true;
        }
        if (NonFiniteFeatures == NonFiniteFeatureHandling.Throw)
        {
            string where = row is long position ? $"row {position}" : "a row";
            string message = feature >= 0
                ? $"Feature column '{FeatureColumnName}' has the value {features[feature]} at index {feature} in {where}; the SparseAdaptive model needs finite features."
                : $"Feature column '{FeatureColumnName}' has values in {where} so large that the network's scores overflow; scale the features as for training.";
            throw new InvalidOperationException(hint is null ? message : $"{message} {hint}");
        }
        probabilities.Fill(float.NaN);
        return false;
    }

    private static string Base64Text(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static byte[] FromBase64(ReadOnlySpan<char> base64)
    {
        var bytes = new byte[base64.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(base64, bytes, out var written))
        {
            throw new InvalidDataException("The SparseAdaptive component stored in the model is not valid base64 text.");
        }
        return bytes.AsSpan(0, written).ToArray();
    }
}
