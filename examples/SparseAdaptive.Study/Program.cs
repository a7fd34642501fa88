using System.Diagnostics;
using System.Globalization;
using SparseAdaptive.Study;

// Reports and CSV files read the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

return new StudyCommand().Build(RunStudy).Parse(args).Invoke();

static int RunStudy(StudyOptions options, CancellationToken cancellationToken)
{
    var progress = ProgressDisplay.ForConsole(StudyRunner.RunCount(options));
    progress.Expect(StudyEstimate.TotalSeconds(options));
    var started = DateTimeOffset.UtcNow;
    var clock = Stopwatch.StartNew();
    IReadOnlyList<RunResult> runs;
    try
    {
        runs = new StudyRunner(options, progress).Run(cancellationToken);
    }
    catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or SparseAdaptive.Data.IdxFormatException)
    {
        Console.Error.WriteLine(e.Message);
        return 3;
    }
    catch (OperationCanceledException)
    {
        Console.Error.WriteLine("Cancelled; no report written.");
        return 130;
    }

    var results = new StudyResults(options, runs, started, clock.Elapsed);
    string directory = Path.GetFullPath(options.OutputDirectory);
    Directory.CreateDirectory(directory);
    progress.Note($"Writing the report to {directory}");
    ReportCsvWriter.Write(results, directory);
    var charts = ReportPlotter.Write(results, directory);
    MarkdownReport.Write(results, charts, directory);
    progress.Note($"Done in {clock.Elapsed:h\\:mm\\:ss}: {Path.Combine(directory, "report.md")}");
    return 0;
}
