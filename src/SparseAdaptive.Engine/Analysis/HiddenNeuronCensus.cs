using SparseAdaptive.Network;

namespace SparseAdaptive.Analysis;

/// <summary>
/// The dead and isolated neurons of one hidden layer, read from the links alone: those without incoming links, those
/// without outgoing links, and those on no input-to-output path at all (which includes both). What is left, the
/// effective width, is the number of neurons that can still influence a prediction.
/// </summary>
public sealed class HiddenNeuronCensus
{
    private HiddenNeuronCensus(int layer, int width, int withoutFanIn, int withoutFanOut, int withoutLinks, int onPath)
    {
        Layer = layer;
        Width = width;
        WithoutFanIn = withoutFanIn;
        WithoutFanOut = withoutFanOut;
        WithoutLinks = withoutLinks;
        EffectiveWidth = onPath;
    }

    /// <summary>
    /// The hidden layer, numbered from 0 like the link layer whose outputs it holds (layer 0 is fed by the inputs), as
    /// <see cref="Robustness.NeuronRemoval"/> and <see cref="Robustness.LayerScope"/> number them.
    /// </summary>
    public int Layer { get; }

    /// <summary>Number of neurons in the layer.</summary>
    public int Width { get; }

    /// <summary>Neurons with no incoming link (zero fan-in): their output is a constant.</summary>
    public int WithoutFanIn { get; }

    /// <summary>Neurons with no outgoing link (zero fan-out): nothing reads them.</summary>
    public int WithoutFanOut { get; }

    /// <summary>Neurons with no link at all, in or out.</summary>
    public int WithoutLinks { get; }

    /// <summary>Neurons on no input-to-output path, whatever their own links: <see cref="Width"/> − <see cref="EffectiveWidth"/>.</summary>
    public int OffPath => Width - EffectiveWidth;

    /// <summary>Neurons that some input reaches and that lead to some class neuron.</summary>
    public int EffectiveWidth { get; }

    /// <summary>Share of the neurons with no incoming link, in [0, 1].</summary>
    public double WithoutFanInShare => (double)WithoutFanIn / Width;

    /// <summary>Share of the neurons with no outgoing link, in [0, 1].</summary>
    public double WithoutFanOutShare => (double)WithoutFanOut / Width;

    /// <summary>Share of the neurons on no input-to-output path, in [0, 1].</summary>
    public double OffPathShare => (double)OffPath / Width;

    /// <summary>Counts the dead and isolated neurons of every hidden layer, from the first to the last.</summary>
    /// <param name="network">The network; it is not modified. A network of one layer has no hidden layer.</param>
    public static IReadOnlyList<HiddenNeuronCensus> Of(SparseNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var (fromInput, toOutput) = PathStructure.Reach(network);
        var census = new HiddenNeuronCensus[network.Layers.Count - 1];
        for (int hidden = 0; hidden < census.Length; hidden++)
        {
            var inDegrees = network.Layers[hidden].GetInDegrees();
            var outDegrees = network.Layers[hidden + 1].GetOutDegrees();
            int withoutFanIn = 0, withoutFanOut = 0, withoutLinks = 0, onPath = 0;
            for (int i = 0; i < inDegrees.Length; i++)
            {
                withoutFanIn += inDegrees[i] == 0 ? 1 : 0;
                withoutFanOut += outDegrees[i] == 0 ? 1 : 0;
                withoutLinks += inDegrees[i] == 0 && outDegrees[i] == 0 ? 1 : 0;
                onPath += fromInput[hidden + 1][i] && toOutput[hidden + 1][i] ? 1 : 0;
            }
            census[hidden] = new HiddenNeuronCensus(hidden, inDegrees.Length, withoutFanIn, withoutFanOut, withoutLinks, onPath);
        }
        return census;
    }
}
