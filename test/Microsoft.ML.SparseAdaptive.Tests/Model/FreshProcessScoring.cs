using SparseAdaptive.TestSupport;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

/// <summary>
/// Runs test/Microsoft.ML.SparseAdaptive.FreshProcessScoring in a new process: built on demand rather than
/// referenced, so it never shares a process with the tests.
/// </summary>
internal static class FreshProcessScoring
{
    public static void Run(string modelPath, string featureColumn, int featureCount, string featuresPath, string scoresPath)
    {
        var (exitCode, output, errors) = RepositoryProgram.Get("test/Microsoft.ML.SparseAdaptive.FreshProcessScoring")
            .Run(modelPath, featureColumn, featureCount.ToString(System.Globalization.CultureInfo.InvariantCulture), featuresPath, scoresPath);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"The fresh-process scoring program failed ({exitCode}):\n{output}\n{errors}");
        }
    }
}
