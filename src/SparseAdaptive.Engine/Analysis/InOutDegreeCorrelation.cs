using SparseAdaptive.Network;

namespace SparseAdaptive.Analysis;

/// <summary>
/// How a hidden neuron's in-degree (links from the layer before) goes with its out-degree (links to the layer after):
/// the Pearson correlation over the neurons of one hidden layer. Positive when adaptation makes the neurons that
/// gather many links also spread many: hubs on both sides, through which many paths run.
/// </summary>
public static class InOutDegreeCorrelation
{
    /// <summary>The correlation in hidden layer <paramref name="hiddenLayer"/>; NaN when either degree does not vary.</summary>
    /// <param name="network">The network; it is not modified.</param>
    /// <param name="hiddenLayer">
    /// The hidden layer, numbered from 0 like the link layer whose outputs it holds (as <see cref="Robustness.NeuronRemoval"/>
    /// numbers them): 0 to the number of link layers − 2.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hiddenLayer"/> is not a hidden layer of <paramref name="network"/>.</exception>
    public static double Of(SparseNetwork network, int hiddenLayer)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (hiddenLayer < 0 || hiddenLayer >= network.Layers.Count - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(hiddenLayer), hiddenLayer,
                $"The network's hidden layers are numbered 0 to {network.Layers.Count - 2}.");
        }
        return Pearson(network.Layers[hiddenLayer].GetInDegrees(), network.Layers[hiddenLayer + 1].GetOutDegrees());
    }

    /// <summary>The correlation of every hidden layer, from the first to the last.</summary>
    /// <param name="network">The network; it is not modified.</param>
    public static IReadOnlyList<double> PerHiddenLayer(SparseNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Enumerable.Range(0, network.Layers.Count - 1).Select(hidden => Of(network, hidden)).ToArray();
    }

    private static double Pearson(int[] x, int[] y)
    {
        double meanX = x.Average(), meanY = y.Average();
        double covariance = 0, varianceX = 0, varianceY = 0;
        for (int i = 0; i < x.Length; i++)
        {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            varianceX += (x[i] - meanX) * (x[i] - meanX);
            varianceY += (y[i] - meanY) * (y[i] - meanY);
        }
        return varianceX == 0 || varianceY == 0 ? double.NaN : covariance / Math.Sqrt(varianceX * varianceY);
    }
}
