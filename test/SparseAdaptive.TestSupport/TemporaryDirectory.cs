namespace SparseAdaptive.TestSupport;

/// <summary>
/// A fresh directory under the system temp folder, deleted on dispose.
/// </summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("sparseadaptive-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="content"/> to the file <paramref name="name"/> and returns its full path.</summary>
    public string Write(string name, byte[] content)
    {
        string path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
