using ScottPlot;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// Frames a panel's y axis on its data, so that curves that differ by a point are not squeezed against a zero they never
/// approach; accuracies that fall towards chance keep the whole 0–100% axis with the chance level drawn.
/// </summary>
internal static class AxisFrame
{
    /// <summary>Accuracy of a 10-class guess, in percent.</summary>
    public const double ChancePercent = 10;

    // An accuracy that comes this close to chance spans the whole scale.
    private const double NearChancePercent = 30;

    // A percent axis spans at least this many points, so that a share that stays at 99.9% does not fill the panel with noise.
    private const double PercentSpan = 5;

    /// <summary>
    /// Frames the y axis on the curves' means and their bands (a band reaching at most the means' own span beyond them:
    /// with few seeds a t band can be far wider than the differences between curves), widened to take in
    /// <paramref name="references"/>; for measures without a natural scale (coefficients of variation).
    /// </summary>
    public static void OnData(Plot plot, IEnumerable<Curve> curves, params double[] references) =>
        Frame(plot, curves, 0, double.PositiveInfinity, 0, references);

    /// <summary>Frames a percent axis as <see cref="OnData"/> does, within [0, 100] and at least five points high.</summary>
    public static void Percent(Plot plot, IEnumerable<Curve> curves, params double[] references) =>
        Frame(plot, curves, 0, 100, PercentSpan, references);

    /// <summary>
    /// Frames an accuracy axis (percent): 0–100% with the chance level where some curve falls near chance (a
    /// perturbation's whole range), otherwise on the data. True when the chance level is drawn.
    /// </summary>
    public static bool Accuracy(Plot plot, IReadOnlyCollection<Curve> curves)
    {
        if (curves.Any(c => c.Points.Any(p => p.Y.Mean <= NearChancePercent)))
        {
            ReferenceLine.Draw(plot, ChancePercent);
            plot.Axes.SetLimitsY(0, 100);
            return true;
        }
        Percent(plot, curves);
        return false;
    }

    /// <summary>The legend entry of the chance line <see cref="Accuracy"/> draws.</summary>
    public static LegendItem ChanceLegend() => ReferenceLine.LegendItem("chance (10 classes)");

    private static void Frame(Plot plot, IEnumerable<Curve> curves, double floor, double ceiling, double span, double[] references)
    {
        var points = curves.SelectMany(c => c.Points.Select(p => p.Y)).ToArray();
        double[] values = points.Select(y => y.Mean).Concat(references).Where(double.IsFinite).ToArray();
        double low = values.Min(), high = values.Max();
        // The bands are taken in, so none is cut by the frame, but each side reaches at most one span of the means
        // beyond them: a wide band from few seeds cannot squeeze the curves.
        double reach = high - low;
        low = Math.Min(low, Math.Max(low - reach, points.Select(y => y.Low).Where(double.IsFinite).DefaultIfEmpty(low).Min()));
        high = Math.Max(high, Math.Min(high + reach, points.Select(y => y.High).Where(double.IsFinite).DefaultIfEmpty(high).Max()));
        double margin = Math.Max(0.08 * (high - low), 0.01 * Math.Max(Math.Abs(high), 1));
        low = Math.Max(floor, low - margin);
        high = Math.Min(ceiling, high + margin);
        // Too narrow: widened away from the bound it is nearer.
        double missing = span - (high - low);
        if (missing > 0)
        {
            (low, high) = ceiling - high < low - floor ? (Math.Max(floor, low - missing), high) : (low, Math.Min(ceiling, high + missing));
        }
        // A hair beyond a bound, so that a curve lying on it (a share at 100%) is not hidden by the frame.
        double pad = 0.01 * (high - low);
        plot.Axes.SetLimitsY(low - (low == floor ? pad : 0), high + (high == ceiling ? pad : 0));
    }
}
