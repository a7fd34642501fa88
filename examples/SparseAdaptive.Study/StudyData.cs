using Microsoft.ML.SparseAdaptive.Data;
using Microsoft.ML.SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>The training and test samples of one data set, as the engine takes them, with the image shape.</summary>
internal sealed class StudyData
{
    private const int ClassCount = 10;

    private StudyData(DataSetName name, LabeledSamples train, LabeledSamples test, LabeledSamples swept, int rows, int columns)
    {
        Name = name;
        Train = train;
        Test = test;
        Swept = swept;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Which data set this is.</summary>
    public DataSetName Name { get; }

    /// <summary>The training samples.</summary>
    public LabeledSamples Train { get; }

    /// <summary>The test samples: accuracy after each epoch and clean accuracy.</summary>
    public LabeledSamples Test { get; }

    /// <summary>The first test samples, the ones every robustness sweep evaluates (the sweeps cost far more than one evaluation).</summary>
    public LabeledSamples Swept { get; }

    /// <summary>Image height.</summary>
    public int Rows { get; }

    /// <summary>Image width.</summary>
    public int Columns { get; }

    /// <summary>Reads the subsets of <paramref name="name"/> the options ask for from the data root.</summary>
    /// <exception cref="DirectoryNotFoundException">The data set's folder is missing; the message says how to fetch it.</exception>
    public static StudyData Load(DataSetName name, StudyOptions options)
    {
        string directory = Path.Combine(options.DataRoot, name.Name());
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"The {name.Name()} data set is not in '{directory}'. Run build/data.sh to fetch it, or pass --data (or set {StudyPresets.DataRootVariable}) to the directory holding '{name.Name()}/'.");
        }
        var train = IdxDataset.Load(directory, IdxSplit.Train, options.TrainCount);
        var test = IdxDataset.Load(directory, IdxSplit.Test, options.TestCount);
        int swept = Math.Min(test.Count, options.SweepCount ?? test.Count);
        return new StudyData(name, ToSamples(train, train.Count), ToSamples(test, test.Count), ToSamples(test, swept), train.Rows, train.Columns);
    }

    private static LabeledSamples ToSamples(IdxDataset data, int count) =>
        new(data.Features.AsSpan(0, count * data.FeatureCount).ToArray(), data.Labels.Take(count).Select(l => (int)l).ToArray(), data.FeatureCount, ClassCount);
}
