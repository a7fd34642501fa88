using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class RescaledLinkRemovalTests
{
    private static readonly Network.SparseNetwork Network = SmallNetworks.Random(seed: 21, density: 0.3, 40, 30, 25, 5);

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.75)]
    public void Rescaling_removes_the_same_links_and_multiplies_the_survivors_by_one_over_one_minus_f(double fraction)
    {
        var plain = new LinkRemoval(fraction).Apply(Network, seed: 4);
        var rescaling = new LinkRemoval(fraction, rescaleSurvivors: true);

        var rescaled = rescaling.Apply(Network, seed: 4);

        float factor = (float)(1.0 / (1.0 - fraction));
        rescaling.SurvivorScale.Should().Be(factor);
        for (int l = 0; l < 2; l++)
        {
            var expected = plain.Layers[l].GetLinks().Select(k => k with { Weight = k.Weight * factor });
            rescaled.Layers[l].GetLinks().Should().Equal(expected, $"hidden layer {l}");
            rescaled.Layers[l].GetBiases().Should().Equal(Network.Layers[l].GetBiases(), "biases are not rescaled");
        }
        HandMadeNetworks.LinkBits(rescaled.Layers[2]).Should().Equal(HandMadeNetworks.LinkBits(Network.Layers[2]), "the output layer is out of scope");
    }

    [Fact]
    public void Rescaling_by_half_doubles_the_survivors_of_a_hand_made_layer()
    {
        var network = HandMadeNetworks.Magnitudes();

        var rescaled = new LinkRemoval(0.5, LayerScope.Output, rescaleSurvivors: true).Apply(network, seed: 3);

        var kept = rescaled.Layers[1].GetLinks();
        kept.Should().HaveCount(2);
        kept.Should().OnlyContain(k => network.Layers[1].GetLinks().Any(o => o.Source == k.Source && o.Target == k.Target && o.Weight * 2f == k.Weight));
    }

    [Fact]
    public void Fraction_zero_is_bit_identical_and_fraction_one_removes_everything()
    {
        SmallNetworks.Serialize(new LinkRemoval(0, LayerScope.All, rescaleSurvivors: true).Apply(Network, seed: 1))
            .Should().Equal(SmallNetworks.Serialize(Network));
        var everything = new LinkRemoval(1, LayerScope.All, rescaleSurvivors: true);

        everything.SurvivorScale.Should().Be(1f);
        everything.Apply(Network, seed: 1).LinkCount.Should().Be(0);
    }

    [Fact]
    public void Without_rescaling_the_scale_is_one_and_the_sweeps_are_named_apart()
    {
        new LinkRemoval(0.5).SurvivorScale.Should().Be(1f);
        new LinkRemoval(0.5).RescaleSurvivors.Should().BeFalse();
        RobustnessSweep.LinkRemoval([0.5], [1], LayerScope.Hidden, rescaleSurvivors: true).Name.Should().Be("link removal, survivors rescaled");
        RobustnessSweep.LinkRemoval([0.5], [1], LayerScope.Hidden).Name.Should().Be("link removal");
    }
}
