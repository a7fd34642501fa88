using SparseAdaptive.Analysis;
using SparseAdaptive.Data;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>The samples of one data set, as the engine takes them, with the image shape.</summary>
/// <param name="Name">Which data set this is.</param>
/// <param name="Train">The training samples (the training images not held out).</param>
/// <param name="Validation">The held-out training images: per-epoch accuracy and early stopping; every choice is made on them.</param>
/// <param name="Test">The test samples, touched only for the final figures (clean accuracy).</param>
/// <param name="Swept">The first test samples, the ones every robustness sweep evaluates (the sweeps cost far more than one evaluation).</param>
/// <param name="NearBlank">The near-blank pixels of <paramref name="Train"/>.</param>
/// <param name="Rows">Image height.</param>
/// <param name="Columns">Image width.</param>
internal sealed record StudyData(DataSetName Name, LabeledSamples Train, LabeledSamples Validation, LabeledSamples Test, LabeledSamples Swept,
    NearBlankPixels NearBlank, int Rows, int Columns)
{
    /// <summary>The first swept samples, on which the study's PGD is compared with a stronger one.</summary>
    public required LabeledSamples PgdChecked { get; init; }

    /// <summary>The first swept samples, on which the transfer attacks are scored.</summary>
    public required LabeledSamples Transferred { get; init; }

    /// <summary>The first swept samples, which the robustness probes during training evaluate.</summary>
    public required LabeledSamples Probed { get; init; }

    /// <summary>Fraction of the training images held out for validation: 10,000 of MNIST's 60,000.</summary>
    public const double ValidationFraction = 1.0 / 6;

    /// <summary>Seed of the validation split, the same for every run so that runs are paired.</summary>
    public const int SplitSeed = 0;

    /// <summary>Reads the subsets of <paramref name="name"/> the options ask for from the data root.</summary>
    /// <exception cref="DirectoryNotFoundException">The data set's folder is missing; the message says how to fetch it.</exception>
    public static StudyData Load(DataSetName name, StudyOptions options)
    {
        string directory = Folder(name, options);
        var (train, validation) = IdxDataset.Load(directory, IdxSplit.Train, options.TrainCount).SplitValidation(ValidationFraction, SplitSeed);
        var test = IdxDataset.Load(directory, IdxSplit.Test, options.TestCount);
        var swept = ToSamples(test, Math.Min(test.Count, options.SweepCount ?? test.Count));
        return new StudyData(name, ToSamples(train, train.Count), ToSamples(validation, validation.Count), ToSamples(test, test.Count),
            swept, NearBlankPixels.Of(train.Features, train.FeatureCount), train.Rows, train.Columns)
        {
            PgdChecked = swept.Take(options.PgdCheckCount),
            Transferred = swept.Take(options.TransferCount),
            Probed = swept.Take(options.ProbeCount),
        };
    }

    /// <summary>The folder of <paramref name="name"/> under the data root.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder is missing; the message says how to fetch the data set.</exception>
    public static string Folder(DataSetName name, StudyOptions options)
    {
        string directory = Path.Combine(options.DataRoot, name.Name());
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"The {name.Name()} data set is not in '{directory}'. Run build/data.sh to fetch it, or pass --data (or set {StudyPresets.DataRootVariable}) to the directory holding '{name.Name()}/'.");
        }
        return directory;
    }

    private static LabeledSamples ToSamples(IdxDataset data, int count) =>
        new(data.Features.AsSpan(0, count * data.FeatureCount).ToArray(), data.Labels.Take(count).Select(l => (int)l).ToArray(), data.FeatureCount, DataSetNames.ClassCount);
}
