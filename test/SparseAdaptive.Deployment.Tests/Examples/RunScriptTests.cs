using System.Diagnostics;
using System.Runtime.Versioning;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Deployment.Tests.Examples;

/// <summary>build/run.sh --help answers at once: no SDK check, restore or data set-up before it.</summary>
public sealed class RunScriptTests
{
    [Fact]
    [UnsupportedOSPlatform("windows")] // a bash script
    public void Help_answers_without_setting_up_and_lists_train()
    {
        using var folder = new TemporaryDirectory();
        // A dotnet that fails first on PATH: any set-up step (SDK check, restore, build) would fail the script.
        string failingDotnet = folder.Write("dotnet", "#!/bin/sh\nexit 1\n"u8.ToArray());
        File.SetUnixFileMode(failingDotnet, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(System.IO.Path.Combine(RepositoryProgram.RepositoryRoot(), "build", "run.sh"));
        start.ArgumentList.Add("--help");
        start.Environment["PATH"] = folder.Path + System.IO.Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();

        process.ExitCode.Should().Be(0, errors);
        errors.Should().BeEmpty();
        output.Should().Contain("build/run.sh train [train options]").And.Contain("build/run.sh [study options]");
    }
}
