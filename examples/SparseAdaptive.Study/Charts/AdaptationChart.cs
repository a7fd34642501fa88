namespace SparseAdaptive.Study.Charts;

/// <summary>
/// How the sparse topology adapts, per epoch: the layer-0 links leaving near-blank pixels, the spread of the pixels'
/// out-degree and out-strength, and (for the kinds that rewire) the share of each layer's initial links still present.
/// One measure a panel, so that line styles mean kinds only.
/// </summary>
internal static class AdaptationChart
{
    /// <summary>Draws the adaptation of <paramref name="kinds"/> on <paramref name="dataSet"/> into <paramref name="path"/>.</summary>
    public static void Write(string path, StudyResults results, DataSetName dataSet, IReadOnlyList<NetworkKind> kinds)
    {
        var rewiring = kinds.Where(k => k.Rewires()).ToArray();
        int layers = results.RunsOf(dataSet, kinds[0])[0].EpochTopology[0].Layers.Count;
        var figure = new Figure($"{dataSet.Title()}: how the sparse topology adapts, after each epoch (mean and 95% CI over training seeds)",
            rewiring.Length == 0 ? 3 : 3 + layers, 3, 620, 430);

        Curve[] Curves(IEnumerable<NetworkKind> of, Func<EpochTopology, double> measure, double scale, bool bounded = true) =>
            of.Select(k => Curve.PerEpoch(k.Name(), KindStyles.Of(k), results.PerEpochTopology(dataSet, k, measure), scale, bounded)).ToArray();

        double uniform = 100 * results.NearBlankUniformShare(dataSet);
        var blank = Curves(kinds, t => t.NearBlankShare, 100);
        CurvePanel.Draw(figure[0], "Layer-0 links leaving near-blank pixels", "Epoch", "Share of layer 0's links (%)", blank);
        ReferenceLine.Draw(figure[0], uniform);
        AxisFrame.Percent(figure[0], blank, uniform);

        var spreads = new (string Title, Func<EpochTopology, double> Measure)[]
        {
            ("Spread of the pixels' out-degree", t => t.Layers[0].OutDegreeCv),
            ("Spread of the pixels' out-strength (Σ|w|)", t => t.Layers[0].OutStrengthCv),
        };
        foreach (var (panel, (title, measure)) in spreads.Select((s, i) => (i + 1, s)))
        {
            var curves = Curves(kinds, measure, 1, bounded: false);
            CurvePanel.Draw(figure[panel], title, "Epoch", "Coefficient of variation (sd / mean)", curves);
            AxisFrame.OnData(figure[panel], curves);
        }

        // The kinds that never rewire keep all their initial links: 100% throughout, nothing to draw.
        for (int l = 0; l < layers && rewiring.Length > 0; l++)
        {
            int layer = l;
            var kept = Curves(rewiring, t => t.Layers[layer].KeptFraction, 100);
            CurvePanel.Draw(figure[3 + l], $"Layer {l}: initial links still present", "Epoch", $"Share of layer {l}'s initial links (%)", kept);
            AxisFrame.Percent(figure[3 + l], kept);
        }
        foreach (var panel in figure.Panels)
        {
            CurvePanel.IntegerTicksX(panel);
        }

        figure.Legend.AddRange(kinds.Select(k => KindStyles.Of(k).LegendItem(k.Name())));
        figure.Legend.Add(ReferenceLine.LegendItem($"near-blank pixels' share of all pixels ({uniform:F1}%)"));
        figure.Save(path);
    }
}
