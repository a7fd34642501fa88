using System.Globalization;
using SparseAdaptive.Topology;
namespace SparseAdaptive.Training;

/// <summary>
/// Everything that defines a training run of the engine: network shape, sparsity, topology evolution and optimiser.
/// The defaults train the reference network (784-1000-1000-1000-10, 99% sparse hidden layers) well on MNIST; the SET
/// and weight-decay defaults were chosen on a validation split (docs/results/validation-search.md).
/// </summary>
public sealed class TrainingSettings
{
    /// <summary>Sizes of the sparse hidden layers, from input to output. Default: 1000, 1000, 1000.</summary>
    public int[] HiddenLayerSizes { get; set; } = Enumerable.Repeat(TrainingDefaults.HiddenLayerSize, TrainingDefaults.HiddenLayerCount).ToArray();

    /// <summary>
    /// Fraction of the possible links of each hidden layer that are absent, in [0, 1). Default 0.99 (1% of the links
    /// of a dense layer). 0 trains the same network dense. The output layer is always dense.
    /// </summary>
    public double Sparsity { get; set; } = TrainingDefaults.Sparsity;

    /// <summary>
    /// When set, SET's ε parameterisation replaces <see cref="Sparsity"/>: a layer of n_in × n_out gets
    /// ε·(n_in + n_out) links. Must be positive.
    /// </summary>
    public double? Epsilon { get; set; }

    /// <summary>Whether the sparse layers rewire between epochs (<see cref="TopologyMode.Adaptive"/>, the default) or not.</summary>
    public TopologyMode Topology { get; set; } = TrainingDefaults.Topology;

    /// <summary>ζ: fraction of each sparse layer's links replaced after each epoch, in [0, 1]. Default 0.5 (SET's authors use 0.3; 0.5 was chosen on validation).</summary>
    public double RewireFraction { get; set; } = TrainingDefaults.RewireFraction;

    /// <summary>How ζ changes over the epochs until rewiring stops. Default <see cref="RewireSchedule.Cosine"/>.</summary>
    public RewireSchedule RewireSchedule { get; set; } = TrainingDefaults.RewireSchedule;

    /// <summary>
    /// Fraction of the epochs after which rewiring stops, in (0, 1]: with E epochs the layers rewire after epochs
    /// 1 … round(E × RewireEnd) − 1, and the last epochs tune the weights of a fixed topology. 1 rewires after every
    /// epoch but the last. Default 0.9.
    /// </summary>
    public double RewireEnd { get; set; } = TrainingDefaults.RewireEnd;

    /// <summary>
    /// Scale of a new link's initial weight relative to the initial weights: a new link draws from the same uniform
    /// distribution as the initial weights of its layer (±√(6 / fan-in)) times this factor. 1 gives the initial
    /// distribution, 0 starts new links at zero (SET's authors' code starts them near zero), so a new link from an input
    /// that carries no signal gets no gradient, stays the smallest and is removed at the next rewiring. Must be
    /// non-negative and finite. Default 0.001.
    /// </summary>
    public double NewLinkWeightScale { get; set; } = TrainingDefaults.NewLinkWeightScale;

    /// <summary>
    /// Fraction of the training samples held out (a seeded random choice, <see cref="Data.ValidationSplit"/>) to
    /// measure the validation accuracy after each epoch, when no validation samples are given; 0 (the default) trains
    /// on all of them. In [0, 1).
    /// </summary>
    public double ValidationFraction { get; set; }

    /// <summary>Number of passes over the training data. Default 100.</summary>
    public int Epochs { get; set; } = TrainingDefaults.Epochs;

    /// <summary>Samples per mini-batch. Default 128.</summary>
    public int BatchSize { get; set; } = TrainingDefaults.BatchSize;

    /// <summary>Initial learning rate of momentum SGD. Default 0.2.</summary>
    public float LearningRate { get; set; } = TrainingDefaults.LearningRate;

    /// <summary>Momentum of SGD, in [0, 1). Default 0.9.</summary>
    public float Momentum { get; set; } = TrainingDefaults.Momentum;

