using SparseAdaptive.Study.Structure;

namespace SparseAdaptive.Study.Findings;

/// <summary>Writes the CSV files behind the findings sections: every test of the family, the critical fractions, the structure and the sensitivity of every run.</summary>
internal static class FindingsCsvWriter
{
    /// <summary>The files written, with what each holds.</summary>
    public static readonly (string File, string Contents)[] Files =
    [
        ("comparisons.csv", "every test of the corrected family: data set, sweep point, measure, contrast, paired seeds, mean difference, 95% CI, p, Holm-adjusted p, rejected"),
        ("critical-fractions.csv", "per run and neuron removal (every ranking and scope): functional critical fraction, the share of the links removed there, structural critical fraction (empty when the curve never halves)"),
        ("structure.csv", "per sparse run (the sweep points' too, named in the variant column) and hidden layer: width, neurons without fan-in or fan-out, effective width, in–out degree correlation, s(k) fit, Spearman ρ"),
        ("degree-fits.csv", "per sparse run, hidden layer, side and family: k = 0 share, parameters, log-likelihood, AIC, Vuong z and p against the best family, tail fit"),
        ("null-comparisons.csv", "per sparse run and k: k-core size and rich-club coefficient, their configuration-model means and ratios"),
        ("sensitivity.csv", "per run: percentiles 1–99 of the logit margin and of the input-gradient L1 norm on the clean swept images"),
        ("variants.csv", "per run of the sparsity and ζ sweeps: clean accuracy and the headline curve areas"),
    ];

    /// <summary>Writes every file of <see cref="Files"/> into <paramref name="directory"/>.</summary>
    public static void Write(StudyResults results, ComparisonFamily family, string directory)
    {
        var comparisons = new CsvTable("dataset", "variant", "measure", "first", "second", "pairs", "mean", "low", "high", "p", "p_holm", "rejected");
        foreach (var c in family.All)
        {
            comparisons.Add(c.DataSet.Name(), c.Variant?.Name ?? "", c.Measure.Name, c.Contrast.First.Name(), c.Contrast.Second.Name(), c.Difference.Count,
                c.Difference.Mean, c.Difference.Low, c.Difference.High, c.Decision.PValue, c.Decision.AdjustedPValue, c.Decision.Rejected);
        }
        comparisons.Save(Path.Combine(directory, "comparisons.csv"));

        var fractions = new CsvTable("dataset", "kind", "seed", "removal", "functional_fc", "links_removed_at_functional_fc", "structural_fc");
        var structure = new CsvTable("dataset", "kind", "variant", "seed", "layer", "width", "without_fan_in", "without_fan_out", "effective_width", "in_out_correlation",
            "strength_exponent", "strength_prefactor", "strength_r2", "degree_strength_spearman");
        var fits = new CsvTable("dataset", "kind", "seed", "layer", "side", "zero_share", "mean", "max", "model", "parameters", "log_likelihood", "aic",
            "vuong_z_best_vs_this", "vuong_p", "best", "tail_min_degree", "tail_exponent", "tail_ks_distance");
        var nulls = new CsvTable("dataset", "kind", "seed", "measure", "k", "observed", "null_mean", "ratio");
        var sensitivity = new CsvTable("dataset", "kind", "seed", "measure", "percentile", "value");
        foreach (var run in results.Runs)
        {
            object[] key = [run.DataSet.Name(), run.Kind.Name(), run.Seed];
            foreach (var sweep in run.Robustness.Where(s => s.Name.StartsWith("neuron removal", StringComparison.Ordinal)))
            {
                double? functional = TargetedSection.Of(run, sweep.Name, false);
                fractions.Add([.. key, sweep.Name, Empty(functional), Empty(functional is double fc ? LinkDamage.At(run, sweep.Name, fc) : null),
                    Empty(TargetedSection.Of(run, sweep.Name, true))]);
            }
            var measured = run.Measurement!;
            for (int p = 0; p < measured.Sensitivity.MarginPercentiles.Count; p++)
            {
                sensitivity.Add([.. key, "logit margin", p + 1, measured.Sensitivity.MarginPercentiles[p]]);
                sensitivity.Add([.. key, "input-gradient L1 norm", p + 1, measured.Sensitivity.GradientPercentiles[p]]);
            }
            if (measured.Structure is not { } s)
            {
                continue;
            }
            AddStructure(structure, run, s);
            foreach (var layer in s.Layers)
            {
                foreach (var (side, fit) in new[] { ("in", layer.InDegree), ("out", layer.OutDegree) })
                {
                    foreach (var model in fit.Models)
                    {
                        fits.Add([.. key, layer.Layer, side, fit.ZeroShare, fit.Mean, fit.Max, model.Model, string.Join(" ", model.Parameters), model.LogLikelihood,
                            model.Aic, model.VuongAgainstBest, model.VuongPValue, fit.Best, fit.TailMinDegree, fit.TailExponent, fit.TailDistance]);
                    }
                }
            }
            foreach (var (name, comparison) in new[] { ("k-core size", s.CoreSizes), ("rich-club coefficient", s.RichClub) })
            {
                for (int k = 0; k < comparison.Observed.Count; k++)
                {
                    nulls.Add([.. key, name, k, comparison.Observed[k], comparison.NullMean[k], comparison.Ratio[k]]);
                }
            }
        }
        fractions.Save(Path.Combine(directory, "critical-fractions.csv"));
        fits.Save(Path.Combine(directory, "degree-fits.csv"));
        nulls.Save(Path.Combine(directory, "null-comparisons.csv"));
        sensitivity.Save(Path.Combine(directory, "sensitivity.csv"));

        var variants = new CsvTable(["dataset", "kind", "variant", "seed", .. ComparisonFamily.Headline.Select(m => m.Name)]);
        foreach (var run in results.VariantRuns)
        {
            if (run.Measurement?.Structure is { } s)
            {
                AddStructure(structure, run, s);
            }
            variants.Add([run.DataSet.Name(), run.Kind.Name(), run.Variant!.Name, run.Seed, .. ComparisonFamily.Headline.Select(m => (object)(m.Value(run) ?? double.NaN))]);
        }
        variants.Save(Path.Combine(directory, "variants.csv"));
        structure.Save(Path.Combine(directory, "structure.csv"));
    }

    private static void AddStructure(CsvTable structure, RunResult run, NetworkStructure s)
    {
        foreach (var layer in s.Layers)
        {
            structure.Add(run.DataSet.Name(), run.Kind.Name(), run.Variant?.Name ?? "", run.Seed, layer.Layer, layer.Width, layer.WithoutFanIn, layer.WithoutFanOut,
                layer.EffectiveWidth, layer.InOutCorrelation, layer.StrengthByDegree.Exponent, layer.StrengthByDegree.Prefactor, layer.StrengthByDegree.RSquared,
                layer.StrengthByDegree.RankCorrelation);
        }
    }

    private static object Empty(double? value) => value is double v ? v : "";
}
