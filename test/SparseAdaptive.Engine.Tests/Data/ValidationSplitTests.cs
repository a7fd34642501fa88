using SparseAdaptive.Data;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Data;

public class ValidationSplitTests
{
    [Fact]
    public void The_split_is_disjoint_complete_sized_and_seeded()
    {
        var (train, validation) = ValidationSplit.Indices(1000, 1.0 / 6, seed: 3);

        validation.Should().HaveCount(167);
        train.Should().HaveCount(833);
        train.Intersect(validation).Should().BeEmpty();
        train.Concat(validation).Order().Should().Equal(Enumerable.Range(0, 1000));
        train.Should().BeInAscendingOrder();
        validation.Should().BeInAscendingOrder();

        ValidationSplit.Indices(1000, 1.0 / 6, seed: 3).Validation.Should().Equal(validation, "the same seed gives the same split");
        ValidationSplit.Indices(1000, 1.0 / 6, seed: 4).Validation.Should().NotEqual(validation);
        // A random choice, not a block: held-out samples come from both halves.
        validation.Count(i => i < 500).Should().BeInRange(60, 107);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    [InlineData(0.0001)]
    public void A_fraction_that_leaves_a_side_empty_is_rejected(double fraction)
    {
        var act = () => ValidationSplit.Indices(100, fraction, seed: 1);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("fraction");
    }

    [Fact]
    public void An_idx_data_set_splits_into_its_own_images()
    {
        const int count = 50, rows = 3, columns = 2;
        var features = Enumerable.Range(0, count * rows * columns).Select(v => (float)v).ToArray();
        var labels = Enumerable.Range(0, count).Select(i => (byte)i).ToArray();
        var data = new IdxDataset(rows, columns, features, labels);

        var (train, validation) = data.SplitValidation(0.2, seed: 7);

        validation.Count.Should().Be(10);
        train.Count.Should().Be(40);
        train.Labels.Intersect(validation.Labels).Should().BeEmpty();
        foreach (var part in new[] { train, validation })
        {
            for (int i = 0; i < part.Count; i++)
            {
                // Image j holds the values 6j … 6j + 5 and label j: the pixels travel with their label.
                part.GetFeatures(i).ToArray().Should().Equal(Enumerable.Range(part.Labels[i] * 6, 6).Select(v => (float)v));
            }
        }
        validation.Labels.Select(l => (int)l).Should().Equal(ValidationSplit.Indices(count, 0.2, seed: 7).Validation);
    }

    [Fact]
    public void Labeled_samples_split_the_same_way_as_the_indices()
    {
        var samples = SmallNetworks.Blobs(300, 8, 3, seed: 1);
        var (train, validation) = samples.SplitValidation(0.25, seed: 9);
        var (trainIndices, validationIndices) = ValidationSplit.Indices(300, 0.25, seed: 9);

        train.Count.Should().Be(225);
        validation.Count.Should().Be(75);
        for (int i = 0; i < validation.Count; i++)
        {
            validation.GetFeatures(i).ToArray().Should().Equal(samples.GetFeatures(validationIndices[i]).ToArray());
            validation.GetLabel(i).Should().Be(samples.GetLabel(validationIndices[i]));
        }
        train.GetFeatures(train.Count - 1).ToArray().Should().Equal(samples.GetFeatures(trainIndices[^1]).ToArray());
    }

    [Fact]
    public void The_trainer_holds_out_the_validation_fraction_and_reports_its_accuracy()
    {
        var samples = SmallNetworks.Blobs(400, 16, 3, seed: 2);
        var settings = new TrainingSettings { HiddenLayerSizes = [40], Sparsity = 0.5, Epochs = 2, BatchSize = 40, Seed = 3, ValidationFraction = 0.25 };
        var reports = new List<EpochReport>();

        var network = NetworkTrainer.Train(samples, settings, onEpoch: reports.Add);

        var (_, validation) = samples.SplitValidation(0.25, settings.Seed);
        reports.Should().OnlyContain(r => r.ValidationAccuracy.HasValue);
        reports[^1].ValidationAccuracy.Should().Be(ClassificationScore.Measure(network, validation, 1).MicroAccuracy);
        settings.ValidationFraction = 0;
        var plain = new List<EpochReport>();
        NetworkTrainer.Train(samples, settings, onEpoch: plain.Add);
        plain.Should().OnlyContain(r => r.ValidationAccuracy == null);
        plain[0].Loss.Should().NotBe(reports[0].Loss, "the held-out samples are not trained on");
    }
}
