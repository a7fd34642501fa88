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

    /// <summary>
    /// The program of a project that the test project references (with <c>ReferenceOutputAssembly="false"</c>), so
    /// the test build has built it: nothing is built here, which keeps this test assembly's builds from racing with
    /// another test assembly's <see cref="Get"/> builds of the same library.
    /// </summary>
    /// <exception cref="FileNotFoundException">The program has not been built.</exception>
    public static RepositoryProgram Referenced(string projectDirectory)
    {
        string assembly = AssemblyPath(projectDirectory);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException(
                $"{assembly} has not been built: the test project must reference {projectDirectory} (ReferenceOutputAssembly=\"false\").", assembly);
        }
        return new RepositoryProgram(assembly);
    }

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

    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string AssemblyPath(string projectDirectory)
    {
        string name = Path.GetFileName(projectDirectory.TrimEnd('/'));
        return Path.Combine(RepositoryRoot(), projectDirectory, "bin", Configuration, "net10.0", name + ".dll");
    }

    private static RepositoryProgram Build(string projectDirectory)
    {
        string project = Path.Combine(RepositoryRoot(), projectDirectory);
        string configuration = Configuration;
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
        return new RepositoryProgram(AssemblyPath(projectDirectory));
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
