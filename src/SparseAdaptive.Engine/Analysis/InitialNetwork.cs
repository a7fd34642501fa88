using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Analysis;

/// <summary>The network a training run starts from, to compare the topology before and after training.</summary>
public static class InitialNetwork
{
    /// <summary>
    /// Builds the untrained network that <see cref="NetworkTrainer.Train(LabeledSamples, TrainingSettings, LabeledSamples?, Action{EpochReport}?, CancellationToken)"/> starts from with the same sizes and
    /// settings (seed included): the same links and initial weights.
    /// </summary>
    /// <param name="inputSize">Number of input features.</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="settings">The training settings; only the shape, sparsity and seed matter.</param>
    /// <exception cref="ArgumentException">A setting or size is out of range.</exception>
    public static SparseNetwork For(int inputSize, int classCount, TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A classifier needs at least 2 classes.");
        }
        settings.Validate();
        return NetworkTrainer.CreateNetwork(inputSize, classCount, settings);
    }
}
