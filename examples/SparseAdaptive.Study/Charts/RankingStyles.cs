using ScottPlot;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// The look of each neuron ranking where rankings, not kinds, are the series (<see cref="DamageChart"/>): random removal
/// grey and dotted as the baseline, the hub rankings in Okabe and Ito's colours with their own markers.
/// </summary>
internal static class RankingStyles
{
    /// <summary>The rankings in the order drawn, each with its legend text.</summary>
    public static readonly (string Removal, string Label)[] Rankings =
    [
        ("neuron removal, random", "random neurons"),
        ("neuron removal, hubs by in-degree first", "hubs by in-degree"),
        ("neuron removal, hubs by out-degree first", "hubs by out-degree"),
        ("neuron removal, hubs by degree first", "hubs by degree"),
        ("neuron removal, hubs by strength first", "hubs by strength"),
    ];

    /// <summary>The style of the ranking drawn <paramref name="index"/>-th in <see cref="Rankings"/>.</summary>
    public static SeriesStyle Of(int index) => index switch
    {
        0 => new(Color.FromHex("#555555"), LinePattern.Dotted, MarkerShape.OpenCircle),
        1 => new(Color.FromHex("#0072B2"), LinePattern.Solid, MarkerShape.FilledCircle),
        2 => new(Color.FromHex("#009E73"), LinePattern.Dashed, MarkerShape.FilledTriangleUp),
        3 => new(Color.FromHex("#D55E00"), LinePattern.Solid, MarkerShape.FilledSquare),
        4 => new(Color.FromHex("#CC79A7"), SeriesStyle.DashDot, MarkerShape.FilledDiamond),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A ranking without a chart style."),
    };
}
