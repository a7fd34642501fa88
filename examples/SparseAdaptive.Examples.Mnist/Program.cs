// The main job: trains the reference network (784-1000-1000-1000-10, hidden layers 99% sparse, adaptive topology)
// on MNIST or Fashion-MNIST through an ordinary ML.NET pipeline, then reports test accuracy, time per epoch and the share of first-layer links on near-blank pixels.
using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Analysis;
using SparseAdaptive.Data;
using SparseAdaptive.Examples;
using SparseAdaptive.Examples.Mnist;
using SparseAdaptive.Topology;

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
var validationOption = new Option<double?>("--validation")
{
    Description = "Hold out this fraction of the training images (seeded by --split-seed; 1/6 = 10,000 of 60,000), train on the rest " +
        "and report accuracy on the held-out images instead of the test set",
};
var splitSeedOption = new Option<int>("--split-seed") { Description = "Seed of the validation split", DefaultValueFactory = _ => 0 };
var l2Option = new Option<float?>("--l2") { Description = "L2 weight decay (default: the trainer's)" };
var learningRateOption = new Option<float?>("--learning-rate") { Description = "Initial learning rate (default: the trainer's)" };
var dropoutOption = new Option<float?>("--dropout") { Description = "Dropout rate (default: the trainer's)" };
var rewireFractionOption = new Option<double?>("--rewire-fraction") { Description = "ζ, the fraction of links rewired (default: the trainer's)" };
var rewireScheduleOption = new Option<RewireSchedule?>("--rewire-schedule") { Description = "Constant or Cosine (default: the trainer's)" };
var rewireEndOption = new Option<double?>("--rewire-end") { Description = "Fraction of the epochs after which rewiring stops (default: the trainer's)" };
var newLinkScaleOption = new Option<double?>("--new-link-scale") { Description = "New links' weight scale relative to the initial weights (default: the trainer's)" };
var csvOption = new Option<FileInfo?>("--csv") { Description = "Append the result as one CSV row to this file" };

