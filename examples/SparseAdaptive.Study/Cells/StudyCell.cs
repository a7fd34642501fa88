namespace SparseAdaptive.Study.Cells;

/// <summary>
/// One unit of the study's plan: it computes its results (from the data, or from the cells it depends on) and writes
/// them into its own folder. A cell is complete or absent, never half there (<see cref="CellStore"/>).
/// </summary>
internal abstract class StudyCell
{
    /// <summary>What the cell's results depend on; its <see cref="CellKey.Name"/> names the cell's folder.</summary>
    public abstract CellKey Key { get; }

    /// <summary>The cell's folder name.</summary>
    public string Name => Key.Name;

    /// <summary>A short description for people: data set, kind, seed.</summary>
    public abstract string Label { get; }

    /// <summary>The cells whose stored results this one reads; they must be complete before it runs.</summary>
    public virtual IReadOnlyList<StudyCell> Dependencies => [];

    /// <summary>0 for cells that need no other cell, else one more than the highest stage of its dependencies.</summary>
    public int Stage => Dependencies.Count == 0 ? 0 : Dependencies.Max(d => d.Stage) + 1;

    /// <summary>Expected seconds on this project's 2-core machine (<see cref="StudyEstimate"/>).</summary>
    public abstract double EstimatedSeconds { get; }

    /// <summary>Computes the cell's results and writes them into <paramref name="directory"/>, an empty folder.</summary>
    public abstract void Run(CellContext context, string directory, CancellationToken cancellationToken);
}
