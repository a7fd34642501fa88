using SparseAdaptive.Topology;

namespace SparseAdaptive.Training;

/// <summary>
/// The defaults of <see cref="TrainingSettings"/>, as constants so that simple overloads can show them in their
/// signatures. The SET and weight-decay defaults were chosen on a validation split of the MNIST and Fashion-MNIST training images
/// (docs/results/validation-search.md).
/// </summary>
public static class TrainingDefaults
{
    /// <summary>Width of each of the three default hidden layers.</summary>
    public const int HiddenLayerSize = 1000;

    /// <summary>Number of default hidden layers.</summary>
    public const int HiddenLayerCount = 3;

    /// <summary>Fraction of the possible links of a hidden layer that are absent.</summary>
    public const double Sparsity = 0.99;

    /// <summary>Whether the sparse layers rewire between epochs.</summary>
    public const TopologyMode Topology = TopologyMode.Adaptive;

    /// <summary>ζ: fraction of each sparse layer's links replaced after an epoch, before any decay.</summary>
    public const double RewireFraction = 0.5;

    /// <summary>How ζ changes over the epochs.</summary>
    public const RewireSchedule RewireSchedule = global::SparseAdaptive.Topology.RewireSchedule.Cosine;

    /// <summary>Fraction of the epochs after which rewiring stops.</summary>
    public const double RewireEnd = 0.9;

    /// <summary>Initial weight scale of a new link, relative to the initial weights' scale.</summary>
    public const double NewLinkWeightScale = 0.001;

    /// <summary>Number of passes over the training data.</summary>
    public const int Epochs = 100;

    /// <summary>Samples per mini-batch.</summary>
    public const int BatchSize = 128;

    /// <summary>Initial learning rate of momentum SGD.</summary>
    public const float LearningRate = 0.2f;

    /// <summary>Momentum of SGD.</summary>
    public const float Momentum = 0.9f;

    /// <summary>L2 penalty on the link weights.</summary>
    public const float L2Regularization = 1.5e-4f;

    /// <summary>Probability of dropping a hidden neuron's output during training.</summary>
    public const float DropoutRate = 0.1f;

    /// <summary>How the learning rate changes over the epochs.</summary>
    public const LearningRateSchedule Schedule = LearningRateSchedule.Cosine;
}