    /// <summary>
    /// L2 penalty on the link weights (not the biases), ≥ 0. Default 0.00015: besides regularising, it is what lets the
    /// initial links from inputs that carry no signal (which get no gradient) shrink until rewiring removes them.
    /// </summary>
    public float L2Regularization { get; set; } = TrainingDefaults.L2Regularization;

    /// <summary>Probability of dropping a hidden neuron's output during training, in [0, 1). Default 0.1.</summary>
    public float DropoutRate { get; set; } = TrainingDefaults.DropoutRate;

    /// <summary>How the learning rate changes over the epochs. Default <see cref="LearningRateSchedule.Cosine"/>.</summary>
    public LearningRateSchedule Schedule { get; set; } = TrainingDefaults.Schedule;

    /// <summary>Seed of every random choice (topology, weights, shuffling, dropout, rewiring). Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Threads the kernels may use; 0 means all cores. Results do not depend on it.</summary>
    public int NumberOfThreads { get; set; }

    /// <summary>Checks every setting, naming the first one that is out of range.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        if (FindInvalidSetting() is { } invalid)
        {
            throw invalid.ToException();
        }
    }

    /// <summary>The first setting that is out of range, or null when all are valid.</summary>
    public InvalidSetting? FindInvalidSetting()
    {
        InvalidSetting? first = null;
        void Require(bool condition, string name, object? value, string rule)
        {
            if (!condition && first is null)
            {
                first = new InvalidSetting(name, value, rule);
            }
        }

        Require(HiddenLayerSizes is { Length: > 0 }, nameof(HiddenLayerSizes), "[]", "must list at least one hidden layer");
        for (int l = 0; l < (HiddenLayerSizes?.Length ?? 0); l++)
        {
            Require(HiddenLayerSizes![l] > 0, nameof(HiddenLayerSizes), HiddenLayerSizes[l], $"[{l}] must be positive");
        }
        Require(Sparsity is >= 0 and < 1, nameof(Sparsity), Sparsity, "must be in [0, 1)");
        Require(Epsilon is null || (Epsilon > 0 && double.IsFinite(Epsilon.Value)), nameof(Epsilon), Epsilon, "must be positive and finite");
        Require(Enum.IsDefined(Topology), nameof(Topology), Topology, "is not a known topology mode");
        Require(RewireFraction is >= 0 and <= 1, nameof(RewireFraction), RewireFraction, "must be in [0, 1]");
        Require(Enum.IsDefined(RewireSchedule), nameof(RewireSchedule), RewireSchedule, "is not a known rewiring schedule");
        Require(RewireEnd is > 0 and <= 1, nameof(RewireEnd), RewireEnd, "must be in (0, 1]");
        Require(NewLinkWeightScale >= 0 && double.IsFinite(NewLinkWeightScale), nameof(NewLinkWeightScale), NewLinkWeightScale, "must be non-negative and finite");
        Require(ValidationFraction is >= 0 and < 1, nameof(ValidationFraction), ValidationFraction, "must be in [0, 1)");
        Require(Epochs > 0, nameof(Epochs), Epochs, "must be positive");
        Require(BatchSize > 0, nameof(BatchSize), BatchSize, "must be positive");
        Require(LearningRate > 0 && float.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "must be positive and finite");
        Require(Momentum is >= 0 and < 1, nameof(Momentum), Momentum, "must be in [0, 1)");
        Require(L2Regularization >= 0 && float.IsFinite(L2Regularization), nameof(L2Regularization), L2Regularization, "must be non-negative and finite");
        Require(DropoutRate is >= 0 and < 1, nameof(DropoutRate), DropoutRate, "must be in [0, 1)");
        Require(Enum.IsDefined(Schedule), nameof(Schedule), Schedule, "is not a known schedule");
        Require(NumberOfThreads >= 0, nameof(NumberOfThreads), NumberOfThreads, "must be 0 (all cores) or positive");
        return first;
    }

    /// <summary>
    /// What makes the network these settings build for <paramref name="inputSize"/> features and
    /// <paramref name="classCount"/> classes impossible to hold, or null: the first layer with more links than one
    /// layer can hold (2^31 − 1), or a network whose links, momentum and mini-batch buffers need more memory than the
    /// process can have (<see cref="GC.GetGCMemoryInfo()"/>'s TotalAvailableMemoryBytes). Known before any data is
    /// read or memory allocated, so a too large shape fails at once rather than after reading the data or with an
    /// <see cref="OutOfMemoryException"/>.
    /// </summary>
    /// <param name="inputSize">Number of features.</param>
    /// <param name="classCount">Number of classes.</param>
    public InvalidSetting? FindOversizedLayer(int inputSize, int classCount) =>
        FindOversizedLayer(inputSize, classCount, TrainingMemory.AvailableBytes);

    /// <summary><see cref="FindOversizedLayer(int, int)"/> for a process that can have <paramref name="availableBytes"/>.</summary>
    internal InvalidSetting? FindOversizedLayer(int inputSize, int classCount, long availableBytes)
    {
        var sizes = HiddenLayerSizes.Prepend(inputSize).Append(classCount).ToArray();
        var links = new long[sizes.Length - 1];
        string shown = $"[{string.Join(", ", HiddenLayerSizes)}]";
        for (int l = 0; l < links.Length; l++)
        {
            double density = l == links.Length - 1 ? 1.0 : HiddenDensity(sizes[l], sizes[l + 1]);
            links[l] = RandomTopology.LinkCount(sizes[l], sizes[l + 1], density);
            if (links[l] > int.MaxValue)
            {
                return new InvalidSetting(nameof(HiddenLayerSizes), shown,
                    $"gives layer {l} ({sizes[l]} → {sizes[l + 1]} neurons) {links[l]} links, more than the {int.MaxValue} one layer can hold");
            }
        }
        double bytes = TrainingMemory.Bytes(sizes, links, BatchSize);
        if (bytes > availableBytes)
        {
            var (densityName, density) = Epsilon is double epsilon ? (nameof(Epsilon), epsilon) : (nameof(Sparsity), Sparsity);
            return new InvalidSetting(nameof(HiddenLayerSizes), shown, string.Create(CultureInfo.InvariantCulture,
                $"at {densityName} {density} gives a network of {links.Sum():N0} links whose links, momentum and batch buffers need " +
                $"{bytes:N0} bytes, more than the {availableBytes:N0} bytes this process can have"));
        }
        return null;
    }

    /// <summary>A copy that does not share the hidden layer sizes array.</summary>
    public TrainingSettings Clone()
    {
        var copy = (TrainingSettings)MemberwiseClone();
        copy.HiddenLayerSizes = (int[])HiddenLayerSizes.Clone();
        return copy;
    }

    /// <summary>Density (fraction of links present) of a hidden layer of the given shape under these settings.</summary>
    internal double HiddenDensity(int inputSize, int outputSize) =>
        Epsilon is double epsilon ? Math.Min(1.0, epsilon * (inputSize + outputSize) / ((double)inputSize * outputSize)) : 1.0 - Sparsity;

    /// <summary>The learning rate of a (0-based) epoch.</summary>
    internal float LearningRateAt(int epoch) => Schedule switch
    {
        LearningRateSchedule.Cosine => (float)(LearningRate * 0.5 * (1 + Math.Cos(Math.PI * epoch / Epochs))),
        _ => LearningRate,
    };

    /// <summary>
    /// ζ of the rewiring after a (0-based) epoch: 0 for an epoch after which rewiring has stopped (or for a static
    /// topology), else <see cref="RewireFraction"/>, decayed by <see cref="RewireSchedule"/>.
    /// </summary>
    internal double RewireFractionAt(int epoch)
    {
        int stop = Math.Max(1, (int)Math.Round(Epochs * RewireEnd, MidpointRounding.AwayFromZero));
        if (Topology != TopologyMode.Adaptive || epoch >= stop - 1)
        {
            return 0;
        }
        return RewireSchedule switch
        {
            RewireSchedule.Cosine => RewireFraction * 0.5 * (1 + Math.Cos(Math.PI * epoch / (stop - 1))),
            _ => RewireFraction,
        };
    }
}
