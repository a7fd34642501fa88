using Microsoft.ML.Data;
using SparseAdaptive.Data;
using SparseAdaptive.TestSupport;

namespace Microsoft.ML.SparseAdaptive.Tests.Data;

public sealed class IdxDataCatalogExtensionsTests
{
    [Fact]
    public void LoadFromIdx_SchemaHasUIntLabelAndFixedSizeFeatureVector()
    {
        var ml = new MLContext(seed: 1);

        IDataView view = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Train, maxCount: 100);

        view.Schema.Should().HaveCount(2);
        view.Schema["Label"].Type.Should().Be(NumberDataViewType.UInt32);
        var features = view.Schema["Features"].Type.Should().BeOfType<VectorDataViewType>().Subject;
        features.ItemType.Should().Be(NumberDataViewType.Single);
        features.IsKnownSize.Should().BeTrue();
        features.Size.Should().Be(784);
        features.ToString().Should().Be("Vector<Single, 784>");
        view.GetRowCount().Should().Be(100);
    }

    [Fact]
    public void LoadFromIdx_FeaturesNameEachPixelByRowAndColumn()
    {
        var ml = new MLContext(seed: 1);
        IDataView view = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Test, maxCount: 10);

        VBuffer<ReadOnlyMemory<char>> names = default;
        view.Schema["Features"].GetSlotNames(ref names);

        var all = names.DenseValues().Select(name => name.ToString()).ToArray();
        all.Should().HaveCount(784).And.OnlyHaveUniqueItems();
        all[0].Should().Be("r0c0");
        all[27].Should().Be("r0c27");
        all[28].Should().Be("r1c0");
        all[783].Should().Be("r27c27");
    }

    [Fact]
    public void LoadFromIdx_RowsCarryTheDatasetValuesInOrder()
    {
        var ml = new MLContext(seed: 1);
        IdxDataset dataset = IdxDataset.Load(DataSets.FashionMnistDirectory, IdxSplit.Test, maxCount: 50);

        IDataView view = ml.Data.LoadFromIdx(dataset);

        var labels = new List<uint>();
        var features = new List<float[]>();
        using (DataViewRowCursor cursor = view.GetRowCursor(view.Schema))
        {
            ValueGetter<uint> getLabel = cursor.GetGetter<uint>(view.Schema["Label"]);
            ValueGetter<VBuffer<float>> getFeatures = cursor.GetGetter<VBuffer<float>>(view.Schema["Features"]);
            uint label = 0;
            VBuffer<float> vector = default;
            while (cursor.MoveNext())
            {
                getLabel(ref label);
                getFeatures(ref vector);
                labels.Add(label);
                features.Add(vector.DenseValues().ToArray());
            }
        }

        labels.Should().Equal(dataset.Labels.Select(label => (uint)label));
        for (int i = 0; i < dataset.Count; i++)
        {
            features[i].Should().Equal(dataset.GetFeatures(i).ToArray(), $"row {i} must match image {i}");
        }
    }

    [Fact]
    public void LoadFromIdx_MissingDataIsReportedWithTheDirectory()
    {
        var ml = new MLContext(seed: 1);
        string missing = Path.Combine(Path.GetTempPath(), "sparseadaptive-no-such-directory");

        FluentActions.Invoking(() => ml.Data.LoadFromIdx(missing, IdxSplit.Test))
            .Should().Throw<DirectoryNotFoundException>().Which.Message.Should().Contain(missing);
    }
}
