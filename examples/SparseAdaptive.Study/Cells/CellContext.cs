namespace SparseAdaptive.Study.Cells;

/// <summary>What running cells needs: the options, the data sets (each loaded once), the stored cells, the progress display.</summary>
internal sealed class CellContext
{
    private readonly Dictionary<DataSetName, StudyData> _data = [];

    /// <summary>Runs cells with <paramref name="options"/>, reading dependencies from <paramref name="store"/>.</summary>
    public CellContext(StudyOptions options, CellStore store, ProgressDisplay progress)
    {
        Options = options;
        Store = store;
        Progress = progress;
    }

    /// <summary>The study's options.</summary>
    public StudyOptions Options { get; }

    /// <summary>Where complete cells are found and new ones written.</summary>
    public CellStore Store { get; }

    /// <summary>The console view.</summary>
    public ProgressDisplay Progress { get; }

    /// <summary>The data set <paramref name="name"/>, loaded on first use.</summary>
    public StudyData Data(DataSetName name)
    {
        if (!_data.TryGetValue(name, out var data))
        {
            Progress.Note($"Loading {name.Name()} from {Options.DataRoot}");
            data = StudyData.Load(name, Options);
            Progress.Note($"  {data.Train.Count:N0} training images, {data.Test.Count:N0} test images (sweeps on {data.Swept.Count:N0})");
            _data.Add(name, data);
        }
        return data;
    }
}
