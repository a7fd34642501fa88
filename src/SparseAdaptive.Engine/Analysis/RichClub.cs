using SparseAdaptive.Network;

namespace SparseAdaptive.Analysis;

/// <summary>
/// The rich-club coefficient φ(k) of a <see cref="NeuronGraph"/> (Zhou &amp; Mondragón 2004): of the nodes with more than
/// k edges, the fraction of their possible pairs that are joined, 2 E_&gt;k / (N_&gt;k (N_&gt;k − 1)). φ rises with k
/// in almost any graph, hubs having more edges to spend, so it means something only against a null model with the
/// same degrees (Colizza, Flammini, Serrano &amp; Vespignani 2006): <see cref="AgainstConfigurationModel"/>.
/// </summary>
public static class RichClub
{
    /// <summary>φ(k) for k = 0 to the largest degree; NaN where fewer than two nodes have more than k edges.</summary>
    /// <param name="graph">The graph.</param>
    public static double[] Coefficients(NeuronGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int maxDegree = 0;
        for (int v = 0; v < graph.NodeCount; v++)
        {
            maxDegree = Math.Max(maxDegree, graph.Degree(v));
        }

        // An edge joins two nodes of degree > k exactly for k below the smaller of its two degrees.
        var nodesOfDegree = new long[maxDegree + 1];
        var edgesOfSmallerDegree = new long[maxDegree + 1];
        for (int v = 0; v < graph.NodeCount; v++)
        {
            nodesOfDegree[graph.Degree(v)]++;
            foreach (int u in graph.Neighbours(v))
            {
                if (u > v)
                {
                    edgesOfSmallerDegree[Math.Min(graph.Degree(u), graph.Degree(v))]++;
                }
            }
        }

        var coefficients = new double[maxDegree + 1];
        long nodesAbove = 0, edgesAbove = 0;
        for (int k = maxDegree; k >= 0; k--)
        {
            coefficients[k] = nodesAbove < 2 ? double.NaN : 2.0 * edgesAbove / (nodesAbove * (double)(nodesAbove - 1));
            nodesAbove += nodesOfDegree[k];
            edgesAbove += edgesOfSmallerDegree[k];
        }
        return coefficients;
    }

    /// <summary>
    /// φ(k) of <paramref name="network"/> against its mean over configuration-model networks (see
    /// <see cref="NullModelComparison.Of"/>): the ratio ρ(k) above 1 means the hubs are linked among themselves more than
    /// their degrees alone imply, a rich club.
    /// </summary>
    /// <param name="network">The network; it is not modified.</param>
    /// <param name="samples">Number of configuration-model networks averaged, at least 1.</param>
    /// <param name="seed">Chooses the configuration-model networks.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is not positive.</exception>
    public static NullModelComparison AgainstConfigurationModel(SparseNetwork network, int samples, int seed) =>
        NullModelComparison.Of(network, samples, seed, Coefficients);
}
