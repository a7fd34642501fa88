using System.Diagnostics;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Data;
using SparseAdaptive.TestSupport;
using Xunit.Abstractions;

namespace Microsoft.ML.SparseAdaptive.Tests.Acceptance;

/// <summary>The reference network, trained through the ML.NET pipeline on real subsets of MNIST and Fashion-MNIST.</summary>
public class RealDataAccuracyTests(ITestOutputHelper output)
{
    // Half of the training set, so the test runs in well under a minute on 2 cores; the first 2k test images are
    // harder than the average of the test set (a 10k subset plateaus near 94% on them).
    private const int TrainCount = 30_000;
    private const int Epochs = 30;

    [Theory]
    [InlineData("mnist", 0.95)]
    [InlineData("fashion-mnist", 0.86)]
    public void The_reference_network_learns_a_real_subset(string dataset, double floor)
    {
        string directory = dataset == "mnist" ? DataSets.MnistDirectory : DataSets.FashionMnistDirectory;
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromIdx(directory, IdxSplit.Train, maxCount: TrainCount);
        var test = ml.Data.LoadFromIdx(directory, IdxSplit.Test, maxCount: 2_000);
        var options = new SparseAdaptiveTrainer.Options { NumberOfEpochs = Epochs, Seed = 1 };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.SparseAdaptive(options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(train);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));

        output.WriteLine($"{dataset}: {TrainCount} train / 2000 test, {Epochs} epochs, accuracy {metrics.MicroAccuracy:P2} in {clock.Elapsed.TotalSeconds:F1} s");
        metrics.MicroAccuracy.Should().BeGreaterThanOrEqualTo(floor);
        var network = SparseAdaptiveModel.FromTransformer(model).Network;
        network.Layers.Take(3).Should().OnlyContain(l => l.Sparsity > 0.989 && l.Sparsity < 0.991);
        network.Layers[^1].IsDense.Should().BeTrue();
    }
}
