namespace SparseAdaptive.Data;

/// <summary>
/// Writes files so that a failure never leaves a partial file behind: the content is written to a temporary file
/// beside the target, which is moved over the target only once complete.
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Calls <paramref name="write"/> with a temporary path next to <paramref name="path"/> (same extension, for writers
    /// that check it), then moves the result into place; on failure the temporary file is deleted and the target left as it was.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole content to the path it is given.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">Writing failed; a message that named the temporary file names <paramref name="path"/> instead.</exception>
    public static void Write(string path, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Guid.NewGuid():N}{Path.GetExtension(full)}");
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e.Message.Contains(temporary, StringComparison.Ordinal))
        {
            // The temporary name means nothing to the caller: the same kind of exception, naming the file they asked for.
            string message = e.Message.Replace(temporary, full, StringComparison.Ordinal);
            throw e switch
            {
                DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
                UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
                _ => new IOException(message, e),
            };
        }
        finally
        {
            // Delete throws when the directory is missing, which would hide the writer's own exception.
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
