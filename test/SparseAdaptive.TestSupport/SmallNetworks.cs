using SparseAdaptive.Network;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace SparseAdaptive.TestSupport;

/// <summary>Small networks and data sets that engine tests can check exhaustively.</summary>
internal static class SmallNetworks
{
    /// <summary>A random network with the given layer sizes; hidden layers at the given density, the last dense.</summary>
    public static SparseNetwork Random(int seed, double density, params int[] sizes)
    {
        var layers = new SparseLayer[sizes.Length - 1];
        for (int l = 0; l < layers.Length; l++)
        {
            var random = new SeededRandom(seed, l);
            double d = l == layers.Length - 1 ? 1.0 : density;
            var layer = RandomTopology.CreateLayer(sizes[l], sizes[l + 1], RandomTopology.LinkCount(sizes[l], sizes[l + 1], d), ref random);
            for (int j = 0; j < layer.OutputSize; j++)
            {
                layer.Biases[j] = random.NextSymmetric(0.1f);
            }
            layers[l] = layer;
        }
        return SparseNetwork.FromLayers(layers);
    }

    /// <summary>
    /// Gaussian blobs: each class has a random centre in [0, 1]^features and samples scatter around it, so a small
    /// network separates them well but not trivially.
    /// </summary>
    /// <param name="count">Number of samples.</param>
    /// <param name="features">Features per sample.</param>
    /// <param name="classes">Number of classes (blobs).</param>
    /// <param name="seed">Chooses the problem: the blob centres.</param>
    /// <param name="draw">Chooses which samples are drawn from the problem, e.g. 0 for training and 1 for test.</param>
    /// <param name="spread">Half-width of the uniform scatter around a centre.</param>
    public static LabeledSamples Blobs(int count, int features, int classes, int seed, int draw = 0, float spread = 0.25f)
    {
        var centreRandom = new SeededRandom(seed, 99);
        var centres = new float[classes * features];
        for (int i = 0; i < centres.Length; i++)
        {
            centres[i] = centreRandom.NextFloat();
        }
        var random = new SeededRandom(seed, 100 + draw);
        var x = new float[count * features];
        var y = new int[count];
        for (int s = 0; s < count; s++)
        {
            y[s] = s % classes;
            for (int f = 0; f < features; f++)
            {
                x[s * features + f] = centres[y[s] * features + f] + random.NextSymmetric(spread);
            }
        }
        return new LabeledSamples(x, y, features, classes);
    }

    /// <summary>Features uniform in [0, 1] with uniformly random labels: inputs for attacks, which need no learnable problem.</summary>
    public static LabeledSamples UnitSamples(int count, int features, int classes, int seed)
    {
        var random = new SeededRandom(seed, 7);
        var values = new float[count * features];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextFloat();
        }
        return new LabeledSamples(values, Enumerable.Range(0, count).Select(_ => random.NextInt(classes)).ToArray(), features, classes);
    }

    public static byte[] Serialize(SparseNetwork network)
    {
        using var stream = new MemoryStream();
        network.Save(stream);
        return stream.ToArray();
    }
}
