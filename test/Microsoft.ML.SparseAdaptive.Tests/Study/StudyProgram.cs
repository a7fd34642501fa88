using SparseAdaptive.TestSupport;

namespace Microsoft.ML.SparseAdaptive.Tests.Study;

/// <summary>The study program (examples/SparseAdaptive.Study), run as its own process, exactly as a researcher runs it.</summary>
internal static class StudyProgram
{
    /// <summary>Runs the program with <paramref name="arguments"/>; returns its exit code and what it wrote.</summary>
    public static (int ExitCode, string Output, string Errors) Run(params string[] arguments) =>
        RepositoryProgram.Get("examples/SparseAdaptive.Study").Run(arguments);
}
