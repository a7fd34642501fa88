using SparseAdaptive.Study.Findings;

namespace SparseAdaptive.Study.Charts;

/// <summary>
/// Neuron removals at equal damage: test accuracy against the share of the network's links gone with the removed
/// neurons (<see cref="LinkDamage"/>), one panel per kind, one curve per ranking, so that hubs that break a network
/// with few links gone stand apart from hubs that only take many links with them.
/// </summary>
internal static class DamageChart
{
    private const int Columns = 4;

    /// <summary>Draws the chart of <paramref name="dataSet"/> into <paramref name="path"/>; false (nothing drawn) when no kind went through two rankings.</summary>
    public static bool Write(string path, StudyResults results, DataSetName dataSet)
    {
        var panels = results.Options.Kinds
            .Select(kind => (Kind: kind, Rankings: RankingStyles.Rankings.Select((r, i) => (r.Removal, r.Label, Index: i))
                .Where(r => results.KindsWith(dataSet, r.Removal).Contains(kind)).ToArray()))
            .Where(p => p.Rankings.Length >= 2).ToArray();
        if (panels.Length == 0)
        {
            return false;
        }
        var figure = new Figure($"{dataSet.Title()}: neuron removal at equal damage, test accuracy against the share of the links removed with the "
            + "neurons (all hidden layers; mean and 95% CI over training seeds, x the mean over seeds)", panels.Length, Math.Min(Columns, panels.Length), 520, 420);
        var drawn = new SortedSet<int>();
        bool chance = false;
        foreach (var (panel, (kind, rankings)) in panels.Select((p, i) => (i, p)))
        {
            var runs = results.RunsOf(dataSet, kind);
            double largest = 0;
            var curves = rankings.Select(r =>
            {
                var removed = runs.Select(run => LinkDamage.Removed(run, r.Removal)).ToArray();
                var accuracy = runs.Select(run => StudyResults.Curve(run, r.Removal)).ToArray();
                double[] meanRemoved = removed[0].Select((_, level) => Math.Max(0, removed.Average(x => x[level]))).ToArray();
                largest = Math.Max(largest, meanRemoved[^1]);
                return new Curve(r.Label, RankingStyles.Of(r.Index), meanRemoved.Select((x, level) =>
                    (SquareRootAxis.Position(x), Curve.Scaled(ConfidenceInterval.Of(accuracy.Select(a => a[level].Accuracy)), 100))).ToArray());
            }).ToArray();
            drawn.UnionWith(rankings.Select(r => r.Index));
            CurvePanel.Draw(figure[panel], kind.Name(), "Share of the network's links removed (√ scale)", "Test accuracy (%)", curves);
            SquareRootAxis.Ticks(figure[panel], [0, largest]);
            chance |= AxisFrame.Accuracy(figure[panel], curves);
        }
        figure.Legend.AddRange(drawn.Select(i => RankingStyles.Of(i).LegendItem(RankingStyles.Rankings[i].Label)));
        if (chance)
        {
            figure.Legend.Add(AxisFrame.ChanceLegend());
        }
        figure.Save(path);
        return true;
    }
}
