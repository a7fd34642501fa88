using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Study.Tests;

/// <summary>The study program (examples/SparseAdaptive.Study), run as its own process, exactly as a researcher runs it.</summary>
internal static class StudyProgram
{
    /// <summary>Runs the program with <paramref name="arguments"/>; returns its exit code and what it wrote.</summary>
    public static (int ExitCode, string Output, string Errors) Run(params string[] arguments) =>
        RepositoryProgram.Referenced("examples/SparseAdaptive.Study").Run(arguments);
}
