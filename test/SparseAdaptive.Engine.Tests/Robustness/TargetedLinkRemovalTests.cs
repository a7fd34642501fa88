using SparseAdaptive.Network;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class TargetedLinkRemovalTests
{
    [Theory]
    [InlineData(MagnitudeOrder.SmallestFirst, 1.0 / 3, new[] { 0, 2, 3, 4 })]
    [InlineData(MagnitudeOrder.SmallestFirst, 0.5, new[] { 0, 3, 4 })]
    [InlineData(MagnitudeOrder.LargestFirst, 1.0 / 3, new[] { 1, 2, 3, 5 })]
    [InlineData(MagnitudeOrder.LargestFirst, 0.5, new[] { 1, 3, 5 })]
    [InlineData(MagnitudeOrder.LargestFirst, 1.0, new int[0])]
    public void The_rounded_fraction_of_smallest_or_largest_magnitudes_goes_with_ties_in_link_order(MagnitudeOrder order, double fraction, int[] survivors)
    {
        var network = HandMadeNetworks.Magnitudes();
        var links = network.Layers[0].GetLinks();

        var removed = new TargetedLinkRemoval(fraction, order).Apply(network, seed: 1);

        // Survivors keep their weights; biases and the output layer are untouched.
        removed.Layers[0].GetLinks().Should().Equal(survivors.Select(k => links[k]));
        removed.Layers[0].GetBiases().Should().Equal(network.Layers[0].GetBiases());
        HandMadeNetworks.LinkBits(removed.Layers[1]).Should().Equal(HandMadeNetworks.LinkBits(network.Layers[1]));
    }

    [Fact]
    public void The_output_layer_is_pruned_only_when_in_scope_and_the_seed_changes_nothing()
    {
        var network = HandMadeNetworks.Magnitudes();

        var pruned = new TargetedLinkRemoval(0.5, MagnitudeOrder.SmallestFirst, LayerScope.Output).Apply(network, seed: 1);

        pruned.Layers[1].GetLinks().Should().Equal(new Link(0, 1, 3f), new Link(1, 1, -4f));
        HandMadeNetworks.LinkBits(pruned.Layers[0]).Should().Equal(HandMadeNetworks.LinkBits(network.Layers[0]));
        SmallNetworks.Serialize(new TargetedLinkRemoval(0.5, MagnitudeOrder.SmallestFirst, LayerScope.Output).Apply(network, seed: 2))
            .Should().Equal(SmallNetworks.Serialize(pruned));
    }

    [Fact]
    public void On_a_random_network_every_survivor_is_at_least_as_large_as_every_removed_link()
    {
        var network = SmallNetworks.Random(seed: 12, density: 0.3, 40, 30, 5);

        var pruned = new TargetedLinkRemoval(0.4, MagnitudeOrder.SmallestFirst).Apply(network, seed: 0);
        var attacked = new TargetedLinkRemoval(0.4, MagnitudeOrder.LargestFirst).Apply(network, seed: 0);

        var all = network.Layers[0].GetLinks();
        int removedCount = (int)Math.Round(0.4 * all.Length, MidpointRounding.AwayFromZero);
        var prunedLinks = pruned.Layers[0].GetLinks();
        var attackedLinks = attacked.Layers[0].GetLinks();
        prunedLinks.Should().HaveCount(all.Length - removedCount);
        attackedLinks.Should().HaveCount(all.Length - removedCount);
        float smallestKept = prunedLinks.Min(l => MathF.Abs(l.Weight));
        all.Except(prunedLinks).Should().OnlyContain(l => MathF.Abs(l.Weight) <= smallestKept);
        float largestKept = attackedLinks.Max(l => MathF.Abs(l.Weight));
        all.Except(attackedLinks).Should().OnlyContain(l => MathF.Abs(l.Weight) >= largestKept);
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_their_names()
    {
        new Action(() => _ = new TargetedLinkRemoval(-0.1, MagnitudeOrder.SmallestFirst)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("fraction");
        new Action(() => _ = new TargetedLinkRemoval(0.1, (MagnitudeOrder)0)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("order");
    }
}
