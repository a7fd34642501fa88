using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparseAdaptive.Network;

/// <summary>
/// Inverted dropout with a counter-based mask: whether neuron j of sample b is dropped is a hash of
/// (key, j, b), so the mask is the same whatever thread computes it and needs no generator state.
/// </summary>
internal readonly struct Dropout
{
    private readonly uint _key;
    private readonly uint _dropBelow;

    /// <summary>Creates the mask of one layer in one mini-batch; <paramref name="key"/> must differ per layer and batch.</summary>
    public Dropout(float rate, ulong key)
    {
        Rate = rate;
        Scale = 1f / (1f - rate);
        _key = (uint)(key ^ (key >> 32));
        _dropBelow = (uint)Math.Min(uint.MaxValue, Math.Round(rate * 4294967296.0));
    }

    /// <summary>Probability that a neuron is dropped.</summary>
    public float Rate { get; }

    /// <summary>Factor applied to the neurons kept, so that expected activations match inference.</summary>
    public float Scale { get; }

    /// <summary>Drops (zeroes) or scales the values of one neuron for the samples from <paramref name="firstSample"/> on.</summary>
    public void Apply(Span<float> values, int neuron, int firstSample)
    {
        uint rowKey = Hash(_key ^ Hash((uint)neuron + 0x9E3779B9u)) + (uint)firstSample;
        ref float first = ref MemoryMarshal.GetReference(values);
        int b = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var lanes = Vector512.Create(0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u, 10u, 11u, 12u, 13u, 14u, 15u);
            var scale = Vector512.Create(Scale);
            for (; b + Vector512<float>.Count <= values.Length; b += Vector512<float>.Count)
            {
                var hash = Hash(Vector512.Create(rowKey) + lanes + Vector512.Create((uint)b));
                var keep = Vector512.GreaterThanOrEqual(hash, Vector512.Create(_dropBelow)).AsSingle();
                ref float v = ref Unsafe.Add(ref first, b);
                Vector512.ConditionalSelect(keep, Vector512.LoadUnsafe(ref v) * scale, Vector512<float>.Zero).StoreUnsafe(ref v);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var lanes = Vector256.Create(0u, 1u, 2u, 3u, 4u, 5u, 6u, 7u);
            var dropBelow = Vector256.Create(_dropBelow ^ 0x80000000u).AsInt32();
            var scale = Vector256.Create(Scale);
            for (; b + Vector256<float>.Count <= values.Length; b += Vector256<float>.Count)
            {
                var hash = Hash(Vector256.Create(rowKey) + lanes + Vector256.Create((uint)b));
                // Unsigned compare through a sign flip, since AVX2 only compares signed integers.
                var keep = Vector256.GreaterThanOrEqual((hash ^ Vector256.Create(0x80000000u)).AsInt32(), dropBelow).AsSingle();
                ref float v = ref Unsafe.Add(ref first, b);
                Vector256.ConditionalSelect(keep, Vector256.LoadUnsafe(ref v) * scale, Vector256<float>.Zero).StoreUnsafe(ref v);
            }
        }
        for (; b < values.Length; b++)
        {
            values[b] = Hash(rowKey + (uint)b) >= _dropBelow ? values[b] * Scale : 0f;
        }
    }

    private static uint Hash(uint x)
    {
        x ^= x >> 16;
        x *= 0x7FEB352Du;
        x ^= x >> 15;
        x *= 0x846CA68Bu;
        x ^= x >> 16;
        return x;
    }

    private static Vector512<uint> Hash(Vector512<uint> x)
    {
        x ^= Vector512.ShiftRightLogical(x, 16);
        x *= Vector512.Create(0x7FEB352Du);
        x ^= Vector512.ShiftRightLogical(x, 15);
        x *= Vector512.Create(0x846CA68Bu);
        x ^= Vector512.ShiftRightLogical(x, 16);
        return x;
    }

    private static Vector256<uint> Hash(Vector256<uint> x)
    {
        x ^= Vector256.ShiftRightLogical(x, 16);
        x *= Vector256.Create(0x7FEB352Du);
        x ^= Vector256.ShiftRightLogical(x, 15);
        x *= Vector256.Create(0x846CA68Bu);
        x ^= Vector256.ShiftRightLogical(x, 16);
        return x;
    }
}
