using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class RobustnessSweepTests
{
    [Fact]
    public void Levels_summarise_the_runs_of_each_strength_with_the_strengths_as_given()
    {
        var network = SmallNetworks.Random(seed: 2, density: 0.5, 6, 8, 3);
        var samples = SmallNetworks.Blobs(60, 6, 3, seed: 3);

        var result = RobustnessSweep.LinkWeightShuffle([0.0, 0.3, 0.7], [4, 5, 6]).Run(network, samples, threads: 1);

        result.Name.Should().Be("link weight shuffling");
        result.Runs.Select(r => (r.Strength, r.Seed)).Should().Equal((0.0, 4), (0.0, 5), (0.0, 6), (0.3, 4), (0.3, 5), (0.3, 6), (0.7, 4), (0.7, 5), (0.7, 6));
        for (int level = 0; level < 3; level++)
        {
            var accuracies = result.Runs.Skip(3 * level).Take(3).Select(r => r.Score.MicroAccuracy).ToArray();
            double mean = accuracies.Average();
            double deviation = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / 2);
            result.Levels[level].MicroAccuracy.Mean.Should().BeApproximately(mean, 1e-15);
            result.Levels[level].MicroAccuracy.StandardDeviation.Should().BeApproximately(deviation, 1e-15);
        }
        result.Levels[0].MicroAccuracy.StandardDeviation.Should().Be(0);
        RobustnessSweep.Fgsm([0.025], [0]).Run(network, new LabeledSamples(new float[6 * 2], [0, 1], 6, 3)).Levels[0].Strength.Should().Be(0.025);
    }

    [Theory]
    [InlineData(NeuronOrder.Random, null, false, "neuron removal, random")]
    [InlineData(NeuronOrder.HighestDegreeFirst, null, false, "neuron removal, hubs by degree first")]
    [InlineData(NeuronOrder.HighestStrengthFirst, null, false, "neuron removal, hubs by strength first")]
    [InlineData(NeuronOrder.Random, 0, false, "neuron removal, random, hidden layer 0")]
    [InlineData(NeuronOrder.HighestDegreeFirst, 2, false, "neuron removal, hubs by degree first, hidden layer 2")]
    [InlineData(NeuronOrder.HighestInDegreeFirst, null, false, "neuron removal, hubs by in-degree first")]
    [InlineData(NeuronOrder.HighestOutDegreeFirst, null, false, "neuron removal, hubs by out-degree first")]
    [InlineData(NeuronOrder.HighestInDegreeFirst, 1, true, "neuron removal, hubs by in-degree first, recalculated, hidden layer 1")]
    [InlineData(NeuronOrder.HighestStrengthFirst, null, true, "neuron removal, hubs by strength first, recalculated")]
    public void Neuron_removal_sweeps_are_named_by_order_recalculation_and_layer(NeuronOrder order, int? hiddenLayer, bool recalculated, string name)
    {
        RobustnessSweep.NeuronRemoval([0.5], [1], order, hiddenLayer, recalculated).Name.Should().Be(name);
    }

    [Fact]
    public void A_recalculated_neuron_removal_sweep_removes_the_recalculated_hubs()
    {
        var samples = new LabeledSamples([0f, 1f, 1f, 0f], [0, 1], featureCount: 2, classCount: 2);

        var once = RobustnessSweep.NeuronRemoval([1.0 / 3], [1], NeuronOrder.HighestDegreeFirst).Run(HandMadeNetworks.FadingHub(), samples, threads: 1);
        var recalculated = RobustnessSweep.NeuronRemoval([1.0 / 3], [1], NeuronOrder.HighestDegreeFirst, recalculated: true)
            .Run(HandMadeNetworks.FadingHub(), samples, threads: 1);

        // Of the 12 links, removing A0 and B0 takes 5; A0 and B1 take 6 (see HandMadeNetworks.FadingHub).
        once.Runs[0].Structure!.Value.LinkCount.Should().Be(7);
        recalculated.Runs[0].Structure!.Value.LinkCount.Should().Be(6);
    }

    [Fact]
    public void Bad_sweeps_are_rejected_when_built()
    {
        new Action(() => RobustnessSweep.LinkRemoval([], [1])).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("strengths");
        new Action(() => RobustnessSweep.LinkRemoval([0.5], [])).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("seeds");
        new Action(() => RobustnessSweep.LinkRemoval([0.5, 1.5], [1])).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("fraction");
        new Action(() => RobustnessSweep.Pgd([0.1], [1], iterations: 0)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("iterations");
        new Action(() => RobustnessSweep.GaussianNoise([-1], [1])).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("standardDeviation");
    }

    [Fact]
    public void Samples_that_do_not_fit_the_network_are_rejected()
    {
        var network = SmallNetworks.Random(seed: 2, density: 0.5, 6, 8, 3);
        var wrong = SmallNetworks.Blobs(10, 5, 3, seed: 3);

        RobustnessSweep.LinkRemoval([0.1], [1]).Invoking(s => s.Run(network, wrong)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "samples" && e.Message.Contains("5 features"));
    }
}
