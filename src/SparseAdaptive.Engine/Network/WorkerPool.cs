using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace SparseAdaptive.Network;

/// <summary>
/// Threads that stay ready for the kernels' parallel regions. A training epoch opens thousands of regions of some tens
/// of microseconds each; waking thread-pool workers for every one (as <see cref="Parallel.For(int, int, Action{int})"/>
/// does) costs about as much as the work itself, so these workers spin briefly for the next region before they sleep.
/// Blocks are handed out through a shared counter; which thread runs a block never changes its result.
/// </summary>
internal sealed class WorkerPool
{
    /// <summary>How long a worker polls for the next region before it blocks.</summary>
    private const long SpinMicroseconds = 1000;

    private static readonly Lazy<WorkerPool> Shared = new(() => new WorkerPool(Environment.ProcessorCount - 1));

    [ThreadStatic]
    private static bool t_insideRegion;

    private readonly object _gate = new();
    private readonly object _caller = new();
    private readonly int _workerCount;
    private Region? _region;
    private int _generation;

    private WorkerPool(int workerCount)
    {
        _workerCount = Math.Max(0, workerCount);
        for (int w = 0; w < _workerCount; w++)
        {
            int index = w;
            new Thread(() => WorkerLoop(index)) { IsBackground = true, Name = $"SparseAdaptive worker {w + 1}" }.Start();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/>(block) for every block in [0, <paramref name="blocks"/>) on up to
    /// <paramref name="threads"/> threads (the caller's included) and returns when all are done. A call made while
    /// the pool is busy (another caller, or from inside a region) runs its blocks on the calling thread.
    /// </summary>
    public static void Run(int threads, int blocks, Action<int> work) => Shared.Value.RunBlocks(threads, blocks, work);

    private void RunBlocks(int threads, int blocks, Action<int> work)
    {
        int helpers = Math.Min(Math.Min(threads - 1, _workerCount), blocks - 1);
        if (helpers <= 0 || t_insideRegion || !Monitor.TryEnter(_caller))
        {
            for (int b = 0; b < blocks; b++)
            {
                work(b);
            }
            return;
        }
        try
        {
            var region = new Region(work, blocks, helpers);
            lock (_gate)
            {
                _region = region;
                _generation++;
                Monitor.PulseAll(_gate);
            }
            TakeBlocks(region);
            var spinner = new SpinWait();
            while (Volatile.Read(ref region.Remaining) > 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
            region.Failure?.Throw();
        }
        finally
        {
            Monitor.Exit(_caller);
        }
    }

    private void WorkerLoop(int index)
    {
        int seen = 0;
        while (true)
        {
            long sleepAt = Stopwatch.GetTimestamp() + Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
            int polls = 0;
            while (Volatile.Read(ref _generation) == seen)
            {
                // A plain poll, not SpinWait: its yields and pauses let a worker miss regions of a few tens of µs.
                if ((++polls & 255) != 0 || Stopwatch.GetTimestamp() < sleepAt)
                {
                    continue;
                }
                lock (_gate)
                {
                    while (_generation == seen)
                    {
                        Monitor.Wait(_gate);
                    }
                }
            }
            seen = Volatile.Read(ref _generation);
            var region = Volatile.Read(ref _region)!;
            if (index < region.ActiveWorkers)
            {
                TakeBlocks(region);
            }
        }
    }

    // Only the region's own counters: a worker that wakes late for a finished region finds no block left in it and
    // can never take, run twice or miscount a block of the caller's next region.
    private static void TakeBlocks(Region region)
    {
        t_insideRegion = true;
        try
        {
            int block;
            while ((block = Interlocked.Increment(ref region.NextBlock) - 1) < region.BlockCount)
            {
                try
                {
                    region.Work(block);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref region.Failure, ExceptionDispatchInfo.Capture(e), null);
                }
                finally
                {
                    Interlocked.Decrement(ref region.Remaining);
                }
            }
        }
        finally
        {
            t_insideRegion = false;
        }
    }

    /// <summary>One parallel region: its work, its blocks and its own counters.</summary>
    private sealed class Region(Action<int> work, int blockCount, int activeWorkers)
    {
        public readonly Action<int> Work = work;
        public readonly int BlockCount = blockCount;
        public readonly int ActiveWorkers = activeWorkers;
        public int NextBlock;
        public int Remaining = blockCount;
        public ExceptionDispatchInfo? Failure;
    }
}
