// Trains the reference sparse network on MNIST through ML.NET (or loads a saved model), then measures how its
// accuracy falls under random link removal, link weight shuffling and input attacks (FGSM and PGD, with Gaussian
// noise as the control). Writes a CSV of per-strength means, a CSV of per-seed runs and PNG/SVG plots per sweep.
using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.SparseAdaptive.Model;
using Microsoft.ML.SparseAdaptive.Plotting;
using SparseAdaptive.Data;
using SparseAdaptive.Robustness;

var dataOption = new Option<DirectoryInfo>("--data")
{
    Description = "Directory holding the four MNIST IDX files (default: $SPARSEADAPTIVE_DATA/mnist or ~/.cache/sparseadaptive/data/mnist).",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Environment.GetEnvironmentVariable("SPARSEADAPTIVE_DATA")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sparseadaptive", "data"), "mnist")),
};
var outputOption = new Option<DirectoryInfo>("--output")
{
    Description = "Directory the CSV files and plots are written to (created if missing).",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "robustness")),
};
var modelOption = new Option<FileInfo?>("--model") { Description = "Load this saved model (.zip) instead of training one, e.g. the main example's --save output." };
var epochsOption = new Option<int>("--epochs") { Description = "Training epochs of the reference network.", DefaultValueFactory = _ => 20 };
var seedsOption = new Option<int>("--seeds") { Description = "Seeds per perturbation strength.", DefaultValueFactory = _ => 5 };

var command = new RootCommand("Robustness sweeps of a sparse adaptive network on MNIST.")
{
    dataOption, outputOption, modelOption, epochsOption, seedsOption,
};
command.SetAction(parsed =>
{
    int epochs = parsed.GetValue(epochsOption);
    int seedCount = parsed.GetValue(seedsOption);
    if (epochs <= 0 || seedCount <= 0)
    {
        Console.Error.WriteLine($"--epochs and --seeds must be positive; got {epochs} and {seedCount}.");
        return 2;
    }
    var ml = new MLContext(seed: 1);
    var output = parsed.GetRequiredValue(outputOption);
    var modelFile = parsed.GetValue(modelOption);
    if (modelFile is { Exists: false })
    {
        Console.Error.WriteLine($"{modelOption.Name}: {modelFile.FullName} does not exist.");
        return 3;
    }
    // Every input and the output directory are checked before the training, so that a typo does not cost a training.
    try
    {
        output.Create();
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"{outputOption.Name}: cannot create {output.FullName}: {e.Message}");
        return 3;
    }
    string data = parsed.GetRequiredValue(dataOption).FullName;
    IDataView rawTest;
    IDataView? train = null;
    try
    {
        rawTest = ml.Data.LoadFromIdx(data, IdxSplit.Test);
        if (modelFile is null)
        {
            train = ml.Data.LoadFromIdx(data, IdxSplit.Train);
        }
    }
    catch (IOException e)
    {
        Console.Error.WriteLine($"{dataOption.Name}: {e.Message}");
        return 3;
    }
    var model = train is null ? ml.Model.LoadSparseAdaptive(modelFile!.FullName, out _) : Train(ml, train, epochs, output);
    // Raw rows: the model, its perturbations, the attacks and the sweeps map the labels to keys as the model does.
    var test = ml.Data.Cache(rawTest);
    Console.WriteLine($"Clean test accuracy: {ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy:P2}");

    int[] seeds = Enumerable.Range(1, seedCount).ToArray();
    double[] removal = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    double[] shuffling = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    double[] epsilons = [0, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3];
    Report(ml, model, test, output, "link-removal", "Random link removal (hidden layers), MNIST test set",
        RobustnessSweep.LinkRemoval(removal, seeds));
    Report(ml, model, test, output, "link-weight-shuffling", "Link weight shuffling, across each layer and within each neuron (hidden layers), MNIST test set",
        RobustnessSweep.LinkWeightShuffle(shuffling, seeds),
        new RobustnessSweep("within-neuron weight shuffling", "fraction of links", f => new WithinNeuronWeightShuffle(f), shuffling, seeds));
    // FGSM has no randomness: one seed.
    Report(ml, model, test, output, "input-attacks", "Input perturbations (L∞ ε; Gaussian σ as control), MNIST test set",
        RobustnessSweep.Fgsm(epsilons, [1]),
        RobustnessSweep.Pgd(epsilons, seeds, iterations: 10),
        RobustnessSweep.GaussianNoise(epsilons, seeds));

    // The same attack as a pipeline transform, row by row: it matches the sweep's FGSM ε = 0.1 point. Appended to a
    // model with 30% of its hidden links removed, it measures both kinds of damage at once.
    var clock = Stopwatch.StartNew();
    var attack = ml.Transforms.Fgsm(model, 0.1f).Fit(test);
    var metrics = ml.MulticlassClassification.Evaluate(attack.Append(model).Transform(test));
    Console.WriteLine($"FGSM ε = 0.1 as an ML.NET transform: accuracy {metrics.MicroAccuracy:P2} ({clock.Elapsed.TotalSeconds:F1} s, row by row)");
    var damaged = ml.Transforms.RemoveLinks(model, fraction: 0.3, seed: 1).Fit(test);
    var both = ml.MulticlassClassification.Evaluate(attack.Append(damaged).Transform(test));
    Console.WriteLine($"FGSM ε = 0.1 on the model with 30% of its hidden links removed: accuracy {both.MicroAccuracy:P2}");
    Console.WriteLine($"Results in {output.FullName}");
    return 0;
});
return command.Parse(args).Invoke();

static ITransformer Train(MLContext ml, IDataView train, int epochs, DirectoryInfo output)
{
    var options = new SparseAdaptiveTrainer.Options
    {
        NumberOfEpochs = epochs,
        EpochCompleted = e => Console.WriteLine($"  epoch {e.Epoch,3}/{e.Epochs}: loss {e.Loss:F4}, train accuracy {e.TrainAccuracy:P2}, {e.Seconds:F2} s"),
    };
    Console.WriteLine($"Training 784-{string.Join('-', options.HiddenLayerSizes)}-10 ({options.Sparsity:P0} sparse hidden layers), {epochs} epochs.");
    var model = ml.Transforms.Conversion.MapValueToKey("Label")
        .Append(ml.MulticlassClassification.Trainers.SparseAdaptive(options))
        .Fit(train);
    ml.Model.SaveAtomically(model, train.Schema, Path.Combine(output.FullName, "model.zip"));
    return model;
}

static void Report(MLContext ml, ITransformer model, IDataView test, DirectoryInfo output, string name, string title, params RobustnessSweep[] sweeps)
{
    var results = sweeps.Select(sweep =>
    {
        var clock = Stopwatch.StartNew();
        var result = ml.MulticlassClassification.EvaluateRobustness(model, test, sweep);
        Console.WriteLine($"{result.Name} ({sweep.Strengths.Count} strengths × {sweep.Seeds.Count} seeds, {clock.Elapsed.TotalSeconds:F1} s): "
            + string.Join(", ", result.Levels.Select(l => $"{l.Strength:0.###} → {l.MicroAccuracy.Mean:P1}")));
        return result;
    }).ToArray();
    SweepCsvWriter.WriteLevels(Path.Combine(output.FullName, $"{name}.csv"), results);
    SweepCsvWriter.WriteRuns(Path.Combine(output.FullName, $"{name}-runs.csv"), results);
    SweepPlot.SavePng(Path.Combine(output.FullName, $"{name}.png"), results, title);
    SweepPlot.SaveSvg(Path.Combine(output.FullName, $"{name}.svg"), results, title);
}
