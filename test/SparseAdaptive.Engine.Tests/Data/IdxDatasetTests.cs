using SparseAdaptive.Data;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Data;

public sealed class IdxDatasetTests : IDisposable
{
    private const int Count = 5;
    private const int Rows = 3;
    private const int Columns = 4;
    private const string TrainImages = "train-images-idx3-ubyte";
    private const string TrainLabels = "train-labels-idx1-ubyte";

    // 200 and 17: labels beyond 0-9 are valid IDX content.
    private static readonly byte[] LabelValues = [7, 0, 200, 9, 17];

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Load_ReadsPixelsScaledAndLabelsAsStored()
    {
        WriteValidTrainFiles(gzip: false);

        IdxDataset dataset = IdxDataset.Load(_directory.Path, IdxSplit.Train);

        dataset.Count.Should().Be(Count);
        dataset.Rows.Should().Be(Rows);
        dataset.Columns.Should().Be(Columns);
        dataset.FeatureCount.Should().Be(Rows * Columns);
        dataset.Labels.Should().Equal(LabelValues);
        dataset.Features.Should().Equal(ExpectedFeatures(Count));
        dataset.Features.Should().Contain(0f).And.Contain(1f);
        dataset.GetFeatures(2).ToArray().Should().Equal(ExpectedFeatures(Count).Skip(2 * Rows * Columns).Take(Rows * Columns));
    }

    [Fact]
    public void Load_GzipAndRawFilesGiveIdenticalData()
    {
        using var rawDirectory = new TemporaryDirectory();
        File.WriteAllBytes(Path.Combine(rawDirectory.Path, TrainImages), IdxBytes.Images(Count, Rows, Columns));
        File.WriteAllBytes(Path.Combine(rawDirectory.Path, TrainLabels), IdxBytes.Labels(LabelValues));
        WriteValidTrainFiles(gzip: true);

        IdxDataset raw = IdxDataset.Load(rawDirectory.Path, IdxSplit.Train);
        IdxDataset compressed = IdxDataset.Load(_directory.Path, IdxSplit.Train);

        compressed.Features.Should().Equal(raw.Features);
        compressed.Labels.Should().Equal(raw.Labels);
    }

    [Fact]
    public void LoadFiles_DetectsGzipByContentNotByName()
    {
        string images = _directory.Write("images.bin", IdxBytes.Gzip(IdxBytes.Images(Count, Rows, Columns)));
        string labels = _directory.Write("labels.gz", IdxBytes.Labels(LabelValues));

        IdxDataset dataset = IdxDataset.LoadFiles(images, labels);

        dataset.Features.Should().Equal(ExpectedFeatures(Count));
        dataset.Labels.Should().Equal(LabelValues);
    }

