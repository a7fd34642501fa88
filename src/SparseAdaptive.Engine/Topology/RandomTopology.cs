using SparseAdaptive.Network;
namespace SparseAdaptive.Topology;

/// <summary>
/// Builds layers with an Erdős–Rényi random topology: a given number of links, each at a uniformly random free
/// position. Weights follow He initialisation on each neuron's real (sparse) fan-in: with a dense fan-in the
/// weights of a 99%-sparse layer would be ten times too small and the signal would vanish.
/// </summary>
internal static class RandomTopology
{
    /// <summary>Number of links of an <paramref name="inputSize"/>→<paramref name="outputSize"/> layer at a given density (at least one).</summary>
    public static long LinkCount(int inputSize, int outputSize, double density) =>
        Math.Clamp((long)Math.Round(density * inputSize * outputSize), 1L, (long)inputSize * outputSize);

    /// <summary>Creates a layer with <paramref name="linkCount"/> random links and zero biases.</summary>
    public static SparseLayer CreateLayer(int inputSize, int outputSize, long linkCount, ref SeededRandom random)
    {
        if (linkCount > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(linkCount), linkCount, "A layer holds at most 2^31 − 1 links.");
        }
        var counts = SpreadOverRows(inputSize, outputSize, (int)linkCount, ref random);
        var rowOffsets = new int[outputSize + 1];
        for (int row = 0; row < outputSize; row++)
        {
            rowOffsets[row + 1] = rowOffsets[row] + counts[row];
        }

        var sources = new int[linkCount];
        var weights = new float[linkCount];
        var taken = new bool[inputSize];
        for (int row = 0; row < outputSize; row++)
        {
            var rowSources = sources.AsSpan(rowOffsets[row], counts[row]);
            SampleDistinct(inputSize, rowSources, taken, ref random);
            DrawRowWeights(weights.AsSpan(rowOffsets[row], counts[row]), ref random);
        }
        return new SparseLayer(inputSize, outputSize, rowOffsets, sources, weights, new float[outputSize]);
    }

    /// <summary>Draws the initial weights of one neuron's incoming links: He-uniform on their number, its fan-in.</summary>
    public static void DrawRowWeights(Span<float> rowWeights, ref SeededRandom random)
    {
        float limit = HeLimit(rowWeights.Length);
        foreach (ref float w in rowWeights)
        {
            w = random.NextSymmetric(limit);
        }
    }

    /// <summary>Bound of the He-uniform distribution for a neuron with <paramref name="fanIn"/> incoming links.</summary>
    public static float HeLimit(double fanIn) => (float)Math.Sqrt(6.0 / Math.Max(fanIn, 1.0));

    // Each link picks a row uniformly; a row that is already full passes its link on to another draw.
    private static int[] SpreadOverRows(int inputSize, int outputSize, int linkCount, ref SeededRandom random)
    {
        var counts = new int[outputSize];
        if ((long)linkCount == (long)inputSize * outputSize)
        {
            Array.Fill(counts, inputSize);
            return counts;
        }
        for (int placed = 0; placed < linkCount;)
        {
            int row = random.NextInt(outputSize);
            if (counts[row] < inputSize)
            {
                counts[row]++;
                placed++;
            }
        }
        return counts;
    }

    /// <summary>Fills <paramref name="destination"/> with distinct values from [0, range), sorted (Floyd's algorithm).</summary>
    public static void SampleDistinct(int range, Span<int> destination, bool[] taken, ref SeededRandom random)
    {
        int count = destination.Length;
        if (count == range)
        {
            for (int i = 0; i < count; i++)
            {
                destination[i] = i;
            }
            return;
        }
        int n = 0;
        for (int j = range - count; j < range; j++)
        {
            int t = random.NextInt(j + 1);
            int pick = taken[t] ? j : t;
            taken[pick] = true;
            destination[n++] = pick;
        }
        destination.Sort();
        foreach (int pick in destination)
        {
            taken[pick] = false;
        }
    }
}
