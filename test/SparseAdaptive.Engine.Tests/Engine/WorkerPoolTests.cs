using SparseAdaptive.Network;

namespace SparseAdaptive.Engine.Tests.Engine;

public class WorkerPoolTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void Every_block_runs_exactly_once(int threads)
    {
        for (int round = 0; round < 200; round++)
        {
            var runs = new int[37];
            WorkerPool.Run(threads, runs.Length, b => Interlocked.Increment(ref runs[b]));
            runs.Should().OnlyContain(n => n == 1);
        }
    }

    // A worker preempted between waking for a region and taking its blocks used to run on into the caller's next
    // region's counters: a block could run twice and the next region end early. Regions of alternating sizes, back to
    // back, with threads competing for the cores, give it every chance to happen.
    [Fact]
    public async Task A_late_worker_never_runs_a_block_of_the_next_region_twice()
    {
        using var stop = new CancellationTokenSource();
        var competitors = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Thread.SpinWait(1000);
            }
        })).ToArray();
        try
        {
            int[] sizes = [2, 64, 3, 200, 5];
            var wrong = new List<int>();
            for (int round = 0; round < 20_000; round++)
            {
                var runs = new int[sizes[round % sizes.Length]];
                WorkerPool.Run(2, runs.Length, b => Interlocked.Increment(ref runs[b]));
                if (runs.Any(n => n != 1))
                {
                    wrong.Add(round);
                }
            }
            wrong.Should().BeEmpty("every block of a region runs once, and all have run when Run returns");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(competitors);
        }
    }

    [Fact]
    public void A_failing_block_fails_the_call_and_the_pool_keeps_working()
    {
        var act = () => WorkerPool.Run(2, 10, b =>
        {
            if (b == 7)
            {
                throw new InvalidOperationException("block 7 failed");
            }
        });
        act.Should().Throw<InvalidOperationException>().WithMessage("block 7 failed");

        int done = 0;
        WorkerPool.Run(2, 10, _ => Interlocked.Increment(ref done));
        done.Should().Be(10);
    }

    [Fact]
    public void A_region_opened_inside_a_region_runs_on_the_calling_thread()
    {
        var inner = new int[4 * 5];
        WorkerPool.Run(2, 4, outer => WorkerPool.Run(2, 5, b => Interlocked.Increment(ref inner[outer * 5 + b])));
        inner.Should().OnlyContain(n => n == 1);
    }
}
