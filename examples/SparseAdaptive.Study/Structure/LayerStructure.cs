using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Study.Structure;

/// <summary>
/// The structure of one hidden layer's neurons: how many are dead or isolated, how their in- and out-degrees are
/// distributed and related, and how their strength follows their degree.
/// </summary>
/// <param name="Layer">The hidden layer, numbered from 0 as everywhere in the report (the outputs of the network's layer Layer).</param>
/// <param name="Width">Neurons in the layer.</param>
/// <param name="WithoutFanIn">Neurons with no incoming link (their output is a constant, ReLU of the bias).</param>
/// <param name="WithoutFanOut">Neurons with no outgoing link (their output reaches nothing).</param>
/// <param name="EffectiveWidth">Neurons on some input-to-output path: the width that carries the input.</param>
/// <param name="InOutCorrelation">Pearson correlation of a neuron's in- and out-degree.</param>
/// <param name="InDegree">The in-degree distribution, fitted.</param>
/// <param name="OutDegree">The out-degree distribution, fitted.</param>
/// <param name="StrengthByDegree">Strength against degree (in plus out).</param>
internal sealed record LayerStructure(int Layer, int Width, int WithoutFanIn, int WithoutFanOut, int EffectiveWidth, double InOutCorrelation,
    DegreeDistributionFit InDegree, DegreeDistributionFit OutDegree, StrengthScaling StrengthByDegree)
{
    /// <summary>Hidden layer <paramref name="hidden"/> (0-based: the outputs of <c>network.Layers[hidden]</c>) of <paramref name="network"/>.</summary>
    public static LayerStructure Of(SparseNetwork network, int hidden, HiddenNeuronCensus census)
    {
        var producer = network.Layers[hidden];
        var consumer = network.Layers[hidden + 1];
        int[] inDegrees = producer.GetInDegrees();
        int[] outDegrees = consumer.GetOutDegrees();
        var inStrengths = NeuronStrengths.Of(producer).In;
        var outStrengths = NeuronStrengths.Of(consumer).Out;
        int[] degrees = inDegrees.Zip(outDegrees, (a, b) => a + b).ToArray();
        double[] strengths = inStrengths.Zip(outStrengths, (a, b) => a + b).ToArray();
        return new LayerStructure(hidden, census.Width, census.WithoutFanIn, census.WithoutFanOut, census.EffectiveWidth,
            InOutDegreeCorrelation.Of(network, hiddenLayer: hidden),
            DegreeDistributionFit.Of(inDegrees, producer.InputSize), DegreeDistributionFit.Of(outDegrees, consumer.OutputSize),
            StrengthScaling.Of(degrees, strengths));
    }
}
