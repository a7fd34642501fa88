namespace SparseAdaptive.Study;

/// <summary>Writes the study's CSV files. All but <c>timings.csv</c> depend only on the options and seeds.</summary>
internal static class ReportCsvWriter
{
    /// <summary>The files written, in the order the report lists them, with what each holds.</summary>
    public static readonly (string File, string Contents)[] Files =
    [
        ("accuracy.csv", "clean test accuracy per data set and kind, mean and sd over seeds"),
        ("robustness.csv", "accuracy, macro accuracy and log-loss at each perturbation strength per data set and kind, mean and sd over seeds"),
        ("runs.csv", "one row per trained network: links and clean accuracy"),
        ("robustness-runs.csv", "the same metrics for every trained network (means over the sweep seeds), with the perturbed networks' structure: "
            + "share of inputs reaching an output, share of hidden neurons on an input-to-output path, mean hidden degree, links"),
        ("pgd-check.csv", "training seed 0: accuracy under the study's PGD and the stronger PGD on the same images, per ε"),
        ("transfer.csv", "accuracy of each network under PGD examples crafted on another kind's network of the same seed, per ε"),
        ("probes.csv", "per probed epoch of every sparse run: clean accuracy, accuracy after random link removal and under PGD"),
        ("epochs.csv", "per epoch of every run: learning rate, loss, training accuracy, validation accuracy (before rewiring), links rewired"),
        ("epoch-topology.csv", "per epoch of every sparse run and layer: near-blank share of layer-0 links, initial links kept, CV of degrees and strengths"),
        ("topology.csv", "degree statistics of each sparse layer before and after training, for fan-in and fan-out"),
        ("degree-histograms.csv", "number of neurons of each degree, per layer, side and stage"),
        ("pixel-links.csv", "links leaving each input pixel before and after training"),
        ("link-turnover.csv", "per sparse layer, links kept, removed and added between the initial and trained network"),
        ("timings.csv", "seconds spent training, sweeping and scoring transfer attacks per run (the only file that changes between identical runs)"),
    ];

    /// <summary>Writes every file of <see cref="Files"/> into <paramref name="directory"/>.</summary>
    public static void Write(StudyResults results, string directory)
    {
        Summaries(results, directory);
        PerRun(results, directory);
        Topology(results, directory);
    }

    private static void Summaries(StudyResults results, string directory)
    {
        var accuracy = new CsvTable("dataset", "kind", "seeds", "accuracy_mean", "accuracy_sd");
        var robustness = new CsvTable("dataset", "kind", "perturbation", "strength_name", "strength", "seeds",
            "accuracy_mean", "accuracy_sd", "macro_accuracy_mean", "macro_accuracy_sd", "log_loss_mean", "log_loss_sd");
        foreach (var dataSet in results.Options.DataSets)
        {
            foreach (var kind in results.Options.Kinds)
            {
                var clean = results.CleanAccuracy(dataSet, kind);
                accuracy.Add(dataSet.Name(), kind.Name(), clean.Count, clean.Mean, clean.StandardDeviation);
                foreach (var perturbation in results.Perturbations(dataSet))
                {
                    foreach (var level in results.Robustness(dataSet, kind, perturbation))
                    {
                        robustness.Add(dataSet.Name(), kind.Name(), perturbation, results.StrengthName(perturbation), level.Strength, level.MicroAccuracy.Count,
                            level.MicroAccuracy.Mean, level.MicroAccuracy.StandardDeviation, level.MacroAccuracy.Mean, level.MacroAccuracy.StandardDeviation,
                            level.LogLoss.Mean, level.LogLoss.StandardDeviation);
                    }
                }
            }
        }
        accuracy.Save(Path.Combine(directory, "accuracy.csv"));
        robustness.Save(Path.Combine(directory, "robustness.csv"));
    }

