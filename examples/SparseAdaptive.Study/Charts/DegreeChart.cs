using ScottPlot;
using SparseAdaptive.Analysis;
using SparseAdaptive.Study.Structure;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// The degree distributions of one sparse kind as complementary CDFs on log-log axes, pooled over seeds: a column per
/// layer, the in-degree of its neurons above and the out-degree of its inputs below. Measured degrees are points; lines
/// are the structure analysis's best family by AIC and its power law (both fitted from k = 1), and the Poisson of a
/// random graph of the same density. Each panel writes the k = 0 share, which log axes cannot show. A kind that rewires
/// shows its initial topology beside the trained one; one that does not has one topology throughout, drawn once.
/// </summary>
internal static class DegreeChart
{
    private static readonly SeriesStyle InitialStyle = new(Colors.Gray, LinePattern.Solid, MarkerShape.OpenCircle) { MarkerSize = 5 };
    private static readonly SeriesStyle BestFitStyle = new(Colors.Black, LinePattern.Solid, MarkerShape.None);
    private static readonly SeriesStyle PowerLawStyle = new(Colors.Black, SeriesStyle.DashDot, MarkerShape.None);
    private static readonly SeriesStyle PoissonStyle = new(Colors.Gray, LinePattern.Dotted, MarkerShape.None);

    /// <summary>Draws the degree distributions of <paramref name="runs"/>, the runs of <paramref name="kind"/> on <paramref name="dataSet"/>, into <paramref name="path"/>.</summary>
    public static void Write(string path, DataSetName dataSet, NetworkKind kind, IReadOnlyList<RunResult> runs)
    {
        int layers = runs[0].Final!.Layers.Count;
        bool rewires = kind.Rewires();
        var style = KindStyles.Of(kind) with { MarkerSize = 6 };
        string what = rewires ? "before and after training" : "of the topology it trains on (never rewired)";
        string seeds = runs.Count == 1 ? "1 seed" : $"{runs.Count} seeds";
        var figure = new Figure($"{dataSet.Title()} {kind.Name()}: degree distributions {what}, pooled over {seeds}", 2 * layers, layers, 560, 440);
        foreach (var (side, row) in new[] { "in", "out" }.Select((s, i) => (s, i)))
        {
            for (int layer = 0; layer < layers; layer++)
            {
                Panel(figure[row * layers + layer], runs, side, layer, rewires, style);
            }
        }
        if (rewires)
        {
            figure.Legend.Add(InitialStyle.LegendItem("initial (random graph)", line: false));
        }
        figure.Legend.Add(style.LegendItem(rewires ? $"{kind.Name()}, trained" : kind.Name(), line: false));
        figure.Legend.Add(BestFitStyle.LegendItem("best fit by AIC from k = 1 (family named in the panel)"));
        figure.Legend.Add(PowerLawStyle.LegendItem("power law fitted from k = 1"));
        figure.Legend.Add(PoissonStyle.LegendItem("Poisson of the same density (Erdős–Rényi)"));
        figure.Save(path);
    }

    // One layer's side: in-degree of its neurons, or out-degree of its inputs (the pixels for layer 0).
    private static void Panel(Plot plot, IReadOnlyList<RunResult> runs, string side, int layer, bool rewires, SeriesStyle style)
    {
        var trained = Pooled(runs, r => r.Final!, side, layer);
        var initial = rewires ? Pooled(runs, r => r.Initial!, side, layer) : null;
        bool pixels = side == "out" && layer == 0;
        string units = pixels ? "pixels" : "neurons";
        double floor = Math.Log10(1 / trained.Sum()) - 0.2;
        int largest = Math.Max(trained.Length, initial?.Length ?? 0) - 1;
        // From the smallest degree present to the largest: a denser layer whose degrees start at 60 wastes no decade.
        int smallest = Enumerable.Range(1, largest).FirstOrDefault(k => trained.ElementAtOrDefault(k) > 0 || initial?.ElementAtOrDefault(k) > 0, 1);
        double left = Math.Log10(smallest) - 0.08, right = Math.Log10(Math.Max(largest, smallest + 1)) + 0.08;
        int axisDegree = (int)Math.Ceiling(Math.Pow(10, right));

        var shape = runs[0].Final!.Layers[layer];
        Line(plot, PoissonStyle, PoissonCcdf(side == "in" ? shape.Density * shape.InputSize : shape.Density * shape.OutputSize, axisDegree), floor);
        var fits = runs.Select(r => Fitted(r, side, layer)).ToArray();
        string fitted = pixels ? "" : "\nno fit (too few distinct degrees)";
        if (fits.All(f => f is { Models.Count: > 0 }))
        {
            var best = fits[0]!.Models.Select(m => m.Model).MinBy(model => fits.Sum(f => f!.Models.Single(m => m.Model == model).Aic));
            Line(plot, BestFitStyle, ModelCcdf(fits!, best, axisDegree, Math.Pow(10, floor)), floor);
            if (best != DegreeModel.PowerLaw)
            {
                Line(plot, PowerLawStyle, ModelCcdf(fits!, DegreeModel.PowerLaw, axisDegree, Math.Pow(10, floor)), floor);
            }
            fitted = $"\nbest fit: {FittedDegreeCurve.Name(best)}";
        }
        if (initial is not null)
        {
            Points(plot, InitialStyle, initial);
        }
        Points(plot, style, trained);

        string zeros = $"k = 0: {ZeroPercent(trained)} of the {units}" + (initial is null ? "" : $" (initially {ZeroPercent(initial)})");
        var note = plot.Add.Annotation(zeros + fitted, Alignment.LowerLeft);
        note.LabelStyle = new LabelStyle { Text = zeros + fitted, FontSize = 13, BackgroundColor = Colors.White.WithAlpha(0.85), BorderColor = Colors.Gray };
        note.LabelStyle.Padding = 5;

        plot.Axes.SetLimits(left, right, floor, 0.1);
        LogAxes.Apply(plot);
        string degree = side == "in" ? "In-degree" : "Out-degree";
        string title = side == "in" ? $"Layer {layer}: in-degree of its neurons"
            : pixels ? "Layer 0: out-degree of its inputs, the pixels" : $"Layer {layer}: out-degree of layer {layer - 1}'s neurons";
        CurvePanel.Label(plot, title, $"{degree} k (links)", $"Share of the {units} with {degree.ToLowerInvariant()} ≥ k");
    }

