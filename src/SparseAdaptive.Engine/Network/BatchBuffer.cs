using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>
/// One layer's values (activations or gradients) for a mini-batch, cut into blocks of <see cref="BlockLanes"/> samples:
/// block-major, then neuron-major, then sample (<c>values[block][neuron][lane]</c>). Threads share out the blocks, and
/// each block lies in memory of its own, starting on a cache line and kept apart from the next by a gap: two cores
/// writing lanes of the same rows, even on separate cache lines, were measured to slow each other down several times.
/// </summary>
internal sealed class BatchBuffer
{
    /// <summary>Samples per block: a multiple of every vector width the kernels use.</summary>
    public const int BlockLanes = 64;

    private const int CacheLineFloats = 64 / sizeof(float);

    /// <summary>Floats left unused between blocks, so that writes near the end of one never disturb the next.</summary>
    private const int BlockGap = 256;

    private readonly float[] _storage;
    private readonly int _origin;

    /// <param name="neurons">Neurons per sample (zero for an unused buffer).</param>
    /// <param name="blocks">Blocks of <see cref="BlockLanes"/> samples.</param>
    public BatchBuffer(int neurons, int blocks)
    {
        Neurons = neurons;
        Blocks = neurons == 0 ? 0 : blocks;
        BlockLength = neurons * BlockLanes;
        BlockPitch = BlockLength + BlockGap;
        // Pinned, so the alignment found here holds for the buffer's whole life.
        _storage = GC.AllocateArray<float>(Blocks * BlockPitch + CacheLineFloats - 1, pinned: true);
        _origin = FloatsToCacheLine(ref _storage[0]);
    }

    /// <summary>Neurons per sample.</summary>
    public int Neurons { get; }

    /// <summary>Number of blocks.</summary>
    public int Blocks { get; }

    /// <summary>Floats of one block: <see cref="Neurons"/> × <see cref="BlockLanes"/>.</summary>
    public int BlockLength { get; }

    /// <summary>Floats from the start of one block to the start of the next.</summary>
    public int BlockPitch { get; }

    /// <summary>The first value of block 0; block <c>b</c> starts <see cref="BlockPitch"/> × b floats further.</summary>
    public ref float Start => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_storage), _origin);

    /// <summary>Block <paramref name="block"/>: <c>[neuron * BlockLanes + lane]</c>.</summary>
    public Span<float> Block(int block) => _storage.AsSpan(_origin + block * BlockPitch, BlockLength);

    /// <summary>The value of <paramref name="neuron"/> for <paramref name="sample"/>.</summary>
    public ref float this[int neuron, int sample] =>
        ref _storage[_origin + sample / BlockLanes * BlockPitch + neuron * BlockLanes + sample % BlockLanes];

    /// <summary>Copies every block into <paramref name="destination"/>, a buffer of the same shape.</summary>
    public void CopyTo(BatchBuffer destination)
    {
        for (int block = 0; block < Blocks; block++)
        {
            Block(block).CopyTo(destination.Block(block));
        }
    }

    private static unsafe int FloatsToCacheLine(ref float first)
    {
        long misalignment = (long)Unsafe.AsPointer(ref first) % 64;
        return (int)((64 - misalignment) % 64) / sizeof(float);
    }
}
