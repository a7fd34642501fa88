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
