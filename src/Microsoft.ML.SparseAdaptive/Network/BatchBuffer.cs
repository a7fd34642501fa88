using System.Runtime.CompilerServices;

namespace Microsoft.ML.SparseAdaptive.Network;

/// <summary>
/// Floats of one batch-minor buffer (activations or gradients), starting on a 64-byte boundary. Threads that share
/// out a batch's lanes then never write to the same cache line: a plain array is only 8-byte aligned, so the lanes on
/// either side of a split would share one, and every write to it would bounce it between the cores.
/// </summary>
internal sealed class BatchBuffer
{
    private const int CacheLineFloats = 64 / sizeof(float);

    private readonly float[] _storage;
    private readonly int _origin;

    public BatchBuffer(int length)
    {
        // Pinned, so the alignment found here holds for the buffer's whole life.
        _storage = GC.AllocateArray<float>(length + CacheLineFloats - 1, pinned: true);
        _origin = FloatsToCacheLine(ref _storage[0]);
        Length = length;
    }

    /// <summary>Number of floats.</summary>
    public int Length { get; }

    /// <summary>The floats, the first on a cache-line boundary.</summary>
    public Span<float> Span => _storage.AsSpan(_origin, Length);

    private static unsafe int FloatsToCacheLine(ref float first)
    {
        long misalignment = (long)Unsafe.AsPointer(ref first) % 64;
        return (int)((64 - misalignment) % 64) / sizeof(float);
    }
}