    // Units of each degree, summed over the runs: the histogram of the pooled networks.
    private static double[] Pooled(IReadOnlyList<RunResult> runs, Func<RunResult, TopologySnapshot> stage, string side, int layer)
    {
        var histograms = runs.Select(r => TopologySnapshot.Sides(stage(r).Layers[layer]).Single(s => s.Side == side).Histogram).ToArray();
        var pooled = new double[histograms.Max(h => h.Count)];
        foreach (var histogram in histograms)
        {
            for (int k = 0; k < histogram.Count; k++)
            {
                pooled[k] += histogram[k];
            }
        }
        return pooled;
    }

    private static string ZeroPercent(double[] counts) => $"{100 * counts[0] / counts.Sum():F1}%";

    // The structure analysis's fit of the degrees a panel shows; none for the pixels, which it does not fit.
    private static DegreeDistributionFit? Fitted(RunResult run, string side, int layer)
    {
        var layers = run.Measurement?.Structure?.Layers;
        return layers is null ? null : side == "in" ? layers[layer].InDegree : layer == 0 ? null : layers[layer - 1].OutDegree;
    }

    // P(K ≥ k) from k = 1 of the runs pooled: each run's fit from k = 1 weighted by its share of k ≥ 1, averaged (every
    // run has the same number of neurons).
    private static double[] ModelCcdf(DegreeDistributionFit[] fits, DegreeModel model, int maxDegree, double smallest)
    {
        var ccdf = new double[maxDegree];
        foreach (var fit in fits)
        {
            var curve = FittedDegreeCurve.Ccdf(fit.Models.Single(m => m.Model == model), maxDegree, smallest);
            for (int i = 0; i < curve.Count; i++)
            {
                ccdf[i] += (1 - fit.ZeroShare) * curve[i] / fits.Length;
            }
        }
        return ccdf;
    }

    // P(K ≥ k) from k = 1 of a Poisson distribution of mean λ.
    private static double[] PoissonCcdf(double mean, int maxDegree)
    {
        var ccdf = new double[maxDegree];
        double term = Math.Exp(-mean), above = 1 - term;
        for (int k = 1; k <= maxDegree; k++)
        {
            ccdf[k - 1] = above;
            term *= mean / k;
            above -= term;
        }
        return ccdf;
    }

    // A model's P(K ≥ k), k = 1 at index 0, as a line down to the axis floor.
    private static void Line(Plot plot, SeriesStyle style, double[] ccdf, double floor)
    {
        int[] shown = Enumerable.Range(0, ccdf.Length).Where(i => ccdf[i] > 0 && Math.Log10(ccdf[i]) >= floor).ToArray();
        style.Apply(plot.Add.ScatterLine(shown.Select(i => Math.Log10(i + 1)).ToArray(), shown.Select(i => Math.Log10(ccdf[i])).ToArray()));
    }

    // Measured P(K ≥ k) at every degree k ≥ 1 that some unit has (between them the CCDF is flat: no point).
    private static void Points(Plot plot, SeriesStyle style, double[] counts)
    {
        double total = counts.Sum(), above = total - counts[0];
        var xs = new List<double>();
        var ys = new List<double>();
        for (int k = 1; k < counts.Length; k++)
        {
            if (counts[k] > 0)
            {
                xs.Add(Math.Log10(k));
                ys.Add(Math.Log10(above / total));
            }
            above -= counts[k];
        }
        style.Apply(plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray()), line: false);
    }
}
