using System.Globalization;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Engine;

public class TrainingSettingsTests
{
    public static TheoryData<Action<TrainingSettings>, string> InvalidSettings => new()
    {
        { s => s.Sparsity = 1.0, "Sparsity" },
        { s => s.Sparsity = -0.1, "Sparsity" },
        { s => s.Sparsity = double.NaN, "Sparsity" },
        { s => s.HiddenLayerSizes = [], "HiddenLayerSizes" },
        { s => s.HiddenLayerSizes = [10, 0], "HiddenLayerSizes" },
        { s => s.Epochs = 0, "Epochs" },
        { s => s.BatchSize = -1, "BatchSize" },
        { s => s.LearningRate = 0, "LearningRate" },
        { s => s.LearningRate = float.PositiveInfinity, "LearningRate" },
        { s => s.Momentum = 1, "Momentum" },
        { s => s.L2Regularization = -1e-3f, "L2Regularization" },
        { s => s.DropoutRate = 1, "DropoutRate" },
        { s => s.RewireFraction = 1.5, "RewireFraction" },
        { s => s.RewireEnd = 0, "RewireEnd" },
        { s => s.RewireEnd = 1.01, "RewireEnd" },
        { s => s.RewireSchedule = (Topology.RewireSchedule)7, "RewireSchedule" },
        { s => s.NewLinkWeightScale = -0.01, "NewLinkWeightScale" },
        { s => s.NewLinkWeightScale = double.PositiveInfinity, "NewLinkWeightScale" },
        { s => s.ValidationFraction = 1, "ValidationFraction" },
        { s => s.ValidationFraction = -0.1, "ValidationFraction" },
        { s => s.Epsilon = 0, "Epsilon" },
        { s => s.NumberOfThreads = -2, "NumberOfThreads" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void An_out_of_range_setting_is_named(Action<TrainingSettings> spoil, string name)
    {
        var settings = new TrainingSettings();
        spoil(settings);
        settings.Invoking(s => s.Validate()).Should().Throw<ArgumentException>().Which.ParamName.Should().Be(name);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        new TrainingSettings().Invoking(s => s.Validate()).Should().NotThrow();
    }

    [Fact]
    public void A_network_larger_than_the_memory_is_rejected_with_the_bytes_it_needs()
    {
        // 4 → 3 → 2, dense: 12 + 6 links of 12 bytes; 3 + 2 neurons of 12 bytes; 4 + 3 + 2 neurons' activations and
        // gradients for a mini-batch of 128 (2 × 128 × 4 bytes each).
        var settings = new TrainingSettings { HiddenLayerSizes = [3], Sparsity = 0 };
        const long needed = 18 * 12 + 5 * 12 + 9 * 1024;

        settings.FindOversizedLayer(4, 2, availableBytes: needed).Should().BeNull();
        var oversized = settings.FindOversizedLayer(4, 2, availableBytes: needed - 1);

        oversized.Should().NotBeNull();
        oversized!.ToException().Should().BeOfType<ArgumentOutOfRangeException>().Which.Message.Should().Be(
            "HiddenLayerSizes at Sparsity 0 gives a network of 18 links whose links, momentum and batch buffers need 9,492 bytes, " +
            "more than the 9,491 bytes this process can have; got [3]. (Parameter 'HiddenLayerSizes')\nActual value was [3].");
    }

    [Fact]
    public void A_network_larger_than_the_process_memory_fails_before_training_allocates_it()
    {
        // Issue 22's three dense 46,000-neuron layers need about 51 GB; forty of them (1.0·10^12 bytes) exceed any test machine.
        var settings = new TrainingSettings { HiddenLayerSizes = Enumerable.Repeat(46_000, 40).ToArray(), Sparsity = 0, Epochs = 1 };
        var samples = new LabeledSamples(new float[784 * 2], [0, 1], 784, 10);
        string available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes.ToString("N0", CultureInfo.InvariantCulture);
        string expected = "HiddenLayerSizes at Sparsity 0 gives a network of 82,560,524,000 links whose links, momentum and batch buffers need " +
            $"992,633,341,176 bytes, more than the {available} bytes this process can have; got [46000, *";

        var oversized = settings.FindOversizedLayer(784, 10);
        oversized.Should().NotBeNull();
        oversized!.Describe("HiddenLayerSizes").Should().Match(expected);
        var train = () => NetworkTrainer.Train(samples, settings);

        train.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("HiddenLayerSizes").WithMessage(expected);
    }

    [Fact]
    public void Bad_samples_are_rejected_with_the_sample_named()
    {
        var nan = () => new LabeledSamples([0f, 1f, float.NaN, 2f], [0, 1], 2, 2);
        nan.Should().Throw<ArgumentException>().WithMessage("Sample 1, feature 0 is NaN*");

        var label = () => new LabeledSamples([0f, 1f, 3f, 2f], [0, 2], 2, 2);
        label.Should().Throw<ArgumentException>().WithMessage("Sample 1 has label 2, outside [0, 2)*");

        var size = () => new LabeledSamples([0f, 1f, 3f], [0, 1], 2, 2);
        size.Should().Throw<ArgumentException>().WithMessage("2 samples of 2 features need 4 values, but there are 3*");

        var empty = () => new LabeledSamples([], [], 2, 2);
        empty.Should().Throw<ArgumentException>().WithMessage("There are no samples*");
    }
}
