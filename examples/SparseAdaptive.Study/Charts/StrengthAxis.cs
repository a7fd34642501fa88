using System.Text.RegularExpressions;

namespace SparseAdaptive.Study.Charts;

/// <summary>The x-axis label of a perturbation's strength, with its unit: what it is a fraction of, or the attack's norm.</summary>
internal static partial class StrengthAxis
{
    /// <summary>
    /// The label for <paramref name="perturbation"/>, whose sweep calls its strength <paramref name="strengthName"/>, in
    /// a network whose layer <paramref name="outputLayer"/> is the dense output layer.
    /// </summary>
    public static string Label(string perturbation, string strengthName, int outputLayer)
    {
        if (strengthName == "epsilon")
        {
            return "Attack size ε (L∞ norm, pixels on [0, 1])";
        }
        // Layers as the sweeps name them, from 0: "layer k" is a network layer, "hidden layer k" the neurons it feeds.
        var layer = OneLayer().Match(perturbation);
        string of = !layer.Success ? "each hidden layer's" : layer.Value == $"layer {outputLayer}" ? "the output layer's" : $"{layer.Value}'s";
        return strengthName switch
        {
            "fraction of neurons" => $"Fraction of {of} neurons removed",
            "fraction of links" when perturbation.Contains("shuffling", StringComparison.Ordinal) => $"Fraction of {of} links shuffled",
            "fraction of links" => $"Fraction of {of} links removed",
            _ => strengthName,
        };
    }

    [GeneratedRegex(@"(hidden )?layer \d+$")]
    private static partial Regex OneLayer();
}
