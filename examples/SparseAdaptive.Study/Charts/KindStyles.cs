using ScottPlot;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// The one look of each network kind in every chart. Colours are Okabe and Ito's palette, which colour-blind readers
/// tell apart; the dense kinds also differ by line pattern and every kind by marker shape, so that greyscale print
/// keeps them apart too.
/// </summary>
internal static class KindStyles
{
    /// <summary>The style of <paramref name="kind"/>.</summary>
    public static SeriesStyle Of(NetworkKind kind) => kind switch
    {
        NetworkKind.Adaptive => new(Color.FromHex("#0072B2"), LinePattern.Solid, MarkerShape.FilledCircle),
        NetworkKind.Static => new(Color.FromHex("#D55E00"), LinePattern.Solid, MarkerShape.FilledSquare),
        NetworkKind.Dense => new(Color.FromHex("#009E73"), LinePattern.Dashed, MarkerShape.FilledTriangleUp),
        NetworkKind.DenseEqualLinks => new(Color.FromHex("#E69F00"), LinePattern.Dotted, MarkerShape.FilledTriangleDown),
        NetworkKind.SetReference => new(Color.FromHex("#CC79A7"), LinePattern.Solid, MarkerShape.FilledDiamond),
        NetworkKind.ConfigurationModel => new(Color.FromHex("#56B4E9"), LinePattern.Solid, MarkerShape.OpenCircle),
        NetworkKind.FreshWeights => new(Color.FromHex("#555555"), LinePattern.Solid, MarkerShape.OpenSquare),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A kind without a chart style."),
    };
}
