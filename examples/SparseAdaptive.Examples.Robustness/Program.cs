// Trains the reference sparse network on MNIST, then measures how its accuracy falls under random link removal,
// link weight shuffling and input attacks (FGSM, PGD, with Gaussian noise as the control), writing CSVs and plots.
using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML.SparseAdaptive.Data;
using Microsoft.ML.SparseAdaptive.Network;
using Microsoft.ML.SparseAdaptive.Plotting;
using Microsoft.ML.SparseAdaptive.Robustness;
using Microsoft.ML.SparseAdaptive.Training;

var dataOption = new Option<DirectoryInfo>("--data")
{
    Description = "Directory holding the four MNIST IDX files (default: $SPARSEADAPTIVE_DATA/mnist or ~/.cache/sparseadaptive/data/mnist).",
    DefaultValueFactory = _ => new DirectoryInfo(DefaultMnistDirectory()),
};
var outputOption = new Option<DirectoryInfo>("--output")
{
    Description = "Directory the CSV files and plots are written to (created if missing).",
    DefaultValueFactory = _ => new DirectoryInfo("robustness-output"),
};
var epochsOption = new Option<int>("--epochs") { Description = "Training epochs of the reference network.", DefaultValueFactory = _ => 20 };
var seedsOption = new Option<int>("--seeds") { Description = "Seeds per perturbation strength.", DefaultValueFactory = _ => 5 };
var trainCountOption = new Option<int?>("--train-count") { Description = "Use only the first N training images (default: all 60000)." };

var command = new RootCommand("Robustness sweeps of a sparse adaptive network trained on MNIST.")
{
    dataOption, outputOption, epochsOption, seedsOption, trainCountOption,
};
command.SetAction(parsed => Run(
    parsed.GetRequiredValue(dataOption), parsed.GetRequiredValue(outputOption), parsed.GetValue(epochsOption),
    parsed.GetValue(seedsOption), parsed.GetValue(trainCountOption)));
return command.Parse(args).Invoke();

static int Run(DirectoryInfo data, DirectoryInfo output, int epochs, int seedCount, int? trainCount)
{
    if (epochs <= 0 || seedCount <= 0 || trainCount <= 0)
    {
        Console.Error.WriteLine("--epochs, --seeds and --train-count must be positive.");
        return 2;
    }
    output.Create();
    var train = Samples(IdxDataset.Load(data.FullName, IdxSplit.Train, trainCount));
    var test = Samples(IdxDataset.Load(data.FullName, IdxSplit.Test));

    var settings = new TrainingSettings { Epochs = epochs, Seed = 1 };
    Console.WriteLine($"Training 784-{string.Join('-', settings.HiddenLayerSizes)}-10 ({settings.Sparsity:P0} sparse hidden layers) on {train.Count} images, {epochs} epochs.");
    var network = NetworkTrainer.Train(train, settings, test,
        e => Console.WriteLine($"  epoch {e.Epoch,3}: loss {e.Loss:F4}, test accuracy {e.ValidationAccuracy:P2}, {e.Seconds:F2} s"));
    using (var file = File.Create(Path.Combine(output.FullName, "network.bin")))
    {
        network.Save(file);
    }

    int[] seeds = Enumerable.Range(1, seedCount).ToArray();
    double[] removal = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    double[] shuffling = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    double[] epsilons = [0, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3];

    Report(output, "link-removal", "Random link removal (hidden layers), MNIST test set", network, test,
        RobustnessSweep.LinkRemoval(removal, seeds));
    Report(output, "link-weight-shuffling", "Link weight shuffling (hidden layers), MNIST test set", network, test,
        RobustnessSweep.LinkWeightShuffle(shuffling, seeds));
    Report(output, "input-attacks", "Input perturbations (L∞ ε; Gaussian σ as control), MNIST test set", network, test,
        RobustnessSweep.Fgsm(epsilons, seeds.Take(1)),
        RobustnessSweep.Pgd(epsilons, seeds, iterations: 10),
        RobustnessSweep.GaussianNoise(epsilons, seeds));

    var clock = Stopwatch.StartNew();
    new FgsmAttack(0.1f).Apply(network, test);
    Console.WriteLine($"FGSM over {test.Count} test images: {clock.Elapsed.TotalSeconds:F2} s");
    Console.WriteLine($"Results in {output.FullName}");
    return 0;
}

static void Report(DirectoryInfo output, string name, string title, SparseNetwork network, LabeledSamples test, params RobustnessSweep[] sweeps)
{
    var clock = Stopwatch.StartNew();
    var results = sweeps.Select(s => s.Run(network, test)).ToArray();
    Console.WriteLine($"{title}: {clock.Elapsed.TotalSeconds:F1} s");
    foreach (var result in results)
    {
        Console.WriteLine($"  {result.Name}: " + string.Join(", ", result.Levels.Select(l => $"{l.Strength:0.###} → {l.MicroAccuracy.Mean:P1}")));
    }
    SweepCsvWriter.WriteLevels(Path.Combine(output.FullName, $"{name}.csv"), results);
    SweepCsvWriter.WriteRuns(Path.Combine(output.FullName, $"{name}-runs.csv"), results);
    SweepPlot.SavePng(Path.Combine(output.FullName, $"{name}.png"), results, title);
    SweepPlot.SaveSvg(Path.Combine(output.FullName, $"{name}.svg"), results, title);
}

static LabeledSamples Samples(IdxDataset data) =>
    new(data.Features, data.Labels.Select(l => (int)l).ToArray(), data.FeatureCount, 10);

static string DefaultMnistDirectory()
{
    string? root = Environment.GetEnvironmentVariable("SPARSEADAPTIVE_DATA");
    return Path.Combine(string.IsNullOrWhiteSpace(root)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sparseadaptive", "data")
        : root, "mnist");
}
