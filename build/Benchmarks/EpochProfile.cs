using System.Diagnostics;
using SparseAdaptive.Network;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// Where the time of one training epoch goes: the trainer's steps (the batch load, the training pass, each layer's
/// update) under their own stopwatches, followed by a rewiring step and a validation pass. The training pass is one
/// parallel region, as in training; the kernels inside it are timed by <c>--kernels</c>.
/// </summary>
internal sealed class EpochProfile(LabeledSamples train, LabeledSamples validation, ResultTable table)
{
    private const float DropoutRate = 0.2f;

    private const int WarmUpBatches = 50;

    private readonly Dictionary<string, TimeSpan> _phases = [];

    public void Run(double sparsity, int threads, int batches)
    {
        Timing.Settle();
        var settings = EpochBenchmark.Reference(threads, sparsity, 2);
        var network = NetworkTrainer.CreateNetwork(train.FeatureCount, train.ClassCount, settings);
        var velocities = network.Layers.Select(l => new LayerVelocity(l)).ToArray();
        var propagator = new BatchPropagator(network, settings.BatchSize, threads);
        var step = new SgdStep(settings.LearningRate, settings.Momentum, settings.L2Regularization);
        var labels = new int[settings.BatchSize];
        var rows = new int[settings.BatchSize];
        var random = new SeededRandom(settings.Seed, 99);
        int last = network.Layers.Count - 1;
        batches = Math.Min(batches, train.Count / settings.BatchSize);

        // The first batches run untimed, so that every kernel is timed at its final tier of compilation.
        for (int batch = -WarmUpBatches; batch < batches; batch++)
        {
            if (batch == 0)
            {
                _phases.Clear();
            }
            for (int b = 0; b < rows.Length; b++)
            {
                rows[b] = random.NextInt(train.Count);
                labels[b] = train.Labels[rows[b]];
            }
            Time("load and transpose batch", () => propagator.Load(train.Features, rows));
            Time("training pass: forward with dropout, loss, input gradients, weight-gradient shares", () =>
                propagator.TrainingPass(labels, DropoutRate, (ulong)batch));
            for (int l = last; l >= 0; l--)
            {
                int layer = l;
                Time($"weight update from the shares, layer {l}", () => propagator.UpdateWeights(layer, velocities[layer], step));
            }
        }
        double scale = (double)train.Count / (batches * settings.BatchSize);
        Time("rewiring (all sparse layers, once per epoch)", () =>
        {
            for (int l = 0; l < last; l++)
            {
                if (!network.Layers[l].IsDense)
                {
                    var rewiring = new SeededRandom(settings.Seed, 1000 + l);
                    TopologyEvolver.Rewire(network.Layers[l], velocities[l], settings.RewireFraction, ref rewiring, threads);
                }
            }
        });
        Time($"validation ({validation.Count} images, once per epoch)", () => ClassificationScore.Measure(network, validation, threads));

        string label = sparsity > 0 ? $"{sparsity:P0} sparse" : "dense";
        table.Section($"Profile of one epoch, {label}, {threads} thread(s) (per-batch phases timed on {batches} batches, scaled to {train.Count} images)");
        double total = 0;
        var perEpoch = new List<(string Phase, double Seconds)>();
        foreach (var (phase, elapsed) in _phases)
        {
            bool oncePerEpoch = phase.Contains("once per epoch", StringComparison.Ordinal);
            double seconds = elapsed.TotalSeconds * (oncePerEpoch ? 1 : scale);
            perEpoch.Add((phase, seconds));
            total += seconds;
        }
        foreach (var (phase, seconds) in perEpoch)
        {
            table.Add($"  {phase}", seconds, "s/epoch", note: $"{seconds / total:P1} of the epoch");
        }
        table.Add("  total of the phases", total, "s/epoch");
        _phases.Clear();
    }

    private void Time(string phase, Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        _phases[phase] = _phases.GetValueOrDefault(phase) + Stopwatch.GetElapsedTime(start);
    }
}
