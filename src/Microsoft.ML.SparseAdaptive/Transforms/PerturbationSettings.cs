using System.Globalization;
using System.Text;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// The text an input perturbation's options are saved as inside its model, culture-invariant: a format tag, then one
/// <c>Key=value</c> line per setting. The keys are fixed here, not taken from the options' property names, so renaming a
/// property cannot silently change or break saved models; a new perturbation adds its kind and keys here.
/// </summary>
/// <remarks>
/// Version 2 (<see cref="FormatTag"/>) names the kind on a <c>Kind</c> line. Version 1, written before it, started with
/// the options class's full name and had the same keys plus <c>LabelColumnName</c> (the chain's label steps hold the
/// label, so it is ignored); both are read.
/// </remarks>
internal static class PerturbationSettings
{
    private const string FormatTag = "SparseAdaptive.InputPerturbation/2";
    private const string VersionOnePrefix = "Microsoft.ML.SparseAdaptive.Transforms.";
    private const string VersionOneLabelColumn = "LabelColumnName";

    private const string Kind = "Kind";
    private const string Seed = "Seed";
    private const string Minimum = "MinimumFeatureValue";
    private const string Maximum = "MaximumFeatureValue";
    private const string Epsilon = "Epsilon";
    private const string StepSize = "StepSize";
    private const string Iterations = "NumberOfIterations";
    private const string RandomStart = "RandomStart";
    private const string Restarts = "Restarts";
    private const string StandardDeviation = "StandardDeviation";

    private const string Fgsm = "Fgsm";
    private const string Pgd = "Pgd";
    private const string GaussianNoise = "GaussianNoise";

    /// <summary>The options as text, with <paramref name="seed"/> (the seed resolved at creation) as their seed.</summary>
    /// <exception cref="NotSupportedException">The options are of a kind this format does not know.</exception>
    public static string Write(InputPerturbationOptions options, int seed)
    {
        var settings = new List<(string Key, object? Value)>
        {
            (Kind, KindOf(options)), (Seed, seed), (Minimum, options.MinimumFeatureValue), (Maximum, options.MaximumFeatureValue),
        };
        switch (options)
        {
            case FgsmOptions fgsm:
                settings.Add((Epsilon, fgsm.Epsilon));
                break;
            case PgdOptions pgd:
                settings.AddRange([(Epsilon, pgd.Epsilon), (StepSize, pgd.StepSize), (Iterations, pgd.NumberOfIterations),
                    (RandomStart, pgd.RandomStart), (Restarts, pgd.Restarts)]);
                break;
            case GaussianNoiseOptions noise:
                settings.Add((StandardDeviation, noise.StandardDeviation));
                break;
        }
        var text = new StringBuilder(FormatTag).Append('\n');
        foreach (var (key, value) in settings)
        {
            text.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Options equal to those <see cref="Write"/> (or version 1) was given, with their seed set.</summary>
    /// <exception cref="InvalidDataException">The text is in neither version, names an unknown kind, or has an unknown, missing or unreadable setting.</exception>
    public static InputPerturbationOptions Read(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            int equals = line.IndexOf('=');
            if (equals <= 0 || !values.TryAdd(line[..equals], line[(equals + 1)..]))
            {
                throw new InvalidDataException($"The input perturbation stored in the model has a malformed or repeated setting '{line}'.");
            }
        }
        string kind;
        if (lines.Length > 0 && lines[0] == FormatTag)
        {
            kind = Take(values, Kind);
        }
        else if (lines.Length > 0 && lines[0].StartsWith(VersionOnePrefix, StringComparison.Ordinal) && lines[0].EndsWith("Options", StringComparison.Ordinal))
        {
            kind = lines[0][VersionOnePrefix.Length..^"Options".Length];
            values.Remove(VersionOneLabelColumn);
        }
        else
        {
            throw new InvalidDataException($"The input perturbation stored in the model is not in the '{FormatTag}' format (nor its version 1).");
        }
        InputPerturbationOptions options = kind switch
        {
            Fgsm => new FgsmOptions { Epsilon = Parse<float>(values, Epsilon) },
            Pgd => new PgdOptions
            {
                Epsilon = Parse<float>(values, Epsilon),
                StepSize = Take(values, StepSize) is { Length: > 0 } step ? Parse<float>(StepSize, step) : null,
                NumberOfIterations = Parse<int>(values, Iterations),
                RandomStart = Parse<bool>(values, RandomStart),
                Restarts = Parse<int>(values, Restarts),
            },
            GaussianNoise => new GaussianNoiseOptions { StandardDeviation = Parse<float>(values, StandardDeviation) },
            _ => throw new InvalidDataException($"The model holds an unknown input perturbation '{kind}'."),
        };
        options.Seed = Parse<int>(values, Seed);
        options.MinimumFeatureValue = Parse<float>(values, Minimum);
        options.MaximumFeatureValue = Parse<float>(values, Maximum);
        if (values.Count > 0)
        {
            throw new InvalidDataException($"The input perturbation '{kind}' stored in the model has unknown settings: {string.Join(", ", values.Keys)}.");
        }
        return options;
    }

    private static string KindOf(InputPerturbationOptions options) => options switch
    {
        FgsmOptions => Fgsm,
        PgdOptions => Pgd,
        GaussianNoiseOptions => GaussianNoise,
        _ => throw new NotSupportedException($"Input perturbations of type {options.GetType().Name} cannot be saved."),
    };

    /// <summary>Removes the setting <paramref name="key"/> (so that what is left over is unknown) and returns its text.</summary>
    private static string Take(Dictionary<string, string> values, string key) =>
        values.Remove(key, out var value) ? value : throw new InvalidDataException($"The input perturbation stored in the model has no setting '{key}'.");

    private static T Parse<T>(Dictionary<string, string> values, string key)
        where T : IParsable<T> => Parse<T>(key, Take(values, key));

    private static T Parse<T>(string key, string text)
        where T : IParsable<T> =>
        T.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"The input perturbation's setting {key}={text} stored in the model cannot be read as {typeof(T).Name}.");
}
