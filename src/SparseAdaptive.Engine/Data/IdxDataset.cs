namespace SparseAdaptive.Data;

/// <summary>
/// Labelled grey-scale images read from a pair of IDX files (the MNIST file format), held in memory.
/// </summary>
/// <remarks>
/// Pixels are stored row-major per image and images one after another, each pixel scaled from [0, 255] to [0, 1].
/// Labels are kept as read: any byte value is accepted.
/// </remarks>
public sealed class IdxDataset
{
    private const string ImagesContent = "images";
    private const string LabelsContent = "labels";

    /// <summary>
    /// Creates a data set from images already in memory.
    /// </summary>
    /// <param name="rows">Height of each image in pixels.</param>
    /// <param name="columns">Width of each image in pixels.</param>
    /// <param name="features">Pixel values, <c>labels.Length × rows × columns</c> of them, image after image.</param>
    /// <param name="labels">One label per image.</param>
    public IdxDataset(int rows, int columns, float[] features, byte[] labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.LongLength != (long)labels.Length * rows * columns)
        {
            throw new ArgumentException(
                $"{nameof(features)} holds {features.LongLength} values but {labels.Length} images of {rows}x{columns} pixels need {(long)labels.Length * rows * columns}.",
                nameof(features));
        }

        Rows = rows;
        Columns = columns;
        Features = features;
        Labels = labels;
    }

    /// <summary>Gets the number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Gets the height of each image in pixels.</summary>
    public int Rows { get; }

    /// <summary>Gets the width of each image in pixels.</summary>
    public int Columns { get; }

    /// <summary>Gets the number of pixels per image, <see cref="Rows"/> × <see cref="Columns"/>.</summary>
    public int FeatureCount => Rows * Columns;

    /// <summary>Gets all pixel values in [0, 1], <see cref="Count"/> × <see cref="FeatureCount"/>, image after image, each row-major.</summary>
    public float[] Features { get; }

    /// <summary>Gets the label of each image (for MNIST and Fashion-MNIST, the class 0-9).</summary>
    public byte[] Labels { get; }

    /// <summary>
    /// Gets the pixel values of one image.
    /// </summary>
    /// <param name="index">The image, from 0 to <see cref="Count"/> - 1.</param>
    /// <returns>The <see cref="FeatureCount"/> values of that image, row-major.</returns>
    public ReadOnlySpan<float> GetFeatures(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>
    /// Holds out a seeded random <paramref name="fraction"/> of the images for validation (see <see cref="ValidationSplit"/>).
    /// </summary>
    /// <param name="fraction">Fraction of the images held out, in (0, 1); 1/6 of the 60,000 MNIST training images is 10,000.</param>
    /// <param name="seed">Seed of the choice of images.</param>
    /// <returns>The images kept for training and those held out, disjoint, each in the original order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in (0, 1), or it leaves one side empty.</exception>
    public (IdxDataset Train, IdxDataset Validation) SplitValidation(double fraction, int seed)
    {
        var (train, validation) = ValidationSplit.Indices(Count, fraction, seed);
        return (Subset(train), Subset(validation));
    }

    private IdxDataset Subset(int[] indices) =>
        new(Rows, Columns, ValidationSplit.Rows(Features, FeatureCount, indices), ValidationSplit.Rows(Labels, 1, indices));

    /// <summary>
    /// Reads one split of a data set stored in the MNIST layout: <c>train-images-idx3-ubyte</c>,
    /// <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c> and <c>t10k-labels-idx1-ubyte</c>,
    /// each raw or gzip-compressed with a <c>.gz</c> suffix (the raw file is used when both exist).
    /// </summary>
    /// <param name="directory">The directory holding the files.</param>
    /// <param name="split">Which pair of files to read.</param>
    /// <param name="maxCount">When given, read only the first <paramref name="maxCount"/> samples (all if there are fewer).</param>
    /// <returns>The images and labels.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="FileNotFoundException">An expected file is in neither its raw nor its gzip form.</exception>
    /// <exception cref="IdxFormatException">A file is not a valid IDX file of the expected kind, or the two files disagree.</exception>
    public static IdxDataset Load(string directory, IdxSplit split, int? maxCount = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ValidateMaxCount(maxCount);
        string prefix = split switch
        {
            IdxSplit.Train => "train",
            IdxSplit.Test => "t10k",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, $"Unknown {nameof(IdxSplit)} value."),
        };
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The IDX data directory '{directory}' does not exist.");
        }

        return LoadFiles(
            FindFile(directory, $"{prefix}-images-idx3-ubyte"),
            FindFile(directory, $"{prefix}-labels-idx1-ubyte"),
            maxCount);
    }

    /// <summary>
    /// Reads an IDX image file (magic number 0x00000803) and its IDX label file (magic number 0x00000801),
    /// each raw or gzip-compressed whatever its name.
    /// </summary>
    /// <param name="imagesPath">The image file: unsigned bytes in 3 dimensions (count, rows, columns).</param>
    /// <param name="labelsPath">The label file: unsigned bytes in 1 dimension (count).</param>
    /// <param name="maxCount">When given, read only the first <paramref name="maxCount"/> samples (all if there are fewer).</param>
    /// <returns>The images and labels.</returns>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="IdxFormatException">A file is not a valid IDX file of the expected kind, or the two files disagree.</exception>
    public static IdxDataset LoadFiles(string imagesPath, string labelsPath, int? maxCount = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imagesPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelsPath);
        ValidateMaxCount(maxCount);

        using IdxFileReader images = IdxFileReader.Open(imagesPath, dimensionCount: 3, ImagesContent);
        using IdxFileReader labels = IdxFileReader.Open(labelsPath, dimensionCount: 1, LabelsContent);
        int imageCount = images.Dimensions[0];
        int labelCount = labels.Dimensions[0];
        if (imageCount != labelCount)
        {
            throw new IdxFormatException(
                labelsPath, $"it holds {labelCount} labels but the image file '{imagesPath}' holds {imageCount} images.");
        }

        int rows = images.Dimensions[1];
        int columns = images.Dimensions[2];
        if (rows == 0 || columns == 0)
        {
            throw new IdxFormatException(imagesPath, $"its images of {rows}x{columns} pixels are empty.");
        }

        int count = Math.Min(imageCount, maxCount ?? imageCount);
        long featureTotal = (long)count * rows * columns;
        if (featureTotal > Array.MaxLength)
        {
            throw new IdxFormatException(
                imagesPath, $"{count} images of {rows}x{columns} pixels are more than one array can hold; pass a smaller maxCount.");
        }

        var labelValues = new byte[count];
        labels.ReadBytes(labelValues, $"{count} {LabelsContent}");
        var features = new float[featureTotal];
        images.ReadScaled(features, $"{count} {ImagesContent} of {rows}x{columns} pixels");
        return new IdxDataset(rows, columns, features, labelValues);
    }

    private static void ValidateMaxCount(int? maxCount)
    {
        if (maxCount is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, "maxCount must be positive when given.");
        }
    }

    private static string FindFile(string directory, string name)
    {
        string raw = Path.Combine(directory, name);
        string compressed = raw + ".gz";
        if (File.Exists(raw))
        {
            return raw;
        }

        if (File.Exists(compressed))
        {
            return compressed;
        }

        throw new FileNotFoundException(
            $"The IDX data directory '{directory}' holds neither '{name}' nor '{name}.gz'.", raw);
    }
}
