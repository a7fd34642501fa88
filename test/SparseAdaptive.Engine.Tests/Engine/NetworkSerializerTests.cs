using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Engine;

public class NetworkSerializerTests
{
    [Fact]
    public void A_saved_network_loads_back_identical()
    {
        var network = SmallNetworks.Random(seed: 8, density: 0.3, 20, 15, 4);
        var bytes = SmallNetworks.Serialize(network);
        var loaded = SparseNetwork.Load(new MemoryStream(bytes));

        SmallNetworks.Serialize(loaded).Should().Equal(bytes);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            loaded.Layers[l].GetLinks().Should().Equal(network.Layers[l].GetLinks());
            loaded.Layers[l].GetBiases().Should().Equal(network.Layers[l].GetBiases());
        }
    }

    [Fact]
    public void Garbage_is_rejected_with_a_specific_message()
    {
        var act = () => SparseNetwork.Load(new MemoryStream("hello world, not a network"u8.ToArray()));
        act.Should().Throw<InvalidDataException>().WithMessage("*not a SparseAdaptive network*");
    }

    [Fact]
    public void Truncated_data_is_rejected()
    {
        var bytes = SmallNetworks.Serialize(SmallNetworks.Random(seed: 8, density: 0.3, 20, 15, 4));
        var act = () => SparseNetwork.Load(new MemoryStream(bytes[..(bytes.Length - 7)]));
        act.Should().Throw<InvalidDataException>().WithMessage("*truncated*");
    }

    [Fact]
    public void A_flipped_weight_bit_fails_the_checksum()
    {
        var network = SmallNetworks.Random(seed: 8, density: 0.3, 20, 15, 4);
        var bytes = SmallNetworks.Serialize(network);
        // The 32 checksum bytes follow the last bias: flip one bit of it (the value stays finite, so only the checksum can tell).
        bytes[^33] ^= 0x01;
        var act = () => SparseNetwork.Load(new MemoryStream(bytes));
        act.Should().Throw<InvalidDataException>().WithMessage("*fails its checksum*");
    }

    [Fact]
    public void A_non_finite_weight_is_rejected()
    {
        var network = SmallNetworks.Random(seed: 8, density: 0.3, 20, 15, 4);
        network.Layers[1].Weights[3] = float.NaN;
        var act = () => SparseNetwork.Load(new MemoryStream(SmallNetworks.Serialize(network)));
        act.Should().Throw<InvalidDataException>().WithMessage("Layer 1: weight 3 is not finite.");
    }

    [Fact]
    public void Layers_built_from_links_must_be_consistent()
    {
        var duplicate = () => SparseLayer.FromLinks(3, 2, [new Link(0, 1, 1f), new Link(0, 1, 2f)], [0f, 0f]);
        duplicate.Should().Throw<ArgumentException>().WithMessage("*appears more than once*");

        var outside = () => SparseLayer.FromLinks(3, 2, [new Link(3, 0, 1f)], [0f, 0f]);
        outside.Should().Throw<ArgumentException>().WithMessage("*outside a 3→2 layer*");

        var mismatch = () => SparseNetwork.FromLayers([SparseLayer.FromLinks(3, 2, [], [0f, 0f]), SparseLayer.FromLinks(4, 2, [], [0f, 0f])]);
        mismatch.Should().Throw<ArgumentException>().WithMessage("Layer 1 takes 4 inputs but layer 0 produces 2.*");
    }
}
