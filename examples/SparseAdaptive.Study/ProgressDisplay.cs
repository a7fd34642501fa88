using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>
/// The console view of a study: on a terminal, one line per run that updates in place with each epoch; when the
/// output is redirected (CI, a log file), only one finished line per run, so logs stay short.
/// </summary>
internal sealed class ProgressDisplay
{
    private readonly TextWriter _out;
    private readonly bool _interactive;
    private readonly int _runCount;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private double _estimatedDone;
    private double _estimatedLeft;
    private double _estimatedRun;
    private int _run;
    private string _label = "";
    private int _lastWidth;

    /// <summary>Writes to <paramref name="output"/>, updating lines in place only when <paramref name="interactive"/>.</summary>
    public ProgressDisplay(TextWriter output, bool interactive, int runCount)
    {
        _out = output;
        _interactive = interactive;
        _runCount = runCount;
    }

    /// <summary>A display on the console, interactive unless the output is redirected.</summary>
    public static ProgressDisplay ForConsole(int runCount) => new(Console.Out, !Console.IsOutputRedirected, runCount);

    /// <summary>Prints a line that is not about a run (loading data, writing the report).</summary>
    public void Note(string message) => _out.WriteLine(message);

    /// <summary>Sets the expected cost of the whole study, printed now; each run's start then shows an ETA.</summary>
    public void Expect(double totalSeconds)
    {
        _estimatedLeft = totalSeconds;
        Note($"Estimated time on this project's 2-core machine: {TimeSpan.FromSeconds(totalSeconds):h\\:mm\\:ss} (dense runs at their epoch cap)");
    }

    /// <summary>Starts the line of the next run, whose expected cost is <paramref name="estimatedSeconds"/>.</summary>
    public void StartRun(DataSetName dataSet, NetworkKind kind, int seed, double estimatedSeconds)
    {
        _run++;
        _estimatedDone += _estimatedRun;
        _estimatedLeft -= _estimatedRun;
        _estimatedRun = estimatedSeconds;
        // The runs so far tell how fast this machine is against the estimate.
        double pace = _estimatedDone > 0 ? _clock.Elapsed.TotalSeconds / _estimatedDone : 1;
        string eta = _estimatedLeft > 0 ? $" (ETA {TimeSpan.FromSeconds(pace * _estimatedLeft):h\\:mm\\:ss})" : "";
        _label = $"[{_run}/{_runCount}{eta}] {dataSet.Name(),-13} {kind.Name(),-11} seed {seed}";
        Update("training");
    }

    /// <summary>Shows the epoch just finished.</summary>
    public void Epoch(EpochReport report)
    {
        string rewired = report.LinksRewired > 0 ? $" · rewired {report.LinksRewired:N0}" : "";
        Update($"epoch {report.Epoch}/{report.Epochs} · loss {report.Loss:F3} · validation {report.ValidationAccuracy:P1}{rewired} · {report.Seconds:F1} s/epoch");
    }

    /// <summary>Shows that the robustness sweeps are running.</summary>
    public void Sweeping() => Update("robustness sweeps");

    /// <summary>Ends the run's line with its result.</summary>
    public void FinishRun(RunResult result)
    {
        string line = $"{_label} · test {result.CleanAccuracy:P2} · {result.Epochs.Count} epochs {result.TrainSeconds:F1} s · sweeps {result.SweepSeconds:F1} s";
        if (_interactive)
        {
            _out.Write("\r" + line.PadRight(_lastWidth) + "\n");
            _lastWidth = 0;
        }
        else
        {
            _out.WriteLine(line);
        }
    }

    private void Update(string status)
    {
        if (!_interactive)
        {
            return;
        }
        string line = $"{_label} · {status}";
        int width = ConsoleWidth();
        if (line.Length > width)
        {
            line = line[..(width - 1)] + "…";
        }
        _out.Write("\r" + line.PadRight(_lastWidth));
        _lastWidth = line.Length;
    }

    private static int ConsoleWidth()
    {
        try
        {
            return Math.Max(Console.WindowWidth - 1, 40);
        }
        catch (IOException)
        {
            return 119;
        }
    }
}
