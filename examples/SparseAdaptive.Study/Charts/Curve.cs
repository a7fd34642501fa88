namespace SparseAdaptive.Study.Charts;

/// <summary>One series of a chart: means over the training seeds with their 95% intervals, at increasing x.</summary>
/// <param name="Label">Its legend text.</param>
/// <param name="Style">How it is drawn.</param>
/// <param name="Points">The measured points, already in the chart's units.</param>
internal sealed record Curve(string Label, SeriesStyle Style, IReadOnlyList<(double X, ConfidenceInterval Y)> Points)
{
    /// <summary>
    /// A marker on every this many points (and the last): 1 marks every measured point; per-epoch curves mark fewer, so
    /// that their markers name the series without hiding the line.
    /// </summary>
    public int MarkerEvery { get; init; } = 1;

    /// <summary>A per-epoch series (epochs from 1) with about ten markers.</summary>
    public static Curve PerEpoch(string label, SeriesStyle style, IReadOnlyList<ConfidenceInterval> perEpoch, double scale, bool bounded = true) =>
        new(label, style, perEpoch.Select((y, i) => ((double)i + 1, Scaled(y, scale, bounded))).ToArray())
        {
            MarkerEvery = Math.Max(1, (int)Math.Ceiling(perEpoch.Count / 10.0)),
        };

    /// <summary>
    /// <paramref name="y"/> times <paramref name="scale"/> (100 for percent); a bounded measure (a share or accuracy)
    /// has its band cut to [0, scale], and a single seed, whose interval is unbounded, gets no band.
    /// </summary>
    public static ConfidenceInterval Scaled(ConfidenceInterval y, double scale, bool bounded = true)
    {
        double top = bounded ? scale : double.PositiveInfinity;
        return new(scale * y.Mean, double.IsFinite(y.Low) ? Math.Max(0, scale * y.Low) : scale * y.Mean,
            double.IsFinite(y.High) ? Math.Min(top, scale * y.High) : scale * y.Mean, y.Count);
    }
}
