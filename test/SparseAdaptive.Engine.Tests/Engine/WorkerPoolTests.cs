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
