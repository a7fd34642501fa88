using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>
/// The training settings a dense baseline kind has of its own (chosen on validation for that kind,
/// docs/results/validation-search.md): at most <see cref="Epochs"/> epochs under a cosine learning rate, stopped early on
/// validation, with its own learning rate, dropout and weight decay.
/// </summary>
/// <param name="Epochs">Maximum training epochs (the cosine schedule spans them).</param>
/// <param name="LearningRate">Initial learning rate (momentum 0.9).</param>
/// <param name="Dropout">Dropout rate of the hidden neurons.</param>
/// <param name="L2">L2 weight decay.</param>
internal sealed record BaselineSettings(int Epochs, float LearningRate, float Dropout, float L2)
{
    /// <summary>Copies the settings onto a training run's settings.</summary>
    public void ApplyTo(TrainingSettings settings)
    {
        settings.Epochs = Epochs;
        settings.LearningRate = LearningRate;
        settings.DropoutRate = Dropout;
        settings.L2Regularization = L2;
    }

    /// <summary>Checks every value, naming the command-line option (<paramref name="prefix"/><c>-epochs</c> and so on) of the first bad one.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate(string prefix)
    {
        StudyOptions.Require(Epochs > 0, $"{prefix}-epochs", $"must be positive; got {Epochs}");
        StudyOptions.Require(LearningRate > 0 && float.IsFinite(LearningRate), $"{prefix}-learning-rate", $"must be positive and finite; got {LearningRate}");
        StudyOptions.Require(Dropout is >= 0 and < 1, $"{prefix}-dropout", $"must be in [0, 1); got {Dropout}");
        StudyOptions.Require(L2 >= 0 && float.IsFinite(L2), $"{prefix}-l2", $"must be non-negative and finite; got {L2}");
    }

    /// <summary>The optimiser settings as the report shows them (the epochs have their own row).</summary>
    public string Describe() => $"lr {LearningRate} (cosine), dropout {Dropout}, L2 {L2}";
}
