using System.Diagnostics;
using System.Globalization;
using SparseAdaptive.Network;
using SparseAdaptive.Topology;

namespace SparseAdaptive.Training;

/// <summary>
/// Trains a <see cref="SparseNetwork"/> with mini-batch momentum SGD and, for <see cref="TopologyMode.Adaptive"/>,
/// rewires the sparse hidden layers between epochs (Sparse Evolutionary Training) with the ζ of
/// <see cref="TrainingSettings.RewireFractionAt"/>.
/// </summary>
public static class NetworkTrainer
{
    // Distinct random streams per purpose, so changing one use of randomness leaves the others as they were.
    private const long TopologyStream = 1;
    private const long ShuffleStream = 1L << 20;
    private const long RewireStream = 2L << 20;

    /// <summary>Trains a new network on <paramref name="train"/>.</summary>
    /// <param name="train">The training samples.</param>
    /// <param name="settings">Shape, sparsity, topology evolution and optimiser settings.</param>
    /// <param name="validation">
    /// Optional samples whose accuracy is reported after each epoch, before its rewiring; when null and
    /// <see cref="TrainingSettings.ValidationFraction"/> is positive, that fraction of <paramref name="train"/> is held out instead.
    /// </param>
    /// <param name="onEpoch">Called after each epoch (and its rewiring) with what happened in it.</param>
    /// <param name="cancellationToken">Stops the training between mini-batches.</param>
    /// <returns>The trained network. The same inputs and seed give a bit-identical network whatever the number of threads.</returns>
    /// <exception cref="ArgumentException">A setting is out of range, or the validation samples do not match the training samples.</exception>
    /// <exception cref="TrainingDivergedException">The loss of a mini-batch is not finite; no network is returned.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static SparseNetwork Train(LabeledSamples train, TrainingSettings settings, LabeledSamples? validation = null,
        Action<EpochReport>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (settings.FindOversizedLayer(train.FeatureCount, train.ClassCount) is { } oversized)
        {
            throw oversized.ToException();
        }
        return Train(train, CreateNetwork(train.FeatureCount, train.ClassCount, settings), settings, validation, onEpoch, cancellationToken);
    }

    /// <summary>
    /// Trains a copy of <paramref name="initial"/> on <paramref name="train"/>: its links and weights are where training
    /// starts, in place of the random network <paramref name="settings"/> would draw. This is how a null model is trained
    /// (a rewired or re-initialised topology, <see cref="ConfigurationModel"/>, <see cref="FreshWeights"/>). Starting from
    /// <see cref="Analysis.InitialNetwork.For"/> with the same settings gives the same network as <see cref="Train(LabeledSamples, TrainingSettings, LabeledSamples?, Action{EpochReport}?, CancellationToken)"/>.
    /// </summary>
    /// <param name="train">The training samples.</param>
    /// <param name="initial">The network training starts from; it is not modified.</param>
    /// <param name="settings">
    /// Optimiser and topology evolution settings; <see cref="TrainingSettings.HiddenLayerSizes"/> must be the network's,
    /// and <see cref="TrainingSettings.Sparsity"/> and <see cref="TrainingSettings.Epsilon"/> are not used (the network's
    /// links are).
    /// </param>
    /// <param name="validation">As for the other overload.</param>
    /// <param name="onEpoch">Called after each epoch (and its rewiring) with what happened in it.</param>
    /// <param name="cancellationToken">Stops the training between mini-batches.</param>
    /// <returns>The trained network, bit-identical whatever the number of threads.</returns>
    /// <exception cref="ArgumentException">
    /// A setting is out of range, the network's layer sizes differ from <see cref="TrainingSettings.HiddenLayerSizes"/>
    /// or from the samples' feature and class counts, or the validation samples do not match the training samples.
    /// </exception>
    /// <exception cref="TrainingDivergedException">The loss of a mini-batch is not finite; no network is returned.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static SparseNetwork Train(LabeledSamples train, SparseNetwork initial, TrainingSettings settings, LabeledSamples? validation = null,
        Action<EpochReport>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var hidden = initial.Layers.SkipLast(1).Select(l => l.OutputSize).ToArray();
        if (!hidden.SequenceEqual(settings.HiddenLayerSizes))
        {
            throw new ArgumentException(
                $"The initial network's hidden layers are [{string.Join(", ", hidden)}] but HiddenLayerSizes is [{string.Join(", ", settings.HiddenLayerSizes)}].",
                nameof(settings));
        }
        if (initial.InputSize != train.FeatureCount || initial.ClassCount != train.ClassCount)
        {
            throw new ArgumentException(
                $"The initial network takes {initial.InputSize} inputs and scores {initial.ClassCount} classes; the training samples have {train.FeatureCount} features and {train.ClassCount} classes.",
                nameof(initial));
        }
        if (validation is not null && (validation.FeatureCount != train.FeatureCount || validation.ClassCount != train.ClassCount))
        {
            throw new ArgumentException(
                $"Validation samples have {validation.FeatureCount} features and {validation.ClassCount} classes; training samples have {train.FeatureCount} and {train.ClassCount}.",
                nameof(validation));
        }

        if (validation is null && settings.ValidationFraction > 0)
        {
            (train, validation) = train.SplitValidation(settings.ValidationFraction, settings.Seed);
        }

        int threads = settings.NumberOfThreads == 0 ? Environment.ProcessorCount : settings.NumberOfThreads;
        var network = initial.Clone();
        var velocities = network.Layers.Select(l => new LayerVelocity(l)).ToArray();
        int batchSize = Math.Min(settings.BatchSize, train.Count);
        var propagator = new BatchPropagator(network, batchSize, threads);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var labels = new int[batchSize];

        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var shuffle = new SeededRandom(settings.Seed, ShuffleStream + epoch);
            shuffle.Shuffle(order.AsSpan());
            var step = new SgdStep(settings.LearningRateAt(epoch), settings.Momentum, settings.L2Regularization);
            double lossSum = 0;
            long correct = 0;
            for (int start = 0, batch = 0; start < train.Count; start += batchSize, batch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = order.AsMemory(start, Math.Min(batchSize, train.Count - start));
                for (int b = 0; b < rows.Length; b++)
                {
                    labels[b] = train.Labels[rows.Span[b]];
                }
                propagator.Load(train.Features, rows);
                var (loss, right) = propagator.TrainingPass(labels.AsSpan(0, rows.Length), settings.DropoutRate,
                    DropoutKey(settings.Seed, epoch, batch));
                if (!double.IsFinite(loss))
                {
                    throw new TrainingDivergedException(epoch + 1, $"the loss of mini-batch {batch} is {loss.ToString(CultureInfo.InvariantCulture)}", settings.LearningRate);
                }
                lossSum += loss;
                correct += right;
                for (int l = network.Layers.Count - 1; l >= 0; l--)
                {
                    propagator.UpdateWeights(l, velocities[l], step);
                }
            }

            // Measured before the rewiring, as SET does: the accuracy of the network the epoch trained.
            double? validationAccuracy = validation is null ? null : ClassificationScore.Measure(network, validation, threads).MicroAccuracy;
            double fraction = settings.RewireFractionAt(epoch);
            int rewired = fraction > 0 ? Rewire(network, velocities, settings, fraction, epoch, threads) : 0;
            onEpoch?.Invoke(new EpochReport(epoch + 1, settings.Epochs, lossSum / train.Count, (double)correct / train.Count,
                validationAccuracy, rewired, clock.Elapsed.TotalSeconds, step.LearningRate) { Network = network });
        }
        // The losses checked every update but the last.
        if (network.Layers.Any(l => HasNonFinite(l.Weights) || HasNonFinite(l.Biases)))
        {
            throw new TrainingDivergedException(settings.Epochs, "the last update left weights that are not finite", settings.LearningRate);
        }
        return network;
    }

    private static bool HasNonFinite(float[] values) => values.AsSpan().IndexOfAnyExceptInRange(float.MinValue, float.MaxValue) >= 0;

    /// <summary>The initial network: random sparse hidden layers at the settings' density, then a dense output layer.</summary>
    internal static SparseNetwork CreateNetwork(int inputSize, int classCount, TrainingSettings settings)
    {
        var sizes = settings.HiddenLayerSizes.Prepend(inputSize).Append(classCount).ToArray();
        var layers = new SparseLayer[sizes.Length - 1];
        for (int l = 0; l < layers.Length; l++)
        {
            var random = new SeededRandom(settings.Seed, TopologyStream + l);
            bool output = l == layers.Length - 1;
            double density = output ? 1.0 : settings.HiddenDensity(sizes[l], sizes[l + 1]);
            layers[l] = RandomTopology.CreateLayer(sizes[l], sizes[l + 1], RandomTopology.LinkCount(sizes[l], sizes[l + 1], density), ref random);
        }
        return SparseNetwork.FromLayers(layers);
    }

    private static int Rewire(SparseNetwork network, LayerVelocity[] velocities, TrainingSettings settings, double fraction, int epoch, int threads)
    {
        int total = 0;
        for (int l = 0; l < network.Layers.Count - 1; l++)
        {
            var layer = network.Layers[l];
            if (layer.IsDense)
            {
                continue;
            }
            var random = new SeededRandom(settings.Seed, RewireStream + epoch * 1024L + l);
            total += TopologyEvolver.Rewire(layer, velocities[l], fraction, ref random, threads, settings.NewLinkWeightScale);
        }
        return total;
    }

    private static ulong DropoutKey(int seed, int epoch, int batch) =>
        ((ulong)(uint)seed << 40) ^ ((ulong)(uint)epoch << 20) ^ (uint)batch;
}
