using System.Globalization;
using System.Reflection;
using System.Text;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// The text an input perturbation is saved as inside its model: the options class's name, then one
/// <c>Property=value</c> line per public settable property, culture-invariant. Any options class of this assembly
/// round-trips without code of its own, so a new attack needs only its engine class and its options class.
/// </summary>
internal static class PerturbationSettings
{
    /// <summary>The options as text, with <paramref name="seed"/> (the seed resolved at creation) as their seed.</summary>
    public static string Write(InputPerturbationOptions options, int seed)
    {
        var text = new StringBuilder(options.GetType().FullName).Append('\n');
        foreach (var property in Properties(options.GetType()))
        {
            object? value = property.Name == nameof(InputPerturbationOptions.Seed) ? seed : property.GetValue(options);
            text.Append(property.Name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Options equal to those <see cref="Write"/> was given.</summary>
    /// <exception cref="InvalidDataException">The text names no options class of this library, or a value does not parse.</exception>
    public static InputPerturbationOptions Read(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var type = typeof(InputPerturbationOptions).Assembly.GetType(lines[0]);
        if (type is null || !type.IsSubclassOf(typeof(InputPerturbationOptions)) || type.IsAbstract)
        {
            throw new InvalidDataException($"The model holds an unknown input perturbation '{lines[0]}'.");
        }
        var options = (InputPerturbationOptions)Activator.CreateInstance(type)!;
        var properties = Properties(type).ToDictionary(p => p.Name);
        foreach (var line in lines.Skip(1))
        {
            int equals = line.IndexOf('=');
            if (equals < 0 || !properties.TryGetValue(line[..equals], out var property))
            {
                throw new InvalidDataException($"The input perturbation '{type.Name}' stored in the model has an unknown setting '{line}'.");
            }
            property.SetValue(options, Parse(line[(equals + 1)..], property.PropertyType));
        }
        return options;
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite).OrderBy(p => p.Name, StringComparer.Ordinal);

    private static object? Parse(string value, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (value.Length == 0 && (underlying is not null || !type.IsValueType))
        {
            return null;
        }
        var target = underlying ?? type;
        return target.IsEnum ? Enum.Parse(target, value) : Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }
}
