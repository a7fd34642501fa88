using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Study;

/// <summary>One sparse layer after an epoch: link survival, and the spread of degrees and strengths over its neurons.</summary>
/// <param name="KeptFraction">Share of the layer's initial links still present.</param>
/// <param name="InDegreeCv">Coefficient of variation of the fan-in of the layer's neurons.</param>
/// <param name="InStrengthMean">Mean over the layer's neurons of the sum of |w| arriving at each.</param>
/// <param name="InStrengthCv">Coefficient of variation of that strength.</param>
/// <param name="OutDegreeCv">Coefficient of variation of the fan-out of the layer's inputs (pixels for layer 1).</param>
/// <param name="OutStrengthCv">Coefficient of variation of the sum of |w| leaving each input.</param>
internal sealed record LayerEpochTopology(double KeptFraction, double InDegreeCv, double InStrengthMean, double InStrengthCv, double OutDegreeCv,
    double OutStrengthCv)
{
    /// <summary>Measures <paramref name="layer"/> against its <paramref name="initial"/> state.</summary>
    public static LayerEpochTopology Of(SparseLayer layer, SparseLayer initial)
    {
        var strengths = NeuronStrengths.Of(layer);
        var inStrength = Spread(strengths.In);
        return new LayerEpochTopology(LinkTurnover.Between(initial, layer).KeptFraction,
            Spread(layer.GetInDegrees().Select(d => (double)d).ToArray()).Cv, inStrength.Mean, inStrength.Cv,
            Spread(layer.GetOutDegrees().Select(d => (double)d).ToArray()).Cv, Spread(strengths.Out).Cv);
    }

    // Population mean and coefficient of variation over the neurons (all of them: no sampling).
    private static (double Mean, double Cv) Spread(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        return (mean, mean == 0 ? 0 : sd / mean);
    }
}
