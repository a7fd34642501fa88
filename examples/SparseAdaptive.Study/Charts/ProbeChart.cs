namespace SparseAdaptive.Study.Charts;

/// <summary>The robustness probes of the sparse kinds during training: clean, after random link removal and under PGD, per probed epoch.</summary>
internal static class ProbeChart
{
    /// <summary>Draws the probes of <paramref name="kinds"/> on <paramref name="dataSet"/> into <paramref name="path"/>.</summary>
    public static void Write(string path, StudyResults results, DataSetName dataSet, IReadOnlyList<NetworkKind> kinds)
    {
        var o = results.Options;
        var panels = new (string Title, Func<ProbePoint, double> Measure)[]
        {
            ("Clean test images", p => p.Clean),
            ($"{100 * o.ProbeRemoval:F0}% of the hidden links removed at random", p => p.LinkRemoval),
            ($"PGD, ε = {o.ProbeEpsilon} (L∞, pixels on [0, 1])", p => p.Pgd),
        };
        var figure = new Figure($"{dataSet.Title()}: test accuracy during training, probed every {o.ProbeInterval} epochs and after the last "
            + "(mean and 95% CI over training seeds)", panels.Length, panels.Length, 620, 460);
        bool chance = false;
        foreach (var (panel, (title, measure)) in panels.Select((p, i) => (i, p)))
        {
            var curves = kinds.Select(kind => new Curve(kind.Name(), KindStyles.Of(kind),
                results.PerProbe(dataSet, kind, measure).Select(p => ((double)p.Epoch, Curve.Scaled(p.Value, 100))).ToArray())).ToArray();
            CurvePanel.Draw(figure[panel], title, "Epoch", "Test accuracy (%)", curves);
            CurvePanel.TicksAtMeasured(figure[panel], curves);
            chance |= AxisFrame.Accuracy(figure[panel], curves);
        }
        figure.Legend.AddRange(kinds.Select(k => KindStyles.Of(k).LegendItem(k.Name())));
        if (chance)
        {
            figure.Legend.Add(AxisFrame.ChanceLegend());
        }
        figure.Save(path);
    }
}