    private static void PerRun(StudyResults results, string directory)
    {
        var runs = new CsvTable("dataset", "kind", "seed", "epochs", "best_epoch", "links", "accuracy");
        var curves = new CsvTable("dataset", "kind", "seed", "perturbation", "strength", "sweep_seeds", "accuracy", "macro_accuracy", "log_loss",
            "input_reach_share", "hidden_on_path_share", "mean_hidden_degree", "links");
        var pgdCheck = new CsvTable("dataset", "kind", "seed", "attack", "epsilon", "accuracy");
        var transfer = new CsvTable("dataset", "source", "target", "seed", "epsilon", "accuracy");
        var probes = new CsvTable("dataset", "kind", "seed", "epoch", "clean_accuracy", "link_removal_accuracy", "pgd_accuracy");
        var epochs = new CsvTable("dataset", "kind", "seed", "epoch", "learning_rate", "loss", "train_accuracy", "validation_accuracy", "links_rewired");
        var timings = new CsvTable("dataset", "kind", "seed", "train_seconds", "sweep_seconds", "transfer_seconds");
        foreach (var run in results.Runs)
        {
            object[] key = [run.DataSet.Name(), run.Kind.Name(), run.Seed];
            runs.Add([.. key, run.Epochs.Count, run.BestEpoch, run.LinkCount, run.CleanAccuracy]);
            foreach (var sweep in run.Robustness)
            {
                foreach (var level in sweep.Levels)
                {
                    var structure = level.Structure!;
                    curves.Add([.. key, sweep.Name, level.Strength, level.SeedCount, level.MicroAccuracy.Mean, level.MacroAccuracy.Mean, level.LogLoss.Mean,
                        structure.InputReachShare.Mean, structure.HiddenOnPathShare.Mean, structure.MeanHiddenDegree.Mean, structure.LinkCount.Mean]);
                }
            }
            foreach (var sweep in run.PgdCheck)
            {
                foreach (var level in sweep.Levels)
                {
                    pgdCheck.Add([.. key, sweep.Name, level.Strength, level.MicroAccuracy.Mean]);
                }
            }
            foreach (var (source, sweep) in run.Transfer)
            {
                foreach (var level in sweep.Levels)
                {
                    transfer.Add(run.DataSet.Name(), source.Name(), run.Kind.Name(), run.Seed, level.Strength, level.MicroAccuracy.Mean);
                }
            }
            foreach (var probe in run.Probes)
            {
                probes.Add([.. key, probe.Epoch, probe.Clean, probe.LinkRemoval, probe.Pgd]);
            }
            foreach (var e in run.Epochs)
            {
                epochs.Add([.. key, e.Epoch, e.LearningRate, e.Loss, e.TrainAccuracy, e.ValidationAccuracy ?? double.NaN, e.LinksRewired]);
            }
            timings.Add([.. key, run.TrainSeconds, run.SweepSeconds, run.TransferSeconds]);
        }
        runs.Save(Path.Combine(directory, "runs.csv"));
        curves.Save(Path.Combine(directory, "robustness-runs.csv"));
        epochs.Save(Path.Combine(directory, "epochs.csv"));
        timings.Save(Path.Combine(directory, "timings.csv"));
        pgdCheck.Save(Path.Combine(directory, "pgd-check.csv"));
        transfer.Save(Path.Combine(directory, "transfer.csv"));
        probes.Save(Path.Combine(directory, "probes.csv"));
    }

    private static void Topology(StudyResults results, string directory)
    {
        var statistics = new CsvTable("dataset", "kind", "seed", "stage", "layer", "side", "neurons", "links", "min", "max", "mean", "sd", "cv", "isolated_fraction");
        var histograms = new CsvTable("dataset", "kind", "seed", "stage", "layer", "side", "degree", "neurons");
        var pixels = new CsvTable("dataset", "kind", "seed", "stage", "row", "column", "links");
        var turnover = new CsvTable("dataset", "kind", "seed", "layer", "kept", "removed", "added", "kept_fraction");
        var perEpoch = new CsvTable("dataset", "kind", "seed", "epoch", "layer", "near_blank_share", "kept_fraction", "in_degree_cv",
            "in_strength_mean", "in_strength_cv", "out_degree_cv", "out_strength_cv");
        foreach (var run in results.Runs.Where(r => r.Kind.IsSparse()))
        {
            foreach (var (stage, snapshot) in run.Snapshots)
            {
                object[] key = [run.DataSet.Name(), run.Kind.Name(), run.Seed, stage];
                foreach (var layer in snapshot.Layers)
                {
                    foreach (var (side, degrees, histogram) in TopologySnapshot.Sides(layer))
                    {
                        statistics.Add([.. key, layer.Index, side, degrees.NeuronCount, layer.LinkCount, degrees.Min, degrees.Max,
                            degrees.Mean, degrees.StandardDeviation, degrees.CoefficientOfVariation, degrees.IsolatedFraction]);
                        for (int degree = 0; degree < histogram.Count; degree++)
                        {
                            if (histogram[degree] > 0)
                            {
                                histograms.Add([.. key, layer.Index, side, degree, histogram[degree]]);
                            }
                        }
                    }
                }
                for (int row = 0; row < snapshot.PixelRows; row++)
                {
                    for (int column = 0; column < snapshot.PixelColumns; column++)
                    {
                        pixels.Add([.. key, row, column, snapshot.LinksAt(row, column)]);
                    }
                }
            }
            for (int e = 0; e < run.EpochTopology.Count; e++)
            {
                var epoch = run.EpochTopology[e];
                for (int l = 0; l < epoch.Layers.Count; l++)
                {
                    var layer = epoch.Layers[l];
                    perEpoch.Add(run.DataSet.Name(), run.Kind.Name(), run.Seed, e + 1, l, epoch.NearBlankShare, layer.KeptFraction, layer.InDegreeCv,
                        layer.InStrengthMean, layer.InStrengthCv, layer.OutDegreeCv, layer.OutStrengthCv);
                }
            }
            for (int l = 0; l < run.Turnover.Count; l++)
            {
                var t = run.Turnover[l];
                turnover.Add(run.DataSet.Name(), run.Kind.Name(), run.Seed, l, t.Kept, t.Removed, t.Added, t.KeptFraction);
            }
        }
        statistics.Save(Path.Combine(directory, "topology.csv"));
        histograms.Save(Path.Combine(directory, "degree-histograms.csv"));
        pixels.Save(Path.Combine(directory, "pixel-links.csv"));
        turnover.Save(Path.Combine(directory, "link-turnover.csv"));
        perEpoch.Save(Path.Combine(directory, "epoch-topology.csv"));
    }
}
