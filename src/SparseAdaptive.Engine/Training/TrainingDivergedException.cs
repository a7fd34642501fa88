using System.Globalization;

namespace SparseAdaptive.Training;

/// <summary>
/// Training stopped because the loss or the weights stopped being finite numbers; no network is returned, so none
/// that cannot be saved and loaded back ever leaves the trainer.
/// </summary>
public sealed class TrainingDivergedException : ArithmeticException
{
    /// <summary>Describes a divergence seen in <paramref name="epoch"/>.</summary>
    /// <param name="epoch">The 1-based epoch it happened in.</param>
    /// <param name="symptom">What was seen, e.g. "the loss of mini-batch 3 is NaN".</param>
    /// <param name="learningRate">The learning rate of the run, named in the advice.</param>
    public TrainingDivergedException(int epoch, string symptom, float learningRate)
        : base($"Training diverged in epoch {epoch}: {symptom}. The learning rate " +
            $"({learningRate.ToString(CultureInfo.InvariantCulture)}) is probably too large, or the features are not scaled " +
            "(bring them to a range like [0, 1], e.g. with NormalizeMinMax).")
    {
        Epoch = epoch;
    }

    /// <summary>The 1-based epoch in which the training diverged.</summary>
    public int Epoch { get; }
}
