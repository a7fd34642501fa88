using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Deployment.Tests.Examples;

/// <summary>The tabular example prints what its README promises and exports an ONNX model ONNX Runtime can load.</summary>
public sealed class TabularExampleTests
{
    private const string ExampleDirectory = "examples/SparseAdaptive.Examples.Tabular";

    [Fact]
    public void The_tabular_example_prints_the_expected_output_of_its_README_and_exports_ONNX()
    {
        using var folder = new TemporaryDirectory();
        string onnxPath = System.IO.Path.Combine(folder.Path, "machines.onnx");

        var (exitCode, output, errors) = RepositoryProgram.Referenced(ExampleDirectory).Run("--onnx", onnxPath);

        exitCode.Should().Be(0, errors);
        Normalise(output).Should().StartWith(Normalise(ExpectedOutput()));
        using var session = new InferenceSession(onnxPath);
        session.InputMetadata["Features"].Dimensions.Should().Equal(-1, 8);
        session.OutputMetadata["PredictedLabel"].ElementType.Should().Be(typeof(string));
    }

    // The README's code block under "## Expected output".
    private static string ExpectedOutput()
    {
        string readme = File.ReadAllText(System.IO.Path.Combine(RepositoryProgram.RepositoryRoot(), ExampleDirectory, "README.md"));
        var match = Regex.Match(readme, @"## Expected output.*?```\n(.*?)```", RegexOptions.Singleline);
        match.Success.Should().BeTrue("the example's README has an expected-output block");
        return match.Groups[1].Value;
    }

    private static string Normalise(string text) => text.ReplaceLineEndings("\n").Trim();
}
