using System.Globalization;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// What a saved input perturbation transform carries besides built-in transforms: the perturbation's settings, its
/// seed and the model's network, as one line of text held by a built-in value-mapping lookup table.
/// </summary>
/// <param name="Perturbation">The attack or noise.</param>
/// <param name="Seed">Seed of its random choices.</param>
/// <param name="Network">The network whose gradients guide it, with the model's feature column name.</param>
internal sealed record PerturbationPayload(InputPerturbation Perturbation, int Seed, NetworkPayload Network)
{
    private const string FormatTag = "SparseAdaptive.Perturbation/1";
    private const char Separator = ';';
    private const int SettingCount = 9;

    /// <summary>Format: tag;kind;a;b;iterations;randomStart;min;max;seed;network payload (whose own text contains separators, so it comes last).</summary>
    public string Encode()
    {
        var (kind, a, b, iterations, randomStart) = Perturbation switch
        {
            FgsmAttack fgsm => ("Fgsm", fgsm.Epsilon, 0f, 0, false),
            PgdAttack pgd => ("Pgd", pgd.Epsilon, pgd.StepSize, pgd.Iterations, pgd.RandomStart),
            GaussianNoise noise => ("GaussianNoise", noise.StandardDeviation, 0f, 0, false),
            _ => throw new ArgumentOutOfRangeException(nameof(Perturbation), Perturbation.GetType().Name, "This input perturbation cannot be saved in a model."),
        };
        return string.Join(Separator, FormatTag, kind, Text(a), Text(b), Text(iterations), randomStart ? "1" : "0",
            Text(Perturbation.Range.Min), Text(Perturbation.Range.Max), Text(Seed), Network.Encode());
    }

    /// <summary>Reads the settings and locates the network's text (decoded through <see cref="NetworkPayloadCache"/>, once per model).</summary>
    public static PerturbationPayload Decode(ReadOnlyMemory<char> encoded)
    {
        var text = encoded.Span;
        Span<Range> parts = stackalloc Range[SettingCount + 1];
        if (text.Split(parts, Separator) != SettingCount + 1 || !text[parts[0]].SequenceEqual(FormatTag))
        {
            throw new InvalidDataException($"The input perturbation stored in the model is not in the '{FormatTag}' format.");
        }
        var range = new FeatureRange(Float(text[parts[6]]), Float(text[parts[7]]));
        float a = Float(text[parts[2]]);
        InputPerturbation perturbation = text[parts[1]] switch
        {
            "Fgsm" => new FgsmAttack(a, range),
            "Pgd" => new PgdAttack(a, StepSize(Float(text[parts[3]])), Int(text[parts[4]]), text[parts[5]] is "1", range),
            "GaussianNoise" => new GaussianNoise(a, range),
            var kind => throw new InvalidDataException($"The model holds an unknown input perturbation '{kind}'."),
        };
        var (offset, length) = parts[SettingCount].GetOffsetAndLength(text.Length);
        return new PerturbationPayload(perturbation, Int(text[parts[8]]), NetworkPayloadCache.Resolve(encoded.Slice(offset, length)));
    }

    // A zero step is the default of a zero ε, which the constructor derives again.
    private static float? StepSize(float value) => value > 0f ? value : null;

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static float Float(ReadOnlySpan<char> text) => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Int(ReadOnlySpan<char> text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
