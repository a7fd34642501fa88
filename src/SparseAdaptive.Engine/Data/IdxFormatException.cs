namespace SparseAdaptive.Data;

/// <summary>
/// Thrown when an IDX file is not what it must be: wrong magic number or data type, truncated content,
/// a corrupt gzip stream, or an image file and a label file that disagree on the number of samples.
/// </summary>
/// <remarks>
/// An <see cref="IOException"/> (<see cref="InvalidDataException"/> is sealed), so callers that handle I/O failures of
/// data loading handle this one too.
/// </remarks>
public sealed class IdxFormatException : IOException
{
    /// <summary>
    /// Creates the exception for the file at <paramref name="filePath"/>.
    /// </summary>
    /// <param name="filePath">The offending file.</param>
    /// <param name="problem">What is wrong with it, as a sentence fragment that follows the file name.</param>
    /// <param name="innerException">The lower-level error that revealed the problem, if any.</param>
    public IdxFormatException(string filePath, string problem, Exception? innerException = null)
        : base($"Invalid IDX file '{filePath}': {problem}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>
    /// Gets the path of the offending file.
    /// </summary>
    public string FilePath { get; }
}
