namespace SparseAdaptive.Study.Cells;

/// <summary>
/// One unit of the study's plan: it computes its results (from the data, or from the cells it depends on) and writes
/// them into its own folder. A cell is complete or absent, never half there (<see cref="CellStore"/>).
/// </summary>
internal abstract class StudyCell
{
    /// <summary>A cell of <paramref name="dataSet"/> and training seed <paramref name="seed"/>.</summary>
    protected StudyCell(DataSetName dataSet, int seed)
    {
        DataSet = dataSet;
        Seed = seed;
    }

    /// <summary>The data set.</summary>
    public DataSetName DataSet { get; }

    /// <summary>The training seed.</summary>
    public int Seed { get; }

    /// <summary>What the cell's results depend on; its <see cref="CellKey.Name"/> names the cell's folder.</summary>
    public abstract CellKey Key { get; }

    /// <summary>The cell's folder name.</summary>
    public string Name => Key.Name;

    /// <summary>What the cell computes for its data set and seed: a network kind's name, or "transfer".</summary>
    public abstract string What { get; }

    /// <summary>A short description for people: "mnist adaptive seed 0".</summary>
    public string Label => $"{DataSet.Name()} {What} seed {Seed}";

    /// <summary><see cref="Label"/> in aligned columns, for the progress lines of a run.</summary>
    public string AlignedLabel => $"{DataSet.Name(),-13} {What,-32} seed {Seed}";

    /// <summary>The cells whose stored results this one reads; they must be complete before it runs.</summary>
    public virtual IReadOnlyList<StudyCell> Dependencies => [];

    /// <summary>0 for cells that need no other cell, else one more than the highest stage of its dependencies.</summary>
    public int Stage => Dependencies.Count == 0 ? 0 : Dependencies.Max(d => d.Stage) + 1;

    /// <summary>Expected seconds on this project's 2-core machine (<see cref="StudyEstimate"/>).</summary>
    public abstract double EstimatedSeconds { get; }

    /// <summary>Computes the cell's results and writes them into <paramref name="directory"/>, an empty folder.</summary>
    public abstract void Run(CellContext context, string directory, CancellationToken cancellationToken);
}
