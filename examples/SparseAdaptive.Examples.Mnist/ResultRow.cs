using System.Globalization;
using Microsoft.ML.SparseAdaptive.Model;

namespace SparseAdaptive.Examples.Mnist;

/// <summary>One training's settings and results as a CSV row, so a search over settings leaves a table behind.</summary>
internal static class ResultRow
{
    private const string Header =
        "dataset,evaluated_on,topology,epochs,seed,rewire_fraction,rewire_schedule,rewire_end,new_link_scale,l2,learning_rate,dropout,accuracy,near_blank_ratio,seconds";

    /// <summary>Appends the row to <paramref name="path"/>, writing the header first when the file is new.</summary>
    public static void Append(string path, string dataset, string evaluatedOn, SparseAdaptiveTrainer.Options options, double accuracy,
        double nearBlankRatio, double seconds)
    {
        var values = new object?[]
        {
            dataset, evaluatedOn, options.Topology, options.NumberOfEpochs, options.Seed, options.RewireFraction, options.RewireSchedule,
            options.RewireEnd, options.NewLinkWeightScale, options.L2Regularization, options.LearningRate, options.DropoutRate,
            accuracy, nearBlankRatio, Math.Round(seconds, 1),
        };
        string row = string.Join(",", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        bool fresh = !File.Exists(path);
        File.AppendAllText(path, (fresh ? Header + "\n" : "") + row + "\n");
    }
}
