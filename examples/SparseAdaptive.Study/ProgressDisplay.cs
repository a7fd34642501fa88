using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>
/// The console view of a study run: on a terminal, one line per cell that updates in place with each epoch; when the
/// output is redirected (CI, a log file, a Slurm task), only one finished line per cell, so logs stay short.
/// </summary>
internal sealed class ProgressDisplay
{
    private readonly TextWriter _out;
    private readonly bool _interactive;
    private int _cellCount;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private double _estimatedDone;
    private double _estimatedLeft;
    private double _estimatedRun;
    private int _cell;
    private string _label = "";
    private int _lastWidth;

    /// <summary>Writes to <paramref name="output"/>, updating lines in place only when <paramref name="interactive"/>.</summary>
    public ProgressDisplay(TextWriter output, bool interactive)
    {
        _out = output;
        _interactive = interactive;
    }

    /// <summary>A display on the console, interactive unless the output is redirected.</summary>
    public static ProgressDisplay ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    /// <summary>Prints a line that is not about a run (loading data, writing the report).</summary>
    public void Note(string message) => _out.WriteLine(message);

    /// <summary>Sets the number and expected cost of the cells to run, printed now; each cell's start then shows an ETA.</summary>
    public void Expect(int cellCount, double totalSeconds)
    {
        _cellCount = cellCount;
        _estimatedLeft = totalSeconds;
        Note($"Estimated time on this project's 2-core machine: {TimeSpan.FromSeconds(totalSeconds):h\\:mm\\:ss} (dense runs at their epoch cap)");
    }

    /// <summary>Starts the line of the next cell, <paramref name="label"/>, whose expected cost is <paramref name="estimatedSeconds"/>.</summary>
    public void StartCell(string label, double estimatedSeconds)
    {
        _cell++;
        _estimatedDone += _estimatedRun;
        _estimatedLeft -= _estimatedRun;
        _estimatedRun = estimatedSeconds;
        // The runs so far tell how fast this machine is against the estimate.
        double pace = _estimatedDone > 0 ? _clock.Elapsed.TotalSeconds / _estimatedDone : 1;
        string eta = _estimatedLeft > 0 ? $" (ETA {TimeSpan.FromSeconds(pace * _estimatedLeft):h\\:mm\\:ss})" : "";
        _label = $"[{_cell}/{_cellCount}{eta}] {label}";
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

    /// <summary>Ends the cell's line with <paramref name="outcome"/>.</summary>
    public void Finish(string outcome)
    {
        string line = $"{_label} · {outcome}";
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
