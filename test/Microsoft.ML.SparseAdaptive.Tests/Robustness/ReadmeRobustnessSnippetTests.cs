using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using Microsoft.ML.SparseAdaptive.Transforms;
using SparseAdaptive.Data;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace Microsoft.ML.SparseAdaptive.Tests.Robustness;

public sealed class ReadmeRobustnessSnippetTests
{
    [Fact]
    public void The_README_robustness_snippet_runs_as_pasted_on_the_raw_test_set()
    {
        // The README's pipeline, smaller and shorter.
        var ml = new MLContext(seed: 1);
        IDataView train = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Train, 2000);
        IDataView test = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Test, 300);
        var options = new SparseAdaptiveTrainer.Options { HiddenLayerSizes = [64], Sparsity = 0.8, NumberOfEpochs = 4 };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.SparseAdaptive(options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(train);
        string csv = Path.Combine(Directory.CreateTempSubdirectory("sparse-adaptive-readme-").FullName, "removal.csv");
        string hubsCsv = Path.Combine(Path.GetDirectoryName(csv)!, "hubs.csv");

        // From README.md, section Robustness, line for line (only the CSV path differs).
        ITransformer damaged = ml.Transforms.RemoveLinks(model, fraction: 0.3, seed: 1).Fit(test);        // random link removal
        ITransformer shuffled = ml.Transforms.ShuffleLinkWeights(model, fraction: 0.5, seed: 1).Fit(test);  // weights permuted, topology kept
        ITransformer withinNeurons = ml.Transforms.PerturbWeights(model,
            new WithinNeuronWeightShuffleOptions { Fraction = 0.5, Seed = 1 }).Fit(test);                  // permuted only within each neuron
        var attacked = ml.Transforms.Fgsm(model, epsilon: 0.1f).Fit(test);     // raw labels are fine; also Pgd(...), GaussianNoise(...)
        var underAttack = ml.MulticlassClassification.Evaluate(attacked.Append(model).Transform(test));   // attack, then the whole pipeline
        var damagedMetrics = ml.MulticlassClassification.Evaluate(damaged.Transform(test));               // the whole pipeline, damaged
        var both = ml.MulticlassClassification.Evaluate(attacked.Append(damaged).Transform(test));        // attack on a damaged model

        SweepResult curve = ml.MulticlassClassification.EvaluateRobustness(model, test,
            RobustnessSweep.LinkRemoval([0, 0.1, 0.3, 0.5, 0.7, 0.9], seeds: [1, 2, 3, 4, 5]));  // mean ± std per level, raw rows
        SweepCsvWriter.WriteLevels(csv, [curve]);

        // From README.md, the network-science snippet, line for line (only the CSV path differs).
        ITransformer noHubs = ml.Transforms.RemoveNeurons(model, fraction: 0.25, NeuronOrder.HighestDegreeFirst).Fit(test);
        ITransformer pruned = ml.Transforms.PerturbWeights(model, new TargetedLinkRemovalOptions { Fraction = 0.5 }).Fit(test);
        ITransformer outputOnly = ml.Transforms.PerturbWeights(model,
            new LinkRemovalOptions { Fraction = 0.5, LayerIndex = 1, RescaleSurvivors = true }).Fit(test);   // layer 1 alone, rescaled
        var strongPgd = ml.Transforms.PerturbInputs(model, new PgdOptions { Epsilon = 0.1f, Restarts = 5 }).Fit(test);
        var transferred = ml.Transforms.Fgsm(model, epsilon: 0.1f).Fit(test).Append(noHubs);  // crafted on model, scored by noHubs
        var transferMetrics = ml.MulticlassClassification.Evaluate(transferred.Transform(test));
        SweepResult hubs = ml.MulticlassClassification.EvaluateRobustness(model, test,
            RobustnessSweep.NeuronRemoval([0, 0.1, 0.25, 0.5], seeds: [1], NeuronOrder.HighestDegreeFirst));
        SweepCsvWriter.WriteLevels(hubsCsv, [hubs]);   // ..., log_loss_std, input_reach_share_mean, ..., links_std

        double clean = ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;
        clean.Should().BeGreaterThan(0.8);
        underAttack.MicroAccuracy.Should().BeLessThan(clean - 0.2);
        damagedMetrics.MicroAccuracy.Should().BeLessThan(clean);
        damagedMetrics.MicroAccuracy.Should().Be(
            ml.MulticlassClassification.EvaluateRobustness(model, test, RobustnessSweep.LinkRemoval([0.3], seeds: [1])).Levels[0].MicroAccuracy.Mean);
        both.MicroAccuracy.Should().BeLessThan(damagedMetrics.MicroAccuracy);
        transferMetrics.MicroAccuracy.Should().Be(ml.MulticlassClassification.EvaluateRobustness(noHubs, test,
            RobustnessSweep.Transfer("FGSM", model.GetSparseNetwork(), e => new FgsmAttack((float)e), [0.1], [0])).Levels[0].MicroAccuracy.Mean);
        curve.Levels.Should().HaveCount(6);
        curve.Levels[0].MicroAccuracy.Mean.Should().Be(clean);
        curve.Levels[5].MicroAccuracy.Mean.Should().BeLessThan(curve.Levels[1].MicroAccuracy.Mean);
        File.ReadAllLines(csv).Should().HaveCount(7);
        long links = model.GetSparseNetwork().LinkCount;
        shuffled.GetSparseNetwork().LinkCount.Should().Be(links, "shuffling keeps every link");
        withinNeurons.GetSparseNetwork().LinkCount.Should().Be(links);
        damaged.GetSparseNetwork().LinkCount.Should().BeLessThan(links);
        var network = model.GetSparseNetwork();
        noHubs.GetSparseNetwork().Layers[1].LinkCount.Should().Be(network.Layers[1].LinkCount - 16 * 10, "16 of the 64 hidden neurons lose their 10 links out");
        pruned.GetSparseNetwork().Layers[0].LinkCount.Should().Be(network.Layers[0].LinkCount - new TargetedLinkRemoval(0.5, MagnitudeOrder.SmallestFirst).AffectedLinkCount(network.Layers[0].LinkCount));
        outputOnly.GetSparseNetwork().Layers[0].GetLinks().Should().Equal(network.Layers[0].GetLinks());
        outputOnly.GetSparseNetwork().Layers[1].LinkCount.Should().Be(320);
        ((PgdAttack)strongPgd.Perturbation).Restarts.Should().Be(5);
        transferred.Transform(test).Schema["Score"].Type.Should().Be(new VectorDataViewType(NumberDataViewType.Single, 10));
        hubs.Levels[3].Structure!.HiddenOnPathShare.Mean.Should().BeLessThanOrEqualTo(0.5);
        File.ReadAllLines(hubsCsv)[0].Should().EndWith(",log_loss_std,input_reach_share_mean,input_reach_share_std,hidden_on_path_share_mean,hidden_on_path_share_std,mean_hidden_degree_mean,mean_hidden_degree_std,links_mean,links_std");
        Directory.Delete(Path.GetDirectoryName(csv)!, recursive: true);
    }
}
