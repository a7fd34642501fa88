namespace SparseAdaptive.Study.Cells;

/// <summary>
/// The results of a plan's cells as stored in one or more output directories: the runs the report is made of, and the
/// cells that are missing or failed, which the report lists rather than leaving out in silence.
/// </summary>
internal sealed class StoredStudy
{
    private StoredStudy(IReadOnlyList<RunResult> runs, IReadOnlyList<CellRecord> records, IReadOnlyList<StudyCell> missing,
        IReadOnlyList<(StudyCell Cell, string Error)> failed)
    {
        Runs = runs;
        Records = records;
        Missing = missing;
        Failed = failed;
    }

    /// <summary>When and where each complete cell was computed.</summary>
    public IReadOnlyList<CellRecord> Records { get; }

    /// <summary>Every stored run of the plan, in plan order, with its measurement and the transfer attacks scored on it where they are stored.</summary>
    public IReadOnlyList<RunResult> Runs { get; }

    /// <summary>Cells of the plan that are neither complete nor recorded as failed.</summary>
    public IReadOnlyList<StudyCell> Missing { get; }

    /// <summary>Cells of the plan that failed, with the first line of their error.</summary>
    public IReadOnlyList<(StudyCell Cell, string Error)> Failed { get; }

    /// <summary>Reads the cells of <paramref name="plan"/> from <paramref name="store"/>.</summary>
    public static StoredStudy Load(StudyPlan plan, CellStore store)
    {
        // Each cell looked up once: with several directories every look-up probes each of them.
        var found = plan.Cells.ToDictionary(cell => cell, store.Find);
        var records = found.Values.OfType<string>().Select(CellStore.ReadRecord).ToArray();
        var failed = new List<(StudyCell, string)>();
        var missing = new List<StudyCell>();
        foreach (var cell in plan.Cells.Where(c => found[c] is null))
        {
            if (store.Failure(cell) is string error)
            {
                failed.Add((cell, error));
            }
            else
            {
                missing.Add(cell);
            }
        }
        var transfers = plan.TransferCells.Where(cell => found[cell] is not null)
            .SelectMany(cell => TransferCell.Load(found[cell]!).Select(target => (Key: (cell.DataSet, cell.Seed, target.Target), target)))
            .ToDictionary(t => t.Key, t => t.target);
        var measured = plan.MeasurementCells.Where(cell => found[cell] is not null)
            .ToDictionary(cell => cell.Trained, cell => MeasurementCell.Load(found[cell]!));
        var runs = plan.TrainingCells.Where(cell => found[cell] is not null)
            .Select(cell => TrainingCell.Load(found[cell]!) with { Measurement = measured.GetValueOrDefault(cell) })
            .Select(run => run.Variant is null && transfers.TryGetValue((run.DataSet, run.Seed, run.Kind), out var t) ? run with { Transfer = t.Sweeps, TransferSeconds = t.Seconds } : run)
            .ToArray();
        return new StoredStudy(runs, records, missing, failed);
    }
}
