// The main job: trains the reference network (784-1000-1000-1000-10, hidden layers 99% sparse, adaptive topology)
// on MNIST or Fashion-MNIST through an ordinary ML.NET pipeline, then reports test accuracy and time per epoch.
using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML.SparseAdaptive.Model;
using Microsoft.ML;
using SparseAdaptive.Data;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

var datasetOption = new Option<string>("--dataset")
{
    Description = "mnist or fashion-mnist",
    DefaultValueFactory = _ => "mnist",
};
datasetOption.AcceptOnlyFromAmong("mnist", "fashion-mnist");
var dataOption = new Option<DirectoryInfo>("--data")
{
    Description = "Folder holding mnist/ and fashion-mnist/ (default: $SPARSEADAPTIVE_DATA or ~/.cache/sparseadaptive/data)",
    DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("SPARSEADAPTIVE_DATA")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sparseadaptive", "data")),
};
// The help shows the trainer's own defaults, so it stays true when they change.
var trainerDefaults = new SparseAdaptiveTrainer.Options();
var epochsOption = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => trainerDefaults.NumberOfEpochs };
var sparsityOption = new Option<double>("--sparsity")
{
    Description = "Fraction of absent links in the hidden layers (0 = dense)",
    DefaultValueFactory = _ => trainerDefaults.Sparsity,
};
var topologyOption = new Option<TopologyMode>("--topology") { Description = "Adaptive (SET rewiring) or Static", DefaultValueFactory = _ => TopologyMode.Adaptive };
var seedOption = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
var threadsOption = new Option<int?>("--threads") { Description = "Threads (default: all cores)" };
var saveOption = new Option<FileInfo?>("--save") { Description = "Save the trained pipeline to this .zip" };

var root = new RootCommand("Trains a sparse adaptive network on MNIST or Fashion-MNIST with ML.NET and reports test accuracy.")
{
    datasetOption, dataOption, epochsOption, sparsityOption, topologyOption, seedOption, threadsOption, saveOption,
};
root.SetAction(parse =>
{
    string dataset = parse.GetValue(datasetOption)!;
    string directory = Path.Combine(parse.GetValue(dataOption)!.FullName, dataset);
    var ml = new MLContext(seed: parse.GetValue(seedOption));
    var train = ml.Data.LoadFromIdx(directory, IdxSplit.Train);
    var test = ml.Data.LoadFromIdx(directory, IdxSplit.Test);

    var options = new SparseAdaptiveTrainer.Options
    {
        Topology = parse.GetValue(topologyOption),
        NumberOfThreads = parse.GetValue(threadsOption),
        EpochCompleted = report => Console.WriteLine(
            $"epoch {report.Epoch,3}/{report.Epochs}  loss {report.Loss:F4}  train {report.TrainAccuracy:P2}  " +
            $"rewired {report.LinksRewired,5}  {report.Seconds:F2} s"),
    };
    options.NumberOfEpochs = parse.GetValue(epochsOption);
    options.Sparsity = parse.GetValue(sparsityOption);

    SparseAdaptiveTrainer trainer;
    try
    {
        trainer = ml.MulticlassClassification.Trainers.SparseAdaptive(options);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
    var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
        .Append(trainer)
        .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    Console.WriteLine($"Training on {dataset}: hidden layers {string.Join("-", options.HiddenLayerSizes)}, sparsity {options.Sparsity:P1}, " +
        $"{options.Topology} topology, {options.NumberOfEpochs} epochs");
    var clock = Stopwatch.StartNew();
    var epochSeconds = new List<double>();
    var report = options.EpochCompleted;
    options.EpochCompleted = r => { epochSeconds.Add(r.Seconds); report(r); };
    var model = pipeline.Fit(train);
    double trainingSeconds = clock.Elapsed.TotalSeconds;

    var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
    var network = SparseAdaptiveModel.FromTransformer(model).Network;
    Console.WriteLine();
    Console.WriteLine($"test accuracy     {metrics.MicroAccuracy:P2} (macro {metrics.MacroAccuracy:P2}, log-loss {metrics.LogLoss:F4})");
    Console.WriteLine($"seconds per epoch {epochSeconds.Average():F2} (median {epochSeconds.Order().ElementAt(epochSeconds.Count / 2):F2}); training {trainingSeconds:F1} s in all");
    Console.WriteLine($"links             {network.LinkCount:N0} ({string.Join(", ", network.Layers.Select(l => $"{l.InputSize}→{l.OutputSize}: {l.LinkCount:N0}, {l.Sparsity:P1} sparse"))})");

    if (parse.GetValue(saveOption) is FileInfo file)
    {
        ml.Model.SaveAtomically(model, train.Schema, file.FullName);
        Console.WriteLine($"saved             {file.FullName}");
    }
    return 0;
});
return root.Parse(args).Invoke();
