using SparseAdaptive.Network;

namespace SparseAdaptive.Analysis;

/// <summary>
/// The strength of each neuron on both sides of a layer, as network science weighs a node: the sum of the absolute
/// weights of its links. Where the degree counts links, the strength says how much they carry.
/// </summary>
public sealed class NeuronStrengths
{
    private NeuronStrengths(double[] inStrengths, double[] outStrengths)
    {
        In = inStrengths;
        Out = outStrengths;
    }

    /// <summary>Sum of |w| over the links arriving at each output neuron of the layer.</summary>
    public IReadOnlyList<double> In { get; }

    /// <summary>Sum of |w| over the links leaving each input neuron of the layer.</summary>
    public IReadOnlyList<double> Out { get; }

    /// <summary>The strengths of <paramref name="layer"/>'s neurons.</summary>
    public static NeuronStrengths Of(SparseLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var inStrengths = new double[layer.OutputSize];
        var outStrengths = new double[layer.InputSize];
        foreach (var link in layer.GetLinks())
        {
            inStrengths[link.Target] += Math.Abs(link.Weight);
            outStrengths[link.Source] += Math.Abs(link.Weight);
        }
        return new NeuronStrengths(inStrengths, outStrengths);
    }
}
