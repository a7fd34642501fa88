namespace SparseAdaptive.Study;

/// <summary>Command-line and folder names of the data sets.</summary>
internal static class DataSetNames
{
    /// <summary>Pixels of an image of either data set (28 × 28): the networks' input size, known before any data is read.</summary>
    public const int FeatureCount = 28 * 28;

    /// <summary>Classes of either data set.</summary>
    public const int ClassCount = 10;

    /// <summary>Every data set, in report order.</summary>
    public static readonly DataSetName[] All = [DataSetName.Mnist, DataSetName.FashionMnist];

    /// <summary>The data set's name on the command line, in file names and as its folder under the data root.</summary>
    public static string Name(this DataSetName dataSet) => dataSet == DataSetName.Mnist ? "mnist" : "fashion-mnist";

    /// <summary>The data set's proper name, for titles and prose.</summary>
    public static string Title(this DataSetName dataSet) => dataSet == DataSetName.Mnist ? "MNIST" : "Fashion-MNIST";

    /// <summary>Parses a name given by <see cref="Name"/>; null when it names no data set.</summary>
    public static DataSetName? Parse(string name) => All.Select(d => (DataSetName?)d).FirstOrDefault(d => d!.Value.Name() == name);
}
