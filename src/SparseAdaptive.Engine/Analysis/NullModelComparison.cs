using SparseAdaptive.Network;
using SparseAdaptive.Topology;

namespace SparseAdaptive.Analysis;

/// <summary>
/// A graph measure indexed by k (a rich-club coefficient, a k-core size) beside its mean over configuration-model
/// networks, which keep every neuron's in- and out-degree and the layering: what the measure has beyond the degree
/// sequence shows in <see cref="Ratio"/>.
/// </summary>
public sealed class NullModelComparison
{
    // Apart from the streams the configuration model draws from a sample's seed.
    private const long SampleSeedStream = 3L << 20;

    private NullModelComparison(double[] observed, double[] nullMean, int samples)
    {
        Observed = observed;
        NullMean = nullMean;
        Ratio = observed.Zip(nullMean, (o, m) => o / m).ToArray();
        Samples = samples;
    }

    /// <summary>The measure of the network itself, by k.</summary>
    public IReadOnlyList<double> Observed { get; }

    /// <summary>The mean of the measure over the configuration-model networks, by k.</summary>
    public IReadOnlyList<double> NullMean { get; }

    /// <summary>
    /// <see cref="Observed"/> / <see cref="NullMean"/>, by k: 1 where the degree sequence explains the measure; NaN where
    /// both are 0 or either is undefined, ∞ where only the null mean is 0.
    /// </summary>
    public IReadOnlyList<double> Ratio { get; }

    /// <summary>Number of configuration-model networks averaged.</summary>
    public int Samples { get; }

    /// <summary>
    /// Measures <paramref name="network"/> and <paramref name="samples"/> configuration-model networks of it
    /// (<see cref="ConfigurationModel.Rewire(SparseNetwork, int, int)"/>, each with its own seed drawn from
    /// <paramref name="seed"/>). Lists of unequal length are compared as if extended by zeros: a k-core past the
    /// degeneracy is empty.
    /// </summary>
    /// <param name="network">The network; it is not modified.</param>
    /// <param name="samples">Number of configuration-model networks, at least 1.</param>
    /// <param name="seed">Chooses the configuration-model networks; the same seed gives the same comparison.</param>
    /// <param name="measure">The measure, by k, of a network's undirected graph.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is not positive.</exception>
    public static NullModelComparison Of(SparseNetwork network, int samples, int seed, Func<NeuronGraph, double[]> measure)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);

        var observed = measure(NeuronGraph.Of(network));
        var sampleSeeds = new SeededRandom(seed, SampleSeedStream);
        var nullSum = Array.Empty<double>();
        for (int sample = 0; sample < samples; sample++)
        {
            var rewired = ConfigurationModel.Rewire(network, (int)sampleSeeds.NextUInt64());
            nullSum = AddPadded(nullSum, measure(NeuronGraph.Of(rewired)));
        }
        int length = Math.Max(observed.Length, nullSum.Length);
        return new NullModelComparison(Padded(observed, length), Padded(nullSum, length).Select(s => s / samples).ToArray(), samples);
    }

    private static double[] AddPadded(double[] sum, double[] values)
    {
        var result = Padded(sum, Math.Max(sum.Length, values.Length));
        for (int k = 0; k < values.Length; k++)
        {
            result[k] += values[k];
        }
        return result;
    }

    private static double[] Padded(double[] values, int length)
    {
        var padded = new double[length];
        values.CopyTo(padded, 0);
        return padded;
    }
}
