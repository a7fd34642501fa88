using SparseAdaptive.Network;

namespace SparseAdaptive.Analysis;

/// <summary>
/// Which neurons still take part in computing the output, read from the links alone (a link counts whatever its
/// weight): the percolation view of a network under damage. An input that reaches no class, or a hidden neuron on no
/// input-to-output path, no longer influences a prediction, however the weights are set.
/// </summary>
public sealed class PathStructure
{
    private PathStructure(int inputSize, int inputsReaching, int hiddenCount, int hiddenOnPath, int classCount, int classesReached, long hiddenDegreeSum, long linkCount)
    {
        InputSize = inputSize;
        InputsReachingOutput = inputsReaching;
        HiddenNeuronCount = hiddenCount;
        HiddenNeuronsOnPath = hiddenOnPath;
        ClassCount = classCount;
        ClassesReached = classesReached;
        MeanHiddenDegree = hiddenCount == 0 ? 0 : (double)hiddenDegreeSum / hiddenCount;
        LinkCount = linkCount;
    }

    /// <summary>Number of input features (pixels).</summary>
    public int InputSize { get; }

    /// <summary>Inputs from which some path of links leads to some class neuron.</summary>
    public int InputsReachingOutput { get; }

    /// <summary>Share of the inputs that reach some class neuron, in [0, 1].</summary>
    public double InputReachShare => (double)InputsReachingOutput / InputSize;

    /// <summary>Number of hidden neurons (all layers but the input and the classes).</summary>
    public int HiddenNeuronCount { get; }

    /// <summary>Hidden neurons that are reached from some input and lead to some class neuron.</summary>
    public int HiddenNeuronsOnPath { get; }

    /// <summary>Share of the hidden neurons that lie on an input-to-output path, in [0, 1]; 1 when there are none.</summary>
    public double HiddenOnPathShare => HiddenNeuronCount == 0 ? 1 : (double)HiddenNeuronsOnPath / HiddenNeuronCount;

    /// <summary>Number of class (output) neurons.</summary>
    public int ClassCount { get; }

    /// <summary>Class neurons that some input reaches through a path of links.</summary>
    public int ClassesReached { get; }

    /// <summary>Mean number of links (in plus out) per hidden neuron.</summary>
    public double MeanHiddenDegree { get; }

    /// <summary>Number of links in the network.</summary>
    public long LinkCount { get; }

    /// <summary>Analyses a network.</summary>
    /// <param name="network">The network; it is not modified.</param>
    public static PathStructure Of(SparseNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = network.Layers;
        var (fromInput, toOutput) = Reach(network);

        int hiddenCount = 0;
        int hiddenOnPath = 0;
        long hiddenDegreeSum = 0;
        for (int l = 1; l < layers.Count; l++)
        {
            hiddenCount += layers[l].InputSize;
            hiddenDegreeSum += layers[l - 1].LinkCount + layers[l].LinkCount;
            for (int i = 0; i < layers[l].InputSize; i++)
            {
                if (fromInput[l][i] && toOutput[l][i])
                {
                    hiddenOnPath++;
                }
            }
        }

        return new PathStructure(
            layers[0].InputSize,
            toOutput[0].Count(reaches => reaches),
            hiddenCount,
            hiddenOnPath,
            layers[^1].OutputSize,
            fromInput[layers.Count].Count(reached => reached),
            hiddenDegreeSum,
            network.LinkCount);
    }

    /// <summary>
    /// For each neuron layer l (0 = inputs, <c>Layers.Count</c> = classes) and neuron i: whether some input reaches it
    /// (<c>FromInput[l][i]</c>) and whether it leads to some class neuron (<c>ToOutput[l][i]</c>).
    /// </summary>
    internal static (bool[][] FromInput, bool[][] ToOutput) Reach(SparseNetwork network)
    {
        var layers = network.Layers;
        var fromInput = new bool[layers.Count + 1][];
        fromInput[0] = Filled(layers[0].InputSize);
        for (int l = 0; l < layers.Count; l++)
        {
            fromInput[l + 1] = ForwardReach(layers[l], fromInput[l]);
        }

        var toOutput = new bool[layers.Count + 1][];
        toOutput[layers.Count] = Filled(layers[^1].OutputSize);
        for (int l = layers.Count - 1; l >= 0; l--)
        {
            toOutput[l] = BackwardReach(layers[l], toOutput[l + 1]);
        }
        return (fromInput, toOutput);
    }

    private static bool[] Filled(int size)
    {
        var all = new bool[size];
        Array.Fill(all, true);
        return all;
    }

    private static bool[] ForwardReach(SparseLayer layer, bool[] sourceReached)
    {
        var reached = new bool[layer.OutputSize];
        for (int row = 0; row < layer.OutputSize; row++)
        {
            for (int k = layer.RowOffsets[row]; k < layer.RowOffsets[row + 1] && !reached[row]; k++)
            {
                reached[row] = sourceReached[layer.SourceAt(k)];
            }
        }
        return reached;
    }

    private static bool[] BackwardReach(SparseLayer layer, bool[] targetLeads)
    {
        var leads = new bool[layer.InputSize];
        for (int row = 0; row < layer.OutputSize; row++)
        {
            if (!targetLeads[row])
            {
                continue;
            }
            for (int k = layer.RowOffsets[row]; k < layer.RowOffsets[row + 1]; k++)
            {
                leads[layer.SourceAt(k)] = true;
            }
        }
        return leads;
    }
}
