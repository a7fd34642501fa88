namespace SparseAdaptive.Network;

/// <summary>
/// Splits the rows (or columns) of a layer into contiguous blocks of similar work and runs them on up to
/// a given number of threads. Every row is computed by one call of the body, so results never depend on the split.
/// </summary>
internal static class ParallelRange
{
    private const int BlocksPerThread = 4;

    /// <summary>Runs <paramref name="body"/>(start, end) over [0, offsets.Length − 1), balanced by the offsets' spans.</summary>
    public static void Run(int threads, int[] offsets, Action<int, int> body)
    {
        int count = offsets.Length - 1;
        if (threads <= 1 || count < 2)
        {
            body(0, count);
            return;
        }

        int blocks = Math.Min(count, threads * BlocksPerThread);
        // Work of a row: its links plus a fixed cost for visiting it at all.
        long total = offsets[count] - offsets[0] + (long)count;
        var starts = new int[blocks + 1];
        int row = 0;
        for (int b = 1; b < blocks; b++)
        {
            long goal = total * b / blocks;
            while (row < count && (offsets[row] - offsets[0] + (long)row) < goal)
            {
                row++;
            }
            starts[b] = row;
        }
        starts[blocks] = count;
        WorkerPool.Run(threads, blocks, b =>
        {
            if (starts[b] < starts[b + 1])
            {
                body(starts[b], starts[b + 1]);
            }
        });
    }

    /// <summary>Runs <paramref name="body"/>(start, end) over [0, count) in equal blocks.</summary>
    public static void Run(int threads, int count, Action<int, int> body)
    {
        if (threads <= 1 || count < 2)
        {
            body(0, count);
            return;
        }
        int blocks = Math.Min(count, threads * BlocksPerThread);
        WorkerPool.Run(threads, blocks, b =>
            body((int)((long)count * b / blocks), (int)((long)count * (b + 1) / blocks)));
    }
}
