using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Engine.Tests.Analysis;

public class PathStructureTests
{
    // 4 inputs → 4 hidden → 2 classes. Input 3 has no link; hidden 1 has no way out; hidden 3 has no way in.
    private static SparseNetwork HandBuilt(params Link[] outputLinks) => SparseNetwork.FromLayers(
    [
        SparseLayer.FromLinks(4, 4, [new(0, 0, 1f), new(1, 0, 1f), new(1, 1, 1f), new(2, 2, 1f)], [0f, 0f, 0f, 0f]),
        SparseLayer.FromLinks(4, 2, outputLinks, [0f, 0f]),
    ]);

    [Fact]
    public void Counts_the_inputs_hidden_neurons_and_classes_on_input_to_output_paths()
    {
        var structure = PathStructure.Of(HandBuilt(new(0, 0, 1f), new(2, 1, 1f), new(3, 1, 1f)));

        structure.InputsReachingOutput.Should().Be(3);
        structure.InputReachShare.Should().Be(0.75);
        structure.HiddenNeuronCount.Should().Be(4);
        structure.HiddenNeuronsOnPath.Should().Be(2, "hidden 0 and 2 only: 1 is a dead end and 3 is never reached");
        structure.HiddenOnPathShare.Should().Be(0.5);
        structure.ClassesReached.Should().Be(2);
        structure.MeanHiddenDegree.Should().Be(7 / 4.0);
        structure.LinkCount.Should().Be(7);
    }

    [Fact]
    public void A_class_fed_only_by_an_unreached_neuron_is_not_reached()
    {
        var structure = PathStructure.Of(HandBuilt(new(0, 0, 1f), new(3, 1, 1f)));

        structure.ClassesReached.Should().Be(1);
        structure.InputsReachingOutput.Should().Be(2, "inputs 0 and 1 feed hidden 0, the only way to a class");
        structure.HiddenNeuronsOnPath.Should().Be(1);
    }

    [Fact]
    public void A_network_without_output_links_is_fully_disconnected()
    {
        var structure = PathStructure.Of(HandBuilt());

        structure.InputReachShare.Should().Be(0);
        structure.HiddenOnPathShare.Should().Be(0);
        structure.ClassesReached.Should().Be(0);
    }

    [Fact]
    public void A_dense_network_is_fully_connected()
    {
        var dense = SparseNetwork.FromLayers(
        [
            SparseLayer.FromLinks(3, 2, [new(0, 0, 1f), new(1, 0, 1f), new(2, 0, 1f), new(0, 1, 1f), new(1, 1, 1f), new(2, 1, 1f)], [0f, 0f]),
            SparseLayer.FromLinks(2, 2, [new(0, 0, 1f), new(1, 0, 1f), new(0, 1, 1f), new(1, 1, 1f)], [0f, 0f]),
        ]);

        var structure = PathStructure.Of(dense);

        structure.InputReachShare.Should().Be(1);
        structure.HiddenOnPathShare.Should().Be(1);
        structure.ClassesReached.Should().Be(2);
        structure.MeanHiddenDegree.Should().Be(5);
    }
}
