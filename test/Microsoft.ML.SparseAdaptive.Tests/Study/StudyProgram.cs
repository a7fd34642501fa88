using System.Diagnostics;

namespace Microsoft.ML.SparseAdaptive.Tests.Study;

/// <summary>
/// The study program (examples/SparseAdaptive.Study), built on demand in the test's configuration and run as its
/// own process, exactly as a researcher runs it.
/// </summary>
internal static class StudyProgram
{
    private const string ProjectPath = "examples/SparseAdaptive.Study";
    private static readonly Lazy<string> Assembly = new(BuildAssembly);

    /// <summary>Runs the program with <paramref name="arguments"/>; returns its exit code and what it wrote.</summary>
    public static (int ExitCode, string Output, string Errors) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Assembly.Value);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors);
    }

    private static string BuildAssembly()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !Directory.Exists(Path.Combine(root.FullName, ProjectPath)))
        {
            root = root.Parent;
        }
        if (root is null)
        {
            throw new InvalidOperationException($"No {ProjectPath} above {AppContext.BaseDirectory}.");
        }
        string project = Path.Combine(root.FullName, ProjectPath);
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", configuration, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
        })!;
        string log = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building {project} failed:\n{log}");
        }
        return Path.Combine(project, "bin", configuration, "net10.0", "SparseAdaptive.Study.dll");
    }
}
