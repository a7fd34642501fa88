// A tabular example: machine readings in a CSV file → features (one-hot machine type, min-max scaled numbers) →
// SparseAdaptive trainer → evaluation on a held-out file, next to ML.NET's SDCA maximum-entropy baseline.
using System.CommandLine;
using Microsoft.ML;
using Microsoft.ML.SparseAdaptive.Model;

var dataOption = new Option<DirectoryInfo>("--data")
{
    Description = "Folder holding train.csv and test.csv",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "data")),
};
var hiddenOption = new Option<int[]>("--hidden")
{
    Description = "Sizes of the sparse hidden layers",
    DefaultValueFactory = _ => [64, 64],
    AllowMultipleArgumentsPerToken = true,
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
root.SetAction(parse =>
{
    string directory = parse.GetValue(dataOption)!.FullName;
    var ml = new MLContext(seed: parse.GetValue(seedOption));
    IDataView train = ml.Data.LoadFromTextFile<MachineReading>(Path.Combine(directory, "train.csv"), separatorChar: ',', hasHeader: true);
    IDataView test = ml.Data.LoadFromTextFile<MachineReading>(Path.Combine(directory, "test.csv"), separatorChar: ',', hasHeader: true);

    // The network needs features of similar scale: Rpm is in the thousands, the others in units.
    var features = ml.Transforms.Categorical.OneHotEncoding("MachineTypeOneHot", nameof(MachineReading.MachineType))
        .Append(ml.Transforms.Concatenate("Features", "MachineTypeOneHot", nameof(MachineReading.AgeYears), nameof(MachineReading.Rpm),
            nameof(MachineReading.TemperatureC), nameof(MachineReading.VibrationMmS), nameof(MachineReading.PressureBar)))
        .Append(ml.Transforms.NormalizeMinMax("Features"))
        .Append(ml.Transforms.Conversion.MapValueToKey("Label", nameof(MachineReading.Condition)));

    SparseAdaptiveTrainer trainer;
    try
    {
        trainer = ml.MulticlassClassification.Trainers.SparseAdaptive(new SparseAdaptiveTrainer.Options
        {
            HiddenLayerSizes = parse.GetValue(hiddenOption)!,
            Sparsity = parse.GetValue(sparsityOption),
            NumberOfEpochs = parse.GetValue(epochsOption),
            BatchSize = parse.GetValue(batchOption),
        });
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
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
