using SparseAdaptive.Network;

namespace SparseAdaptive.Analysis;

/// <summary>
/// The k-core decomposition of a <see cref="NeuronGraph"/>: the k-core is what remains after removing, again and
/// again, every node with fewer than k edges; a node's core number is the largest k whose core holds it. A deep core
/// is a set of neurons densely linked among themselves, which survives the removal of the periphery.
/// </summary>
public sealed class KCores
{
    private readonly int[] _coreNumbers;

    private KCores(int[] coreNumbers)
    {
        _coreNumbers = coreNumbers;
    }

    /// <summary>The largest k with a non-empty k-core (the graph's degeneracy); 0 for a graph without edges.</summary>
    public int Degeneracy => _coreNumbers.Length == 0 ? 0 : _coreNumbers.Max();

    /// <summary>The core number of each node, in the numbering of <see cref="NeuronGraph"/>.</summary>
    public int[] GetCoreNumbers() => (int[])_coreNumbers.Clone();

    /// <summary>For k = 0 to <see cref="Degeneracy"/>, the number of nodes in the k-core (core number ≥ k).</summary>
    public int[] GetCoreSizes()
    {
        var sizes = new int[Degeneracy + 1];
        foreach (int core in _coreNumbers)
        {
            sizes[core]++;
        }
        for (int k = sizes.Length - 2; k >= 0; k--)
        {
            sizes[k] += sizes[k + 1];
        }
        return sizes;
    }

    /// <summary>Decomposes a graph in time linear in its edges (Batagelj &amp; Zaveršnik 2003).</summary>
    /// <param name="graph">The graph.</param>
    public static KCores Of(NeuronGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int n = graph.NodeCount;
        var degree = new int[n];
        int maxDegree = 0;
        for (int v = 0; v < n; v++)
        {
            degree[v] = graph.Degree(v);
            maxDegree = Math.Max(maxDegree, degree[v]);
        }

        // Nodes sorted by current degree (bucket sort): binStart[d] is where degree d begins in order.
        var binStart = new int[maxDegree + 2];
        foreach (int d in degree)
        {
            binStart[d + 1]++;
        }
        for (int d = 1; d < binStart.Length; d++)
        {
            binStart[d] += binStart[d - 1];
        }
        var order = new int[n];
        var position = new int[n];
        var next = binStart[..^1];
        for (int v = 0; v < n; v++)
        {
            position[v] = next[degree[v]]++;
            order[position[v]] = v;
        }

        // Taking nodes in increasing current degree, each fixes its core number and lowers its heavier neighbours by
        // one, moving them to the front of their bucket so the order stays sorted.
        for (int i = 0; i < n; i++)
        {
            int v = order[i];
            foreach (int u in graph.Neighbours(v))
            {
                if (degree[u] > degree[v])
                {
                    int first = binStart[degree[u]];
                    int w = order[first];
                    (order[first], order[position[u]]) = (u, w);
                    (position[u], position[w]) = (first, position[u]);
                    binStart[degree[u]]++;
                    degree[u]--;
                }
            }
        }
        return new KCores(degree);
    }

    /// <summary>
    /// The k-core sizes of <paramref name="network"/> against those of its configuration model (see
    /// <see cref="NullModelComparison.Of"/>): a ratio above 1 at k means a larger k-core than the degree sequence alone gives.
    /// </summary>
    /// <param name="network">The network; it is not modified.</param>
    /// <param name="samples">Number of configuration-model networks averaged, at least 1.</param>
    /// <param name="seed">Chooses the configuration-model networks.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is not positive.</exception>
    public static NullModelComparison CoreSizesAgainstConfigurationModel(SparseNetwork network, int samples, int seed) =>
        NullModelComparison.Of(network, samples, seed, graph => Of(graph).GetCoreSizes().Select(size => (double)size).ToArray());
}
