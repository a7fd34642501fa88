// A tabular example: machine readings in a CSV file → features (one-hot machine type, min-max scaled numbers) →
// SparseAdaptive trainer → evaluation on a held-out file, next to ML.NET's SDCA maximum-entropy baseline.
using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Examples;

var dataOption = new Option<DirectoryInfo>("--data")
{
    Description = "Folder holding train.csv and test.csv",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "data")),
};
// A list is given as separate words or comma-separated (--hidden 64 64 or --hidden 64,64), as in the study program.
var hiddenOption = new Option<string[]>("--hidden")
{
    Description = "Sizes of the sparse hidden layers, as separate words or comma-separated (default 64,64)",
    AllowMultipleArgumentsPerToken = true,
    Arity = ArgumentArity.OneOrMore,
};
var sparsityOption = new Option<double>("--sparsity") { Description = "Fraction of absent links in the hidden layers", DefaultValueFactory = _ => 0.8 };
var epochsOption = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => 60 };
var batchOption = new Option<int>("--batch-size") { Description = "Mini-batch size", DefaultValueFactory = _ => 32 };
var seedOption = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
var onnxOption = new Option<FileInfo?>("--onnx") { Description = "Also write the trained network as an ONNX model to this file" };

var root = new RootCommand("Classifies machine condition (ok, worn, faulty) from tabular readings with a sparse adaptive network.")
{
    dataOption, hiddenOption, sparsityOption, epochsOption, batchOption, seedOption, onnxOption,
};
// The trainer names its options by field; the user typed these flags.
var flags = new Dictionary<string, string>
{
    [nameof(SparseAdaptiveTrainer.Options.HiddenLayerSizes)] = hiddenOption.Name,
    [nameof(SparseAdaptiveTrainer.Options.Sparsity)] = sparsityOption.Name,
    [nameof(SparseAdaptiveTrainer.Options.NumberOfEpochs)] = epochsOption.Name,
    [nameof(SparseAdaptiveTrainer.Options.BatchSize)] = batchOption.Name,
};
root.SetAction(parse =>
{
    // The output is checked before the training, not after it.
    if (CommandLineInput.FindUnwritable(parse.GetValue(onnxOption), onnxOption.Name) is { } unwritable)
    {
        Console.Error.WriteLine(unwritable);
        return CommandLineInput.BadPath;
    }
    if (HiddenLayerSizes(parse.GetValue(hiddenOption)) is not { } hidden)
    {
        Console.Error.WriteLine($"{hiddenOption.Name}: every size must be a whole number; got {string.Join(" ", parse.GetValue(hiddenOption)!)}.");
        return CommandLineInput.BadValue;
    }
    var ml = new MLContext(seed: parse.GetValue(seedOption));
    SparseAdaptiveTrainer trainer;
    try
    {
        trainer = ml.MulticlassClassification.Trainers.SparseAdaptive(new SparseAdaptiveTrainer.Options
        {
            HiddenLayerSizes = hidden,
            Sparsity = parse.GetValue(sparsityOption),
            NumberOfEpochs = parse.GetValue(epochsOption),
            BatchSize = parse.GetValue(batchOption),
        });
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(CommandLineInput.NameFlags(e, flags));
        return CommandLineInput.BadValue;
    }

    string directory = parse.GetValue(dataOption)!.FullName;
    string[] files = [Path.Combine(directory, "train.csv"), Path.Combine(directory, "test.csv")];
    if (files.FirstOrDefault(file => !File.Exists(file)) is { } missing)
    {
        Console.Error.WriteLine($"{dataOption.Name}: {missing} does not exist.");
        return CommandLineInput.BadPath;
    }
    IDataView train = ml.Data.LoadFromTextFile<MachineReading>(files[0], separatorChar: ',', hasHeader: true);
    IDataView test = ml.Data.LoadFromTextFile<MachineReading>(files[1], separatorChar: ',', hasHeader: true);

    // The network needs features of similar scale: Rpm is in the thousands, the others in units.
    var features = ml.Transforms.Categorical.OneHotEncoding("MachineTypeOneHot", nameof(MachineReading.MachineType))
        .Append(ml.Transforms.Concatenate("Features", "MachineTypeOneHot", nameof(MachineReading.AgeYears), nameof(MachineReading.Rpm),
            nameof(MachineReading.TemperatureC), nameof(MachineReading.VibrationMmS), nameof(MachineReading.PressureBar)))
        .Append(ml.Transforms.NormalizeMinMax("Features"))
        .Append(ml.Transforms.Conversion.MapValueToKey("Label", nameof(MachineReading.Condition)));

    var model = features.Append(trainer).Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")).Fit(train);
    var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
    var network = model.GetSparseNetwork();

    var baseline = features.Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy()).Fit(train);
    var baselineMetrics = ml.MulticlassClassification.Evaluate(baseline.Transform(test));

    Console.WriteLine($"SparseAdaptive  accuracy {metrics.MicroAccuracy:P1} (macro {metrics.MacroAccuracy:P1}), log-loss {metrics.LogLoss:F3}");
    Console.WriteLine($"                {network.LinkCount:N0} links: {string.Join(", ", network.Layers.Select(l => $"{l.InputSize}→{l.OutputSize} {l.LinkCount:N0}"))}");
    Console.WriteLine($"SDCA baseline   accuracy {baselineMetrics.MicroAccuracy:P1} (macro {baselineMetrics.MacroAccuracy:P1}), log-loss {baselineMetrics.LogLoss:F3}");
    Console.WriteLine();
    Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

    if (parse.GetValue(onnxOption) is FileInfo onnx)
    {
        // The ONNX graph holds the network alone and starts at the Features column, so it is the trained model (not the
        // pipeline, whose first steps compute Features) that is exported; the caller one-hot encodes and scales first.
        var featureSchema = features.Fit(train).Transform(train).Schema;
        ml.Model.ConvertSparseAdaptiveToOnnx(SparseAdaptiveModel.FromTransformer(model), featureSchema, onnx.FullName);
        Console.WriteLine($"ONNX model written to {onnx.FullName}");
    }
    return 0;
});
return root.Parse(args).Invoke();

// The sizes in separate words or comma-separated; the default when none are given; null when one is not a whole number.
static int[]? HiddenLayerSizes(string[]? words)
{
    if (words is not { Length: > 0 })
    {
        return [64, 64];
    }
    var sizes = new List<int>();
    foreach (string word in words.SelectMany(w => w.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
    {
        if (!int.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out int size))
        {
            return null;
        }
        sizes.Add(size);
    }
    return [.. sizes];
}
