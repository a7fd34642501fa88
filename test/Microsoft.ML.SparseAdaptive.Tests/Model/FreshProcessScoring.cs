using System.Diagnostics;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

/// <summary>Runs test/Microsoft.ML.SparseAdaptive.FreshProcessScoring (built on demand) in a new process.</summary>
internal static class FreshProcessScoring
{
    private const string ProjectName = "Microsoft.ML.SparseAdaptive.FreshProcessScoring";

    public static void Run(string modelPath, string featureColumn, int featureCount, string featuresPath, string scoresPath)
    {
        var project = Path.Combine(RepositoryRoot(), "test", ProjectName);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        // Built here rather than referenced, so the program never shares a process with the tests.
        Execute("build", $"\"{project}\" -c {configuration} --nologo -v q");
        var dll = Path.Combine(project, "bin", configuration, "net10.0", ProjectName + ".dll");
        Execute($"\"{dll}\"", $"\"{modelPath}\" \"{featureColumn}\" {featureCount} \"{featuresPath}\" \"{scoresPath}\"");
    }

    private static void Execute(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", $"{command} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {command} failed ({process.ExitCode}):\n{output.Result}\n{error}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SparseAdaptive.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"SparseAdaptive.sln not found above {AppContext.BaseDirectory}.");
    }
}
