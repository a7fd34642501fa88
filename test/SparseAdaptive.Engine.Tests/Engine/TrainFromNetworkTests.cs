using SparseAdaptive.Analysis;
using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Engine;

public class TrainFromNetworkTests
{
    private static readonly LabeledSamples Data = SmallNetworks.Blobs(400, 32, 4, seed: 3);

    private static TrainingSettings Settings(TopologyMode topology) => new()
    {
        HiddenLayerSizes = [60, 40],
        Sparsity = 0.8,
        Topology = topology,
        Epochs = 3,
        BatchSize = 40,
        Seed = 9,
        NumberOfThreads = 2,
    };

    [Theory]
    [InlineData(TopologyMode.Adaptive)]
    [InlineData(TopologyMode.Static)]
    public void Training_from_the_initial_network_equals_training_from_the_settings(TopologyMode topology)
    {
        var settings = Settings(topology);
        var initial = InitialNetwork.For(Data.FeatureCount, Data.ClassCount, settings);

        var fromSettings = NetworkTrainer.Train(Data, settings);
        var fromNetwork = NetworkTrainer.Train(Data, initial, settings);

        Links(fromNetwork).Should().Equal(Links(fromSettings));
    }

    [Fact]
    public void A_static_training_keeps_the_given_links_and_leaves_the_given_network_untouched()
    {
        var settings = Settings(TopologyMode.Static);
        var rewired = ConfigurationModel.Rewire(InitialNetwork.For(Data.FeatureCount, Data.ClassCount, settings), seed: 4);
        var before = Links(rewired);

        var trained = NetworkTrainer.Train(Data, rewired, settings);

        Links(rewired).Should().Equal(before);
        trained.Layers.Select(l => l.GetLinks().Select(k => (k.Source, k.Target)))
            .Should().BeEquivalentTo(rewired.Layers.Select(l => l.GetLinks().Select(k => (k.Source, k.Target))), o => o.WithStrictOrdering());
        Links(trained).Should().NotEqual(before);
    }

    [Fact]
    public void Hidden_sizes_that_differ_from_the_network_are_rejected_naming_the_setting()
    {
        var settings = Settings(TopologyMode.Static);
        var initial = InitialNetwork.For(Data.FeatureCount, Data.ClassCount, settings);
        settings.HiddenLayerSizes = [60, 41];

        var train = () => NetworkTrainer.Train(Data, initial, settings);

        train.Should().Throw<ArgumentException>().WithMessage("*[60, 40]*HiddenLayerSizes*[60, 41]*");
    }

    [Fact]
    public void A_network_for_other_features_is_rejected_naming_both_sizes()
    {
        var settings = Settings(TopologyMode.Static);
        var initial = InitialNetwork.For(Data.FeatureCount + 1, Data.ClassCount, settings);

        var train = () => NetworkTrainer.Train(Data, initial, settings);

        train.Should().Throw<ArgumentException>().WithMessage($"The initial network takes {Data.FeatureCount + 1} inputs*the training samples have {Data.FeatureCount} features*");
    }

    private static List<(int, int, uint)> Links(SparseNetwork network) =>
        network.Layers.SelectMany(l => l.GetLinks().Select(k => (k.Source, k.Target, BitConverter.SingleToUInt32Bits(k.Weight)))).ToList();
}
