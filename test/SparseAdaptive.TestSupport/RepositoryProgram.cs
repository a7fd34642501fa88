using System.Collections.Concurrent;
using System.Diagnostics;

namespace SparseAdaptive.TestSupport;

/// <summary>
/// A program of this repository, built on demand in the tests' configuration and run as its own process, as a user
/// runs it. Builds are serialised and done once per test run: concurrent builds of projects that share the library
/// would race on its outputs.
/// </summary>
internal sealed class RepositoryProgram
{
    private static readonly object BuildLock = new();
    private static readonly ConcurrentDictionary<string, Lazy<RepositoryProgram>> Built = new();

    private readonly string _assembly;

    private RepositoryProgram(string assembly) => _assembly = assembly;

    /// <summary>The program of the project at <paramref name="projectDirectory"/> (relative to the repository root).</summary>
    public static RepositoryProgram Get(string projectDirectory) =>
        Built.GetOrAdd(projectDirectory, path => new Lazy<RepositoryProgram>(() => Build(path))).Value;

    /// <summary>Runs the program; returns its exit code and what it wrote.</summary>
    public (int ExitCode, string Output, string Errors) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(_assembly);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Execute(start);
    }

    private static RepositoryProgram Build(string projectDirectory)
    {
        string project = Path.Combine(RepositoryRoot(), projectDirectory);
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var start = new ProcessStartInfo("dotnet", ["build", project, "-c", configuration, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        lock (BuildLock)
        {
            var (exitCode, output, errors) = Execute(start);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"Building {project} failed:\n{output}\n{errors}");
            }
        }
        string name = Path.GetFileName(projectDirectory.TrimEnd('/'));
        return new RepositoryProgram(Path.Combine(project, "bin", configuration, "net10.0", name + ".dll"));
    }

    private static (int ExitCode, string Output, string Errors) Execute(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors);
    }

    /// <summary>The folder holding SparseAdaptive.sln, found above the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SparseAdaptive.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No SparseAdaptive.sln above {AppContext.BaseDirectory}.");
    }
}
