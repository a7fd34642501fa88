using System.Diagnostics;

namespace SparseAdaptive.Benchmarks;

/// <summary>Wall-clock timing that resists the noise of a shared 2-core machine: repeat, keep the median.</summary>
internal static class Timing
{
    /// <summary>
    /// Collects all garbage left by earlier measurements, so that no background collection of it runs on one of the
    /// two cores while the next configuration is timed.
    /// </summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Seconds taken by <paramref name="action"/>.</summary>
    public static double Seconds(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Median seconds per call of <paramref name="action"/>: it is first run <paramref name="warmups"/> times, then each of
    /// <paramref name="repeats"/> samples times enough back-to-back calls to last at least <paramref name="minSampleSeconds"/>.
    /// </summary>
    public static double MedianSecondsPerCall(Action action, int repeats = 7, double minSampleSeconds = 0.2, int warmups = 3)
    {
        double single = 0;
        for (int i = 0; i < warmups; i++)
        {
            single = Seconds(action);
        }
        int calls = (int)Math.Clamp(Math.Ceiling(minSampleSeconds / Math.Max(single, 1e-7)), 1, 1_000_000);
        var samples = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            samples[r] = Seconds(() =>
            {
                for (int c = 0; c < calls; c++)
                {
                    action();
                }
            }) / calls;
        }
        return Median(samples);
    }

    /// <summary>
    /// Best seconds of each action over <paramref name="passes"/> passes, after one warm-up pass; each pass runs every
    /// action once, in turn, so that a change in the machine's load hits all of them alike.
    /// </summary>
    public static double[] BestSecondsInterleaved(int passes, params Action[] actions)
    {
        var best = new double[actions.Length];
        Array.Fill(best, double.PositiveInfinity);
        for (int pass = -1; pass < passes; pass++)
        {
            for (int a = 0; a < actions.Length; a++)
            {
                Settle();
                double seconds = Seconds(actions[a]);
                if (pass >= 0)
                {
                    best[a] = Math.Min(best[a], seconds);
                }
            }
        }
        return best;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values to take the median of.", nameof(values));
        }
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
