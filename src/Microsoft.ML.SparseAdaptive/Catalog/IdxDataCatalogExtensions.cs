using Microsoft.ML.Data;
using SparseAdaptive.Data;

namespace Microsoft.ML;

/// <summary>
/// Loads IDX image data sets (MNIST, Fashion-MNIST and others in the same format) as ML.NET data views.
/// </summary>
public static class IdxDataCatalogExtensions
{
    /// <summary>The name of the label column of the data views made here.</summary>
    public const string LabelColumnName = "Label";

    /// <summary>The name of the feature column of the data views made here.</summary>
    public const string FeaturesColumnName = "Features";

    /// <summary>
    /// Reads one split of an IDX data set stored in the MNIST layout (<c>{train|t10k}-images-idx3-ubyte</c> and
    /// <c>{train|t10k}-labels-idx1-ubyte</c>, raw or with a <c>.gz</c> suffix) into an in-memory data view.
    /// </summary>
    /// <param name="catalog">The data operations catalog.</param>
    /// <param name="directory">The directory holding the IDX files.</param>
    /// <param name="split">Which pair of files to read.</param>
    /// <param name="maxCount">When given, read only the first <paramref name="maxCount"/> samples.</param>
    /// <returns>
    /// A data view with a <c>Label</c> column of type <see cref="uint"/> (the class value as stored) and a
    /// <c>Features</c> column, a vector of <see cref="float"/> of the fixed size rows × columns (784 for MNIST),
    /// holding the pixels row-major, scaled to [0, 1], with slot names <c>r{row}c{column}</c> (0-based).
    /// </returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="FileNotFoundException">An expected file is in neither its raw nor its gzip form.</exception>
    /// <exception cref="IdxFormatException">A file is not a valid IDX file of the expected kind, or the two files disagree.</exception>
    public static IDataView LoadFromIdx(this DataOperationsCatalog catalog, string directory, IdxSplit split, int? maxCount = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.LoadFromIdx(IdxDataset.Load(directory, split, maxCount));
    }

    /// <summary>
    /// Makes an in-memory data view of an <see cref="IdxDataset"/>.
    /// </summary>
    /// <param name="catalog">The data operations catalog.</param>
    /// <param name="dataset">The images and labels.</param>
    /// <returns>
    /// A data view with a <c>Label</c> column of type <see cref="uint"/> and a <c>Features</c> column, a vector of
    /// <see cref="float"/> of the fixed size <see cref="IdxDataset.FeatureCount"/>.
    /// </returns>
    public static IDataView LoadFromIdx(this DataOperationsCatalog catalog, IdxDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(dataset);

        // The size is known only at run time, so the schema fixes it explicitly; otherwise the column would be a
        // variable-size vector, which trainers reject.
        SchemaDefinition schema = SchemaDefinition.Create(typeof(IdxRow));
        var features = schema[nameof(IdxRow.Features)];
        features.ColumnType = new VectorDataViewType(NumberDataViewType.Single, dataset.FeatureCount);
        features.AddAnnotation(SlotNamesKind, PixelNames(dataset), new VectorDataViewType(TextDataViewType.Instance, dataset.FeatureCount));

        // A list (not a lazy sequence) gives the view a row count and lets ML.NET shuffle it.
        var rows = new List<IdxRow>(dataset.Count);
        for (int i = 0; i < dataset.Count; i++)
        {
            rows.Add(new IdxRow { Label = dataset.Labels[i], Features = dataset.GetFeatures(i).ToArray() });
        }

        return catalog.LoadFromEnumerable(rows, schema);
    }

    // "r{row}c{column}", 0-based, so that feature importances and slot-aware transforms name the pixel.
    private static VBuffer<ReadOnlyMemory<char>> PixelNames(IdxDataset dataset)
    {
        var names = new ReadOnlyMemory<char>[dataset.FeatureCount];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = $"r{i / dataset.Columns}c{i % dataset.Columns}".AsMemory();
        }
        return new VBuffer<ReadOnlyMemory<char>>(names.Length, names);
    }

    // ML.NET's name for slot-name annotations (its constant is internal).
    private const string SlotNamesKind = "SlotNames";

    private sealed class IdxRow
    {
        [ColumnName(LabelColumnName)]
        public uint Label { get; init; }

        [ColumnName(FeaturesColumnName)]
        public float[] Features { get; init; } = [];
    }
}
