using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Robustness;

public class LayerScopeTests
{
    private static readonly Network.SparseNetwork Network = SmallNetworks.Random(seed: 31, density: 0.4, 16, 12, 10, 4);

    public static TheoryData<Func<LayerScope, WeightPerturbation>> Perturbations => new()
    {
        scope => new LinkRemoval(0.5, scope),
        scope => new LinkRemoval(0.5, scope, rescaleSurvivors: true),
        scope => new TargetedLinkRemoval(0.5, MagnitudeOrder.SmallestFirst, scope),
        scope => new TargetedLinkRemoval(0.5, MagnitudeOrder.LargestFirst, scope),
        scope => new LinkWeightShuffle(1.0, scope),
    };

    [Theory]
    [MemberData(nameof(Perturbations))]
    public void One_layer_alone_is_perturbed_and_the_others_stay_bit_identical(Func<LayerScope, WeightPerturbation> perturbation)
    {
        foreach (var scope in LayerScope.EachLayer(Network))
        {
            var perturbed = perturbation(scope).Apply(Network, seed: 2);

            for (int l = 0; l < Network.Layers.Count; l++)
            {
                var links = HandMadeNetworks.LinkBits(perturbed.Layers[l]);
                if (l == scope.LayerIndex)
                {
                    links.Should().NotEqual(HandMadeNetworks.LinkBits(Network.Layers[l]), $"layer {l} is {scope}");
                }
                else
                {
                    links.Should().Equal(HandMadeNetworks.LinkBits(Network.Layers[l]), $"layer {l} is outside {scope}");
                }
                HandMadeNetworks.BiasBits(perturbed.Layers[l]).Should().Equal(HandMadeNetworks.BiasBits(Network.Layers[l]));
            }
        }
    }

    [Fact]
    public void A_scope_of_the_last_layer_equals_the_output_scope_and_kinds_convert_from_perturbed_layers()
    {
        var byIndex = new LinkRemoval(0.3, LayerScope.Layer(2)).Apply(Network, seed: 5);
        var byKind = new LinkRemoval(0.3, PerturbedLayers.Output).Apply(Network, seed: 5);

        SmallNetworks.Serialize(byIndex).Should().Equal(SmallNetworks.Serialize(byKind));
        ((LayerScope)PerturbedLayers.All).Should().Be(LayerScope.All);
        new LinkRemoval(0.3, PerturbedLayers.Output).Scope.Should().Be(LayerScope.Output);
        new LinkRemoval(0.3, LayerScope.Layer(1)).Layers.Should().Be((PerturbedLayers)0);
        LayerScope.EachLayer(Network).Select(s => s.ToString()).Should().Equal("layer 0", "layer 1", "layer 2");
        new[] { LayerScope.Hidden, LayerScope.Output, LayerScope.All }.Select(s => s.ToString()).Should().Equal("hidden layers", "output layer", "all layers");
        RobustnessSweep.LinkRemoval([0.5], [1], LayerScope.Layer(2)).Name.Should().Be("link removal, layer 2");
        RobustnessSweep.LinkWeightShuffle([0.5], [1], LayerScope.Layer(0)).Name.Should().Be("link weight shuffling, layer 0");
        RobustnessSweep.WithinNeuronWeightShuffle([0.5], [1]).Name.Should().Be("link weight shuffling within neurons");
        RobustnessSweep.WithinNeuronWeightShuffle([0.5], [1], LayerScope.Output).Name.Should().Be("link weight shuffling within neurons, output layer");
    }

    [Theory]
    [InlineData(0, 3, true)]
    [InlineData(2, 3, false)]
    public void Contains_tells_hidden_from_output_layers(int layer, int layerCount, bool hidden)
    {
        LayerScope.Hidden.Contains(layer, layerCount).Should().Be(hidden);
        LayerScope.Output.Contains(layer, layerCount).Should().Be(!hidden);
        LayerScope.All.Contains(layer, layerCount).Should().BeTrue();
        LayerScope.Layer(layer).Contains(layer, layerCount).Should().BeTrue();
        LayerScope.Layer(1).Contains(layer, layerCount).Should().BeFalse();
    }

    [Fact]
    public void Bad_scopes_are_rejected_with_their_names()
    {
        new Action(() => LayerScope.Layer(-1)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("index");
        new Action(() => LayerScope.FromPerturbedLayers((PerturbedLayers)4)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("layers");
        new Action(() => new LinkRemoval(0.5, LayerScope.Layer(3)).Apply(Network, 1)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "network" && e.Message.Contains("only 3 layers"));
    }
}
