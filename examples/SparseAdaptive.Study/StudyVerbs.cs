using System.Diagnostics;
using SparseAdaptive.Data;
using SparseAdaptive.Study.Cells;

namespace SparseAdaptive.Study;

/// <summary>
/// What the study program does, one method per verb. Exit codes: 0 done; 1 some cells failed (they are recorded and
/// listed; running again retries them); 2 a bad option; 3 a data set is missing or unreadable; 130 cancelled.
/// </summary>
internal sealed class StudyVerbs
{
    private readonly ProgressDisplay _progress = ProgressDisplay.ForConsole();

    /// <summary>The default: runs every missing cell, then writes the report from all the stored cells.</summary>
    public int RunAndReport(StudyOptions options, CancellationToken cancellationToken)
    {
        int ran = RunCells(options, new StudyPlan(options).Cells, cancellationToken);
        if (ran is not (0 or 1))
        {
            return ran;
        }
        int reported = Report(options, []);
        return reported == 0 ? ran : reported;
    }

    /// <summary>Lists the plan's cells, their state in the output directory, and the estimated time of all and of the missing ones.</summary>
    public int Plan(StudyOptions options)
    {
        var plan = new StudyPlan(options);
        var store = new CellStore(options.OutputDirectory);
        Console.WriteLine($"{"cell",4}  {"stage",5}  {"estimate",8}  {"state",-8}  name");
        double missing = 0;
        foreach (var cell in plan.Cells)
        {
            string state = store.Find(cell) is not null ? "complete" : store.Failure(cell) is not null ? "failed" : "missing";
            if (state != "complete")
            {
                missing += cell.EstimatedSeconds;
            }
            Console.WriteLine($"{plan.IndexOf(cell),4}  {cell.Stage,5}  {Duration(cell.EstimatedSeconds),8}  {state,-8}  {cell.Name}  ({cell.Label})");
        }
        Console.WriteLine($"{plan.Cells.Count} cells in {plan.LastStage + 1} stages, estimated {Duration(plan.Cells.Sum(c => c.EstimatedSeconds))} on this project's 2-core machine; "
            + $"{Duration(missing)} for those not complete in {store.Output}.");
        return 0;
    }

    /// <summary>Runs the missing cells among those selected by <paramref name="stage"/>, <paramref name="cells"/> and <paramref name="shard"/> (each optional).</summary>
    public int Run(StudyOptions options, int? stage, string? cells, string? shard, CancellationToken cancellationToken)
    {
        IReadOnlyList<StudyCell> selection;
        try
        {
            selection = new StudyPlan(options).Select(stage, cells, shard is null ? null : Shard.Parse(shard));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        return RunCells(options, selection, cancellationToken);
    }

    /// <summary>Writes the report from the cells stored in the output directory and in <paramref name="from"/>, training nothing.</summary>
    public int Report(StudyOptions options, IReadOnlyList<string> from)
    {
        var missingDirectory = from.FirstOrDefault(d => !Directory.Exists(d));
        if (missingDirectory is not null)
        {
            Console.Error.WriteLine($"--from: the directory '{missingDirectory}' does not exist.");
            return 2;
        }
        var clock = Stopwatch.StartNew();
        var plan = new StudyPlan(options);
        var store = new CellStore(options.OutputDirectory, from);
        var stored = StoredStudy.Load(plan, store);
        if (stored.Runs.Count == 0)
        {
            Console.Error.WriteLine($"No cell of this plan is complete in {string.Join(" or ", [store.Output, .. from])}: nothing to report. `plan` lists the cells.");
            return 1;
        }
        StudyResults results;
        try
        {
            results = new StudyResults(options, stored);
        }
        catch (InvalidOperationException e)
        {
            // Runs exist, but no kind has runs in every data set that has some: nothing can be compared.
            Console.Error.WriteLine($"{e.Message} Run the missing cells (`plan` lists them) or narrow --datasets and --kinds.");
            return 1;
        }
        string directory = store.Output;
        Directory.CreateDirectory(directory);
        _progress.Note($"Writing the report of {stored.Records.Count} cells to {directory}"
            + (stored.Missing.Count + stored.Failed.Count > 0 ? $" ({stored.Failed.Count} failed and {stored.Missing.Count} missing cells listed in it)" : ""));
        var family = new Findings.ComparisonFamily(results);
        ReportCsvWriter.Write(results, directory);
        Findings.FindingsCsvWriter.Write(results, family, directory);
        var charts = ReportPlotter.Write(results, directory);
        MarkdownReport.Write(results, family, charts, directory);
        _progress.Note($"Report written in {clock.Elapsed.TotalSeconds:F1} s: {Path.Combine(directory, "report.md")}");
        return 0;
    }

    private int RunCells(StudyOptions options, IReadOnlyList<StudyCell> selection, CancellationToken cancellationToken)
    {
        var store = new CellStore(options.OutputDirectory);
        try
        {
            // A missing data set should not surface after the first one has trained for an hour.
            foreach (var dataSet in options.DataSets)
            {
                StudyData.Folder(dataSet, options);
            }
            var failed = new CellRunner(new CellContext(options, store, _progress)).Run(selection, cancellationToken);
            if (failed.Count > 0)
            {
                Console.Error.WriteLine($"{failed.Count} cells failed (errors in {Path.Combine(store.Output, "failed")}); running again retries them.");
                return 1;
            }
            return 0;
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or IdxFormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 3;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"Cancelled; the cells completed so far are kept in {Path.Combine(store.Output, "cells")}.");
            return 130;
        }
    }

    private static string Duration(double seconds) => TimeSpan.FromSeconds(seconds).ToString(@"h\:mm\:ss");
}