    [Fact]
    public void Load_TestSplitReadsTheT10kFiles()
    {
        _directory.Write("t10k-images-idx3-ubyte.gz", IdxBytes.Gzip(IdxBytes.Images(2, Rows, Columns)));
        _directory.Write("t10k-labels-idx1-ubyte", IdxBytes.Labels([3, 1]));
        WriteValidTrainFiles(gzip: false);

        IdxDataset dataset = IdxDataset.Load(_directory.Path, IdxSplit.Test);

        dataset.Count.Should().Be(2);
        dataset.Labels.Should().Equal(3, 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_MaxCountReadsOnlyTheFirstSamples(bool gzip)
    {
        WriteValidTrainFiles(gzip);

        IdxDataset dataset = IdxDataset.Load(_directory.Path, IdxSplit.Train, maxCount: 2);

        dataset.Count.Should().Be(2);
        dataset.Labels.Should().Equal(LabelValues.Take(2));
        dataset.Features.Should().Equal(ExpectedFeatures(2));
    }

    [Fact]
    public void Load_MaxCountAboveTheFileCountReadsEverything()
    {
        WriteValidTrainFiles(gzip: false);

        IdxDataset.Load(_directory.Path, IdxSplit.Train, maxCount: 1000).Count.Should().Be(Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Load_NonPositiveMaxCountIsRejected(int maxCount)
    {
        WriteValidTrainFiles(gzip: false);

        FluentActions.Invoking(() => IdxDataset.Load(_directory.Path, IdxSplit.Train, maxCount))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("maxCount");
    }

    [Theory]
    [InlineData(IdxBytes.LabelsMagic, "wrong magic number 0x00000801")]
    [InlineData(0x12345678u, "wrong magic number 0x12345678")]
    [InlineData(0x00000D03u, "wrong data type 0x0D")]
    public void Load_BadImagesHeaderNamesTheImagesFile(uint magic, string problem)
    {
        string images = _directory.Write(TrainImages, IdxBytes.Images(Count, Rows, Columns, magic));
        _directory.Write(TrainLabels, IdxBytes.Labels(LabelValues));

        ShouldFailWithFormatError(images, problem);
    }

    [Fact]
    public void Load_LabelsFileWithImagesMagicNamesTheLabelsFile()
    {
        _directory.Write(TrainImages, IdxBytes.Images(Count, Rows, Columns));
        string labels = _directory.Write(TrainLabels, IdxBytes.Labels(LabelValues, IdxBytes.ImagesMagic));

        ShouldFailWithFormatError(labels, "wrong magic number 0x00000803");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_TruncatedPixelDataNamesTheImagesFile(bool gzip)
    {
        byte[] content = IdxBytes.Images(Count, Rows, Columns)[..^5];
        string images = _directory.Write(TrainImages + (gzip ? ".gz" : ""), gzip ? IdxBytes.Gzip(content) : content);
        _directory.Write(TrainLabels, IdxBytes.Labels(LabelValues));

        ShouldFailWithFormatError(images, "truncated").And.Message.Should().Contain("5 more bytes");
    }

    [Fact]
    public void Load_TruncatedHeaderNamesTheFile()
    {
        _directory.Write(TrainImages, IdxBytes.Images(Count, Rows, Columns));
        string labels = _directory.Write(TrainLabels, IdxBytes.Labels(LabelValues)[..6]);

        ShouldFailWithFormatError(labels, "truncated");
    }

    [Fact]
    public void Load_CutGzipStreamNamesTheFile()
    {
        byte[] compressed = IdxBytes.Gzip(IdxBytes.Images(Count, Rows, Columns));
        string images = _directory.Write(TrainImages + ".gz", compressed[..(compressed.Length / 2)]);
        _directory.Write(TrainLabels, IdxBytes.Labels(LabelValues));

        FluentActions.Invoking(() => IdxDataset.Load(_directory.Path, IdxSplit.Train))
            .Should().Throw<IdxFormatException>().Which.FilePath.Should().Be(images);
    }

    [Fact]
    public void Load_CorruptGzipStreamNamesTheFile()
    {
        byte[] corrupt = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        string images = _directory.Write(TrainImages, corrupt);
        _directory.Write(TrainLabels, IdxBytes.Labels(LabelValues));

        ShouldFailWithFormatError(images, "gzip");
    }

    [Fact]
    public void Load_ImageAndLabelCountMismatchNamesBothFiles()
    {
        string images = _directory.Write(TrainImages, IdxBytes.Images(Count, Rows, Columns));
        string labels = _directory.Write(TrainLabels, IdxBytes.Labels(LabelValues[..4]));

        ShouldFailWithFormatError(labels, "4 labels").And.Message.Should().Contain(images).And.Contain($"{Count} images");
    }

    [Fact]
    public void Load_MissingLabelsFileNamesBothAcceptedNamesAndTheDirectory()
    {
        _directory.Write(TrainImages, IdxBytes.Images(Count, Rows, Columns));

        FluentActions.Invoking(() => IdxDataset.Load(_directory.Path, IdxSplit.Train))
            .Should().Throw<FileNotFoundException>()
            .Which.Message.Should().Contain($"'{TrainLabels}'").And.Contain($"'{TrainLabels}.gz'").And.Contain(_directory.Path);
    }

    [Fact]
    public void Load_MissingDirectoryIsNamed()
    {
        string missing = Path.Combine(_directory.Path, "nowhere");

        FluentActions.Invoking(() => IdxDataset.Load(missing, IdxSplit.Train))
            .Should().Throw<DirectoryNotFoundException>().Which.Message.Should().Contain(missing);
    }

    [Fact]
    public void Constructor_RejectsFeaturesOfTheWrongLength()
    {
        FluentActions.Invoking(() => new IdxDataset(2, 2, new float[7], new byte[2]))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("features");
    }

    private static float[] ExpectedFeatures(int count)
    {
        var features = new List<float>();
        for (int image = 0; image < count; image++)
        {
            for (int row = 0; row < Rows; row++)
            {
                for (int column = 0; column < Columns; column++)
                {
                    features.Add(IdxBytes.Pixel(image, row, column) / 255f);
                }
            }
        }

        return [.. features];
    }

    private void WriteValidTrainFiles(bool gzip)
    {
        string suffix = gzip ? ".gz" : "";
        Func<byte[], byte[]> encode = gzip ? IdxBytes.Gzip : content => content;
        _directory.Write(TrainImages + suffix, encode(IdxBytes.Images(Count, Rows, Columns)));
        _directory.Write(TrainLabels + suffix, encode(IdxBytes.Labels(LabelValues)));
    }

    private FluentAssertions.Specialized.ExceptionAssertions<IdxFormatException> ShouldFailWithFormatError(string file, string problem)
    {
        var assertion = FluentActions.Invoking(() => IdxDataset.Load(_directory.Path, IdxSplit.Train))
            .Should().Throw<IdxFormatException>();
        assertion.Which.FilePath.Should().Be(file);
        assertion.Which.Message.Should().Contain($"'{file}'").And.Contain(problem);
        return assertion;
    }
}
