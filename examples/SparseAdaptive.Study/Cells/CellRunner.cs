namespace SparseAdaptive.Study.Cells;

/// <summary>
/// Runs the cells of a selection that are not complete yet, in plan order. A cell that throws is recorded as failed and
/// the run goes on with the next (a cell whose dependencies failed fails too, saying which).
/// </summary>
internal sealed class CellRunner
{
    private readonly CellContext _context;

    /// <summary>Runs cells with what <paramref name="context"/> holds.</summary>
    public CellRunner(CellContext context) => _context = context;

    /// <summary>Runs the incomplete cells of <paramref name="selection"/>; returns the cells that failed.</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled; the cells finished until then stay complete.</exception>
    public IReadOnlyList<StudyCell> Run(IReadOnlyList<StudyCell> selection, CancellationToken cancellationToken)
    {
        var store = _context.Store;
        var progress = _context.Progress;
        int abandoned = store.RemoveAbandoned();
        var missing = selection.Where(c => store.Find(c) is null).ToArray();
        progress.Note($"{selection.Count} cells selected: {selection.Count - missing.Length} found complete in {store.Output}, {missing.Length} to run"
            + (abandoned > 0 ? $" ({abandoned} partial cells of killed runs removed)" : ""));
        progress.Expect(missing.Length, missing.Sum(c => c.EstimatedSeconds));
        var failed = new List<StudyCell>();
        foreach (var cell in missing)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress.StartCell(cell.AlignedLabel, cell.EstimatedSeconds);
            try
            {
                store.Write(cell, directory => cell.Run(_context, directory, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                store.RecordFailure(cell, e);
                progress.Finish($"FAILED: {e.GetType().Name}: {e.Message}");
                failed.Add(cell);
            }
        }
        return failed;
    }
}
