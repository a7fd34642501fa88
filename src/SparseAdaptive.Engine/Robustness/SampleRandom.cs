using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Random streams keyed by a sample's content, so a sample gets the same noise whether it is perturbed alone (a row
/// of an ML.NET pipeline) or in a batch, in any order and on any number of threads.
/// </summary>
internal static class SampleRandom
{
    /// <summary>The stream of <paramref name="seed"/> for the sample with these features.</summary>
    public static SeededRandom For(int seed, ReadOnlySpan<float> features)
    {
        // FNV-1a over the feature bits: cheap, and stable across runs (unlike string or HashCode hashing).
        ulong hash = 0xCBF29CE484222325UL;
        foreach (float value in features)
        {
            hash = (hash ^ BitConverter.SingleToUInt32Bits(value)) * 0x100000001B3UL;
        }
        return new SeededRandom(seed, (long)hash);
    }

    /// <summary>A standard normal draw (Box–Muller; one of the pair is used so each draw consumes the same amount of the stream).</summary>
    public static float NextGaussian(ref SeededRandom random)
    {
        const double unit = 1.0 / (1UL << 53);
        double u1 = ((random.NextUInt64() >> 11) + 1) * unit;
        double u2 = (random.NextUInt64() >> 11) * unit;
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
