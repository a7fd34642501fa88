using System.Numerics;

namespace SparseAdaptive.Network;

/// <summary>
/// xoshiro256** generator: fast, statistically strong and identical on every platform and runtime version,
/// which <see cref="Random"/> does not promise across .NET versions.
/// </summary>
internal struct SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator for one independent stream of a seed (e.g. one per layer or epoch).</summary>
    public SeededRandom(long seed, long stream = 0)
    {
        ulong x = (ulong)seed ^ (0x9E3779B97F4A7C15UL * (ulong)(stream + 1));
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, bound), without modulo bias (Lemire's method).</summary>
    public int NextInt(int bound) => (int)NextLong(bound);

    /// <summary>Uniform integer in [0, bound), without modulo bias (Lemire's method).</summary>
    public long NextLong(long bound)
    {
        ulong range = (ulong)bound;
        ulong product = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), range, out low);
            }
        }
        return (long)product;
    }

    /// <summary>Uniform float in [0, 1).</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform float in [-limit, limit).</summary>
    public float NextSymmetric(float limit) => (2f * NextFloat() - 1f) * limit;

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int k = NextInt(i + 1);
            (items[i], items[k]) = (items[k], items[i]);
        }
    }
}
