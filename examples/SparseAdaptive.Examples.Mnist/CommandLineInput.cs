using System.Text.RegularExpressions;

namespace SparseAdaptive.Examples;

/// <summary>
/// How the example programs report bad input: one line naming the command-line flag or the path, and a non-zero exit
/// code, before any training starts. Shared by the MNIST and tabular examples (linked into the latter).
/// </summary>
internal static class CommandLineInput
{
    /// <summary>Exit code for a value out of range.</summary>
    public const int BadValue = 2;

    /// <summary>Exit code for a missing input or an output that cannot be written.</summary>
    public const int BadPath = 3;

    /// <summary>Why <paramref name="file"/>, given with <paramref name="flag"/>, cannot be written; null when it can (or was not given).</summary>
    public static string? FindUnwritable(FileInfo? file, string flag)
    {
        if (file is null)
        {
            return null;
        }
        if (Directory.Exists(file.FullName))
        {
            return $"{flag}: {file.FullName} is a directory, not a file.";
        }
        if (!Directory.Exists(file.DirectoryName))
        {
            return $"{flag}: cannot write {file.FullName}: the directory {file.DirectoryName} does not exist.";
        }
        try
        {
            // A probe beside the target, so an existing file there is left as it is until the program replaces it.
            using var probe = new FileStream(Path.Combine(file.DirectoryName, $".{file.Name}.{Guid.NewGuid():N}.probe"),
                FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{flag}: cannot write {file.FullName}: {e.Message}";
        }
        return null;
    }

    /// <summary>
    /// The trainer's message for an invalid option, on one line, with each option named by the flag that sets it
    /// (<paramref name="flags"/>: option field → flag), since the user typed flags, not fields.
    /// </summary>
    public static string NameFlags(ArgumentException invalid, IReadOnlyDictionary<string, string> flags)
    {
        string line = invalid.Message.ReplaceLineEndings("\n").Split('\n')[0]
            .Replace($" (Parameter '{invalid.ParamName}')", "", StringComparison.Ordinal)
            .Replace("Invalid SparseAdaptive option ", "", StringComparison.Ordinal);
        foreach (var (option, flag) in flags)
        {
            line = Regex.Replace(line, $@"\b{option}\b", flag);
        }
        return line;
    }
}
