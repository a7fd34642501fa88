using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Study.Tests;

/// <summary>Study options for tests: the quick preset, or one small enough to train in seconds.</summary>
internal static class TestStudies
{
    /// <summary>The quick preset, as the program starts from it.</summary>
    public static StudyOptions Quick => StudyPresets.Quick(DataSets.Root);

    /// <summary>
    /// Command-line options of a study that trains 2 data sets × 4 kinds × 1 seed in a few seconds: 18 cells, per data
    /// set 4 training cells (0-3, 9-12), their 4 measurement cells (4-7, 13-16) and a transfer cell (8, 17). An option
    /// in <paramref name="extra"/> replaces the tiny study's value of it (a list option given twice would add up).
    /// </summary>
    public static string[] Tiny(string output, params string[] extra)
    {
        (string Option, string Value)[] defaults =
        [
            ("--data", DataSets.Root), ("--output", output), ("--train-count", "300"), ("--test-count", "100"), ("--sweep-count", "50"),
            ("--hidden", "64,64"), ("--sparsity", "0.9"), ("--seeds", "1"), ("--epochs", "2"), ("--dense-epochs", "1"), ("--dense-equal-epochs", "2"),
            ("--removal", "0,0.5"), ("--shuffle", "0,0.5"), ("--epsilons", "0,0.1"), ("--pgd-iterations", "2"), ("--sweep-seeds", "1"),
            ("--pgd-check-iterations", "3"), ("--pgd-check-restarts", "2"), ("--pgd-check-count", "20"), ("--transfer-count", "30"), ("--probe-count", "30"),
            ("--probe-interval", "1"), ("--kinds", "adaptive,static,dense,dense-equal"), ("--variant-seeds", "0"), ("--neuron-fractions", "0,0.5"),
            ("--pgd-starts", "1"), ("--null-samples", "1"),
        ];
        return [.. defaults.Where(d => !extra.Contains(d.Option)).SelectMany(d => new[] { d.Option, d.Value }), .. extra];
    }
}
