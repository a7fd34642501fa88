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
    private Action<int> _work = _ => { };
    private int _blockCount;
    private int _nextBlock;
    private int _remaining;
    private int _activeWorkers;
    private int _generation;
    private ExceptionDispatchInfo? _failure;

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
            _work = work;
            _blockCount = blocks;
            _nextBlock = 0;
            _remaining = blocks;
            _activeWorkers = helpers;
            _failure = null;
            lock (_gate)
            {
                _generation++;
                Monitor.PulseAll(_gate);
            }
            TakeBlocks();
            var spinner = new SpinWait();
            while (Volatile.Read(ref _remaining) > 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
            _failure?.Throw();
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
            if (index < _activeWorkers)
            {
                TakeBlocks();
            }
        }
    }

    private void TakeBlocks()
    {
        t_insideRegion = true;
        try
        {
            int block;
            while ((block = Interlocked.Increment(ref _nextBlock) - 1) < _blockCount)
            {
                try
                {
                    _work(block);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
                }
                finally
                {
                    Interlocked.Decrement(ref _remaining);
                }
            }
        }
        finally
        {
            t_insideRegion = false;
        }
    }
}
