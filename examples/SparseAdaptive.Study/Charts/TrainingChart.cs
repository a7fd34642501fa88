namespace SparseAdaptive.Study.Charts;

/// <summary>Validation accuracy after each epoch, every kind in one panel.</summary>
internal static class TrainingChart
{
    /// <summary>Draws the training curves of every kind on <paramref name="dataSet"/> into <paramref name="path"/>.</summary>
    public static void Write(string path, StudyResults results, DataSetName dataSet)
    {
        var curves = results.Options.Kinds.Select(kind => Curve.PerEpoch(kind.Name(), KindStyles.Of(kind),
            results.PerEpoch(dataSet, kind, e => e.ValidationAccuracy ?? double.NaN), 100)).ToArray();
        var figure = new Figure($"{dataSet.Title()}: validation accuracy per epoch (mean and 95% CI over training seeds)", 1, 1, 1000, 520);
        CurvePanel.Draw(figure[0], "", "Epoch", "Validation accuracy (%)", curves);
        CurvePanel.IntegerTicksX(figure[0]);
        AxisFrame.Percent(figure[0], curves);
        figure.Legend.AddRange(curves.Select(c => c.Style.LegendItem(c.Label)));
        figure.Save(path);
    }
}
