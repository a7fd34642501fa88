using System.Globalization;
using System.Text;
using SparseAdaptive.Study.Structure;
using static SparseAdaptive.Study.MarkdownText;

namespace SparseAdaptive.Study.Findings;

/// <summary>
/// The structure of the trained sparse networks: dead and isolated neurons, the degree distributions read by likelihood,
/// how strength follows degree, and whether the hubs form cores or clubs beyond what their degrees imply.
/// </summary>
internal static class StructureSection
{
    /// <summary>Writes the section.</summary>
    public static void Write(StringBuilder text, StudyResults results)
    {
        var kinds = results.Options.Kinds.Where(k => k.IsSparse()).ToArray();
        if (kinds.Length == 0)
        {
            return;
        }
        Line(text, "## Dead neurons, degree distributions and hubs");
        Line(text);
        Line(text, "Hidden layers numbered from 0 (layer 0 is fed by the pixels). Per trained network, then mean [95% CI] over training seeds. "
            + "*No fan-in*: neurons no link enters (their output is the constant ReLU(bias)); *no fan-out*: neurons whose output reaches nothing; "
            + "*effective width*: neurons on some pixel-to-class path.");
        Line(text);
        Line(text, "| Data set | Kind | Layer | No fan-in (%) | No fan-out (%) | Effective width | In–out degree correlation | s(k) exponent β | s(k) R² | Spearman ρ(k, s) |");
        Line(text, "|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (dataSet, kind, h, layers) in Layers(results, kinds))
        {
            // Undefined for some seed (the last hidden layer's out-degrees are all equal, the output layer being dense): "—".
            string Of(Func<LayerStructure, double> measure, double scale = 1, int decimals = 3) =>
                layers.Select(measure).ToArray() is var values && values.All(double.IsFinite) ? ConfidenceInterval.Of(values).Format(scale, decimals) : "—";
            Line(text, $"| {dataSet.Title()} | {kind.Name()} | {h} | {Of(l => (double)l.WithoutFanIn / l.Width, 100, 1)} | {Of(l => (double)l.WithoutFanOut / l.Width, 100, 1)} "
                + $"| {Of(l => l.EffectiveWidth, 1, 0)} | {Of(l => l.InOutCorrelation)} | {Of(l => l.StrengthByDegree.Exponent)} | {Of(l => l.StrengthByDegree.RSquared)} "
                + $"| {Of(l => l.StrengthByDegree.RankCorrelation)} |");
        }
        Line(text);
        Line(text, "Degree distributions fitted by maximum likelihood to the degrees k ≥ 1 (the k = 0 share apart): Poisson, binomial, negative binomial, "
            + "geometric (discrete exponential), lognormal and power law. *Best*: the family with the lowest AIC, with in how many seeds; *Vuong z*: the "
            + "best family against the power law and against the Poisson (positive: the best fits better; |z| > 1.96 is p < 0.05 for one network); "
            + "*tail*: a power law fitted from Clauset et al.'s k_min, its exponent α (mean over seeds).");
        Line(text);
        Line(text, "| Data set | Kind | Layer | Side | k = 0 (%) | Mean k | Best (seeds) | Vuong z vs power law | Vuong z vs Poisson | Tail α (k_min) |");
        Line(text, "|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (dataSet, kind, h, layers) in Layers(results, kinds))
        {
            foreach (var (side, fits) in new[] { ("in", layers.Select(l => l.InDegree).ToArray()), ("out", layers.Select(l => l.OutDegree).ToArray()) })
            {
                // A sample of one degree (the last hidden layer's out-degrees into a dense output layer) has no family to fit.
                var fitted = fits.Where(f => f.Models.Count > 0).ToArray();
                string best = fitted.Length == 0 ? $"none: every k = {fits[0].Max}"
                    : fitted.GroupBy(f => f.Best).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ({g.Count()}/{fits.Length})").First();
                Line(text, $"| {dataSet.Title()} | {kind.Name()} | {h} | {side} | {F(100 * fits.Average(f => f.ZeroShare), 1)} | {F(fits.Average(f => f.Mean), 1)} "
                    + $"| {best} | {F(MeanZ(fits, Analysis.DegreeModel.PowerLaw), 1)} | {F(MeanZ(fits, Analysis.DegreeModel.Poisson), 1)} "
                    + $"| {Tail(fits)} |");
            }
        }
        Line(text);
        Line(text, "Hubs beyond their degrees: the degeneracy (largest k with a non-empty k-core) and the rich-club ratio ρ(k) = φ(k) / φ_config(k), both "
            + "against configuration-model networks with the same per-layer degrees (ρ = 1: the degrees explain the club). ρ is the median over the "
            + "upper half of the degrees k at which it is defined. Mean over seeds.");
        Line(text);
        Line(text, "| Data set | Kind | Degeneracy | Degeneracy, configuration model | Rich-club ratio ρ (upper half of k) |");
        Line(text, "|---|---|---|---|---|");
        foreach (var dataSet in results.Options.DataSets)
        {
            foreach (var kind in kinds)
            {
                var structures = results.RunsOf(dataSet, kind).Select(r => r.Measurement!.Structure!).ToArray();
                Line(text, $"| {dataSet.Title()} | {kind.Name()} | {F(structures.Average(s => Degeneracy(s.CoreSizes.Observed)), 1)} "
                    + $"| {F(structures.Average(s => Degeneracy(s.CoreSizes.NullMean)), 1)} | {F(structures.Average(s => UpperRatio(s.RichClub)), 3)} |");
            }
        }
        Line(text);
    }

    // Each data set, kind and hidden layer, with that layer's structure in every seed's network.
    private static IEnumerable<(DataSetName DataSet, NetworkKind Kind, int Layer, LayerStructure[] Seeds)> Layers(StudyResults results, IEnumerable<NetworkKind> kinds) =>
        from dataSet in results.Options.DataSets
        from kind in kinds
        let runs = results.RunsOf(dataSet, kind)
        from h in Enumerable.Range(0, runs[0].Measurement!.Structure!.Layers.Count)
        select (dataSet, kind, h, runs.Select(r => r.Measurement!.Structure!.Layers[h]).ToArray());

    /// <summary>Largest k whose k-core is not empty, from core sizes by k.</summary>
    public static int Degeneracy(IReadOnlyList<double> coreSizes) => Enumerable.Range(0, coreSizes.Count).LastOrDefault(k => coreSizes[k] > 0);

    /// <summary>Median of the finite rich-club ratios over the upper half of the k at which the observed coefficient is defined.</summary>
    public static double UpperRatio(NullComparison richClub)
    {
        var defined = Enumerable.Range(0, richClub.Ratio.Count).Where(k => double.IsFinite(richClub.Observed[k]) && double.IsFinite(richClub.Ratio[k])).ToArray();
        var upper = defined.Skip(defined.Length / 2).Select(k => richClub.Ratio[k]).Order().ToArray();
        return upper.Length == 0 ? double.NaN : upper[upper.Length / 2];
    }

    private static double MeanZ(IEnumerable<DegreeDistributionFit> fits, Analysis.DegreeModel against) =>
        fits.Select(f => f.Models.FirstOrDefault(m => m.Model == against)?.VuongAgainstBest).OfType<double>().DefaultIfEmpty(double.NaN).Average();

    private static string Tail(IReadOnlyList<DegreeDistributionFit> fits)
    {
        var tails = fits.Where(f => f.TailMinDegree > 0).ToArray();
        return tails.Length == 0 ? "none" : $"{F(tails.Average(f => f.TailExponent), 2)} ({F(tails.Average(f => f.TailMinDegree), 0)})";
    }

    private static string F(double value, int decimals) => double.IsNaN(value) ? "—" : value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
