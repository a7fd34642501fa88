namespace SparseAdaptive.TestSupport;

/// <summary>
/// Locates the real data sets fetched by <c>build/data.sh</c>. A missing data set fails the test that asks for it
/// (never skips it), with a message saying how to fetch it.
/// </summary>
internal static class DataSets
{
    /// <summary>The environment variable that overrides the data root, as in the build scripts.</summary>
    public const string RootVariable = "SPARSEADAPTIVE_DATA";

    private static readonly string[] IdxFileNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>Gets the data root: <c>$SPARSEADAPTIVE_DATA</c>, else <c>~/.cache/sparseadaptive/data</c>.</summary>
    public static string Root
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable(RootVariable);
            return string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sparseadaptive", "data")
                : configured;
        }
    }

    /// <summary>Gets the directory holding the four MNIST IDX files.</summary>
    public static string MnistDirectory => RequireDataSet("mnist");

    /// <summary>Gets the directory holding the four Fashion-MNIST IDX files.</summary>
    public static string FashionMnistDirectory => RequireDataSet("fashion-mnist");

    private static string RequireDataSet(string name)
    {
        string directory = Path.Combine(Root, name);
        string[] missing = IdxFileNames
            .Where(file => !File.Exists(Path.Combine(directory, file)) && !File.Exists(Path.Combine(directory, file + ".gz")))
            .ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(
                $"The {name} data set is missing from '{directory}' (no {string.Join(", ", missing)}). "
                + $"Run build/data.sh to fetch it, or set {RootVariable} to the directory that holds '{name}/'.");
        }

        return directory;
    }
}
