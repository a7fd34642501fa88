using Microsoft.ML.SparseAdaptive.Model;
using Microsoft.ML.SparseAdaptive.Transforms;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace Microsoft.ML.SparseAdaptive.Tests.Robustness;

/// <summary>
/// The within-neuron weight shuffle was added as one engine class and one options class, nothing else: these tests
/// use it through the generic ML.NET transform, save/load and a sweep.
/// </summary>
public sealed class WithinNeuronWeightShuffleTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("sparse-adaptive-within-neuron-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static SparseAdaptiveModel Model => MnistPipelineModel.Model;

    private static IDataView Test => MnistPipelineModel.Test;

    [Fact]
    public void Weights_move_only_between_links_into_the_same_neuron_and_the_topology_stays()
    {
        var options = new WithinNeuronWeightShuffleOptions { Fraction = 0.5, Layers = PerturbedLayers.All, Seed = 4 };
        var shuffled = _ml.Transforms.PerturbWeights(Model, options).Fit(Test).GetSparseNetwork();

        for (int l = 0; l < Model.Network.Layers.Count; l++)
        {
            var before = Model.Network.Layers[l];
            var after = shuffled.Layers[l];
            var linksBefore = before.GetLinks();
            var linksAfter = after.GetLinks();
            linksAfter.Select(k => (k.Source, k.Target)).Should().Equal(linksBefore.Select(k => (k.Source, k.Target)), "the topology is kept");
            after.GetBiases().Should().Equal(before.GetBiases());
            foreach (var neuron in linksBefore.GroupBy(k => k.Target))
            {
                var incomingAfter = linksAfter.Where(k => k.Target == neuron.Key).Select(k => k.Weight).Order();
                incomingAfter.Should().Equal(neuron.Select(k => k.Weight).Order(), $"neuron {neuron.Key} of layer {l} keeps its incoming weights");
            }
            int moved = linksBefore.Zip(linksAfter).Count(p => p.First.Weight != p.Second.Weight);
            moved.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(new WithinNeuronWeightShuffle(0.5).AffectedLinkCount(before.LinkCount));
        }
    }

    [Fact]
    public void The_transform_matches_the_engine_class_and_survives_save_and_load()
    {
        var shuffled = _ml.Transforms.PerturbWeights(Model, new WithinNeuronWeightShuffleOptions { Fraction = 0.7, Seed = 2 }).Fit(Test);
        var path = Path.Combine(_directory, "shuffled.zip");
        _ml.Model.SaveAtomically(shuffled, Test.Schema, path);
        var loaded = new MLContext().Model.LoadSparseAdaptive(path, out _);

        SmallNetworks.Serialize(shuffled.GetSparseNetwork()).Should().Equal(SmallNetworks.Serialize(new WithinNeuronWeightShuffle(0.7).Apply(Model.Network, 2)));
        SmallNetworks.Serialize(loaded.GetSparseNetwork()).Should().Equal(SmallNetworks.Serialize(shuffled.GetSparseNetwork()));
        MnistPipelineModel.Scores(loaded.Transform(Test)).Should().Equal(MnistPipelineModel.Scores(shuffled.Transform(Test)));
        MnistPipelineModel.Scores(shuffled.Transform(Test)).Should().NotEqual(MnistPipelineModel.Scores(Model.Transform(Test)));
    }

    [Fact]
    public void A_sweep_runs_it_and_scores_like_the_transform()
    {
        var sweep = new RobustnessSweep("within-neuron weight shuffling", "fraction of links", f => new WithinNeuronWeightShuffle(f), [0, 0.5, 1], [3]);

        var result = _ml.MulticlassClassification.EvaluateRobustness(Model, Test, sweep);

        var transformed = _ml.Transforms.PerturbWeights(Model, new WithinNeuronWeightShuffleOptions { Fraction = 0.5, Seed = 3 }).Fit(Test);
        result.Levels[1].MicroAccuracy.Mean.Should().Be(_ml.MulticlassClassification.Evaluate(transformed.Transform(Test)).MicroAccuracy);
        result.Levels[0].MicroAccuracy.Mean.Should().Be(_ml.MulticlassClassification.Evaluate(Model.Transform(Test)).MicroAccuracy);
        result.Levels[2].MicroAccuracy.Mean.Should().BeLessThan(result.Levels[0].MicroAccuracy.Mean);
    }
}
