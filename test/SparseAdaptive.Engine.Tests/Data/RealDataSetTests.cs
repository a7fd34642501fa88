using System.Diagnostics;
using SparseAdaptive.Data;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Engine.Tests.Data;

public sealed class RealDataSetTests
{
    [Fact]
    public void Mnist_TrainSplitHasTheOfficialContent()
    {
        IdxDataset train = IdxDataset.Load(DataSets.MnistDirectory, IdxSplit.Train);

        train.Count.Should().Be(60000);
        train.Rows.Should().Be(28);
        train.Columns.Should().Be(28);
        train.Features.Should().HaveCount(60000 * 784);
        train.Labels.Take(5).Should().Equal(5, 0, 4, 1, 9);
        train.Features.Min().Should().Be(0f);
        train.Features.Max().Should().Be(1f);
        ClassCounts(train).Should().Equal(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
    }

    [Fact]
    public void Mnist_TestSplitHasTheOfficialContent()
    {
        IdxDataset test = IdxDataset.Load(DataSets.MnistDirectory, IdxSplit.Test);

        test.Count.Should().Be(10000);
        test.Labels.Take(5).Should().Equal(7, 2, 1, 0, 4);
        test.Features.Min().Should().Be(0f);
        test.Features.Max().Should().Be(1f);
    }

    [Fact]
    public void FashionMnist_LoadsBothSplitsFromGzipFiles()
    {
        File.Exists(Path.Combine(DataSets.FashionMnistDirectory, "train-images-idx3-ubyte.gz")).Should().BeTrue();

        IdxDataset train = IdxDataset.Load(DataSets.FashionMnistDirectory, IdxSplit.Train);
        IdxDataset test = IdxDataset.Load(DataSets.FashionMnistDirectory, IdxSplit.Test);

        train.Count.Should().Be(60000);
        test.Count.Should().Be(10000);
        train.FeatureCount.Should().Be(784);
        train.Labels.Take(5).Should().Equal(9, 0, 0, 3, 0);
        ClassCounts(train).Should().AllBeEquivalentTo(6000);
        ClassCounts(test).Should().AllBeEquivalentTo(1000);
    }

    [Fact]
    public void Mnist_TrainSplitReadsFast()
    {
        string directory = DataSets.MnistDirectory;
        IdxDataset.Load(directory, IdxSplit.Test, maxCount: 10);

        var watch = Stopwatch.StartNew();
        IdxDataset.Load(directory, IdxSplit.Train);
        watch.Stop();

        // Parsing and scaling take about 0.1 s. Touching the fresh 188 MB feature array costs up to ~1.5 s more on
        // VMs with slow first-touch page faults, so the bound catches regressions in the reading, not the machine.
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    private static int[] ClassCounts(IdxDataset dataset)
    {
        var counts = new int[10];
        foreach (byte label in dataset.Labels)
        {
            counts[label]++;
        }

        return counts;
    }
}