var root = new RootCommand("Trains a sparse adaptive network on MNIST or Fashion-MNIST with ML.NET and reports test accuracy.")
{
    datasetOption, dataOption, epochsOption, sparsityOption, topologyOption, seedOption, threadsOption, saveOption, validationOption,
    splitSeedOption, l2Option, learningRateOption, dropoutOption, rewireFractionOption, rewireScheduleOption, rewireEndOption,
    newLinkScaleOption, csvOption,
};
// The trainer names its options by field; the user typed these flags.
var flags = new Dictionary<string, string>
{
    [nameof(SparseAdaptiveTrainer.Options.NumberOfEpochs)] = epochsOption.Name,
    [nameof(SparseAdaptiveTrainer.Options.Sparsity)] = sparsityOption.Name,
    [nameof(SparseAdaptiveTrainer.Options.Topology)] = topologyOption.Name,
    [nameof(SparseAdaptiveTrainer.Options.NumberOfThreads)] = threadsOption.Name,
    [nameof(SparseAdaptiveTrainer.Options.L2Regularization)] = l2Option.Name,
    [nameof(SparseAdaptiveTrainer.Options.LearningRate)] = learningRateOption.Name,
    [nameof(SparseAdaptiveTrainer.Options.DropoutRate)] = dropoutOption.Name,
    [nameof(SparseAdaptiveTrainer.Options.RewireFraction)] = rewireFractionOption.Name,
    [nameof(SparseAdaptiveTrainer.Options.RewireSchedule)] = rewireScheduleOption.Name,
    [nameof(SparseAdaptiveTrainer.Options.RewireEnd)] = rewireEndOption.Name,
    [nameof(SparseAdaptiveTrainer.Options.NewLinkWeightScale)] = newLinkScaleOption.Name,
};
root.SetAction(parse =>
{
    // Outputs are checked before the training, not after it.
    if ((CommandLineInput.FindUnwritable(parse.GetValue(saveOption), saveOption.Name)
        ?? CommandLineInput.FindUnwritable(parse.GetValue(csvOption), csvOption.Name)) is { } unwritable)
    {
        Console.Error.WriteLine(unwritable);
        return CommandLineInput.BadPath;
    }
    var options = new SparseAdaptiveTrainer.Options
    {
        Seed = parse.GetValue(seedOption),
        Topology = parse.GetValue(topologyOption),
        NumberOfThreads = parse.GetValue(threadsOption),
        EpochCompleted = report => Console.WriteLine(
            $"epoch {report.Epoch,3}/{report.Epochs}  loss {report.Loss:F4}  train {report.TrainAccuracy:P2}  " +
            $"rewired {report.LinksRewired,5}  {report.Seconds:F2} s"),
    };
    options.NumberOfEpochs = parse.GetValue(epochsOption);
    options.Sparsity = parse.GetValue(sparsityOption);
    options.L2Regularization = parse.GetValue(l2Option) ?? options.L2Regularization;
    options.LearningRate = parse.GetValue(learningRateOption) ?? options.LearningRate;
    options.DropoutRate = parse.GetValue(dropoutOption) ?? options.DropoutRate;
    options.RewireFraction = parse.GetValue(rewireFractionOption) ?? options.RewireFraction;
    options.RewireSchedule = parse.GetValue(rewireScheduleOption) ?? options.RewireSchedule;
    options.RewireEnd = parse.GetValue(rewireEndOption) ?? options.RewireEnd;
    options.NewLinkWeightScale = parse.GetValue(newLinkScaleOption) ?? options.NewLinkWeightScale;

    var ml = new MLContext(seed: parse.GetValue(seedOption));
    SparseAdaptiveTrainer trainer;
    try
    {
        trainer = ml.MulticlassClassification.Trainers.SparseAdaptive(options);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(CommandLineInput.NameFlags(e, flags));
        return CommandLineInput.BadValue;
    }

    string dataset = parse.GetValue(datasetOption)!;
    string directory = Path.Combine(parse.GetValue(dataOption)!.FullName, dataset);
    IdxDataset trainImages, evaluationImages;
    try
    {
        trainImages = IdxDataset.Load(directory, IdxSplit.Train);
        evaluationImages = IdxDataset.Load(directory, IdxSplit.Test);
    }
    catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or IdxFormatException)
    {
        Console.Error.WriteLine($"{dataOption.Name}: {e.Message}");
        return CommandLineInput.BadPath;
    }
    string evaluated = "test";
    if (parse.GetValue(validationOption) is double fraction)
    {
        try
        {
            (trainImages, evaluationImages) = trainImages.SplitValidation(fraction, parse.GetValue(splitSeedOption));
        }
        catch (ArgumentOutOfRangeException e)
        {
            Console.Error.WriteLine($"{validationOption.Name}: {e.Message.ReplaceLineEndings(" ")}");
            return CommandLineInput.BadValue;
        }
        evaluated = "validation";
    }
    var train = ml.Data.LoadFromIdx(trainImages);
    var evaluation = ml.Data.LoadFromIdx(evaluationImages);

    var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
        .Append(trainer)
        .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    Console.WriteLine($"Training on {dataset} ({trainImages.Count:N0} images, evaluated on {evaluationImages.Count:N0} {evaluated} images): " +
        $"hidden layers {string.Join("-", options.HiddenLayerSizes)}, sparsity {options.Sparsity:P1}, {options.Topology} topology, " +
        $"{options.NumberOfEpochs} epochs, ζ {options.RewireFraction} ({options.RewireSchedule}, stops at {options.RewireEnd:P0} of the epochs), " +
        $"new links at {options.NewLinkWeightScale}× the initial scale, L2 {options.L2Regularization}, lr {options.LearningRate}, dropout {options.DropoutRate}");
    var clock = Stopwatch.StartNew();
    var epochSeconds = new List<double>();
    var report = options.EpochCompleted;
    options.EpochCompleted = r => { epochSeconds.Add(r.Seconds); report(r); };
    var model = pipeline.Fit(train);
    double trainingSeconds = clock.Elapsed.TotalSeconds;

    var metrics = ml.MulticlassClassification.Evaluate(model.Transform(evaluation));
    var network = model.GetSparseNetwork();
    var blank = NearBlankPixels.Of(trainImages.Features, trainImages.FeatureCount);
    double blankRatio = blank.Ratio(network);
    Console.WriteLine();
    Console.WriteLine($"{evaluated + " accuracy",-17} {metrics.MicroAccuracy:P2} (macro {metrics.MacroAccuracy:P2}, log-loss {metrics.LogLoss:F4})");
    Console.WriteLine($"near-blank links  {blank.LinkShare(network):P1} of the first layer's links leave the {blank.Count} near-blank pixels " +
        $"(training mean < {blank.Threshold}; uniform share {blank.UniformShare:P1}): ratio {blankRatio:F2}");
    Console.WriteLine($"seconds per epoch {epochSeconds.Average():F2} (median {epochSeconds.Order().ElementAt(epochSeconds.Count / 2):F2}); training {trainingSeconds:F1} s in all");
    Console.WriteLine($"links             {network.LinkCount:N0} ({string.Join(", ", network.Layers.Select(l => $"{l.InputSize}→{l.OutputSize}: {l.LinkCount:N0}, {l.Sparsity:P1} sparse"))})");

    if (parse.GetValue(csvOption) is FileInfo csv)
    {
        ResultRow.Append(csv.FullName, dataset, evaluated, options, metrics.MicroAccuracy, blankRatio, trainingSeconds);
    }
    if (parse.GetValue(saveOption) is FileInfo file)
    {
        ml.Model.SaveAtomically(model, train.Schema, file.FullName);
        Console.WriteLine($"saved             {file.FullName}");
    }
    return 0;
});
return root.Parse(args).Invoke();
