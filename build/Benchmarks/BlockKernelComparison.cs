using SparseAdaptive.Network;
using SparseAdaptive.Topology;

namespace SparseAdaptive.Benchmarks;

/// <summary>
/// The block kernels of issue 12's last round against the paths they replaced, which the engine still runs where the
/// new ones do not apply: one block of 64 samples, 1 thread, time per call.
/// </summary>
internal static class BlockKernelComparison
{
    private const int Lanes = BatchBuffer.BlockLanes;

    public static void Run(ResultTable table)
    {
        table.Section("Block kernels against the paths they replaced (one block of 64 samples, 1 thread, µs per call)");
        var random = new SeededRandom(7);
        var hidden = RandomTopology.CreateLayer(1000, 1000, RandomTopology.LinkCount(1000, 1000, 0.01), ref random);
        var columns = TransposedTopology.Build(hidden);
        var input = Values(1000 * Lanes, ref random);
        var outputGradient = Values(1000 * Lanes, ref random);
        var inputGradient = new float[1000 * Lanes];
        var links = new float[hidden.LinkCount];
        var biases = new float[1000];

        double scattered = Micros(() => KernelDriver.Run(new ScatteredInputGradient(hidden, outputGradient, inputGradient, input, 1.1f, Lanes), hidden));
        double gathered = Micros(() =>
            KernelDriver.Run(new GatheredInputGradient(hidden, columns, outputGradient, inputGradient, input, 1.1f, Lanes), hidden));
        table.Add("Input gradient with ReLU/dropout derivative, 1000×1000 at 99%: gathered per input row", gathered, "µs",
            "scattered along the rows", scattered);

        double twoPasses = Micros(() =>
        {
            KernelDriver.Run(new GatheredInputGradient(hidden, columns, outputGradient, inputGradient, input, 1.1f, Lanes), hidden);
            KernelDriver.Run(new BiasGradientShares(hidden, outputGradient, biases), hidden);
            KernelDriver.Run(new LinkGradientShares(hidden, input, outputGradient, links), hidden);
        });
        double fused = Micros(() =>
            KernelDriver.Run(new GatheredInputGradientAndShares(hidden, columns, outputGradient, inputGradient, input, 1.1f, links, biases), hidden));
        table.Add("Input gradient and the block's weight-gradient shares, 1000×1000 at 99%: one pass", fused, "µs",
            "gathered input gradient, then the shares", twoPasses);

        foreach (int inputs in new[] { 1000, 100_000 })
        {
            var output = RandomTopology.CreateLayer(inputs, 10, RandomTopology.LinkCount(inputs, 10, 1.0), ref random);
            var wideInput = Values(inputs * Lanes, ref random);
            var gradient = Values(10 * Lanes, ref random);
            // The training pass's step through the output layer (no input gradient): the shares alone, as each policy plans them.
            var shares = new PlanNeeds(InputGradient: false, WeightUpdate: true, LinkShares: true, Blocks: 1);
            var groupedPlan = KernelPolicy.Default.Plan(output, shares);
            var oneByOnePlan = KernelPolicy.SparseKernelsOnly.Plan(output, shares);
            double grouped = Micros(() => groupedPlan.TrainingBlock(wideInput, gradient, [], 1f, block: 0));
            double oneByOne = Micros(() => oneByOnePlan.TrainingBlock(wideInput, gradient, [], 1f, block: 0));
            table.Add($"Weight-gradient shares of a dense {inputs}→10 layer: sixteen links summed at once", grouped, "µs",
                "one sum across a vector per link", oneByOne, WideRowGradients.IsSupported ? "" : "512-bit vectors only: here both run one sum per link");
        }

        var wideHidden = RandomTopology.CreateLayer(784, 1_000_000, RandomTopology.LinkCount(784, 1_000_000, 0.001), ref random);
        var classifier = RandomTopology.CreateLayer(1_000_000, 10, 10_000_000, ref random);
        var pixels = Values(784 * Lanes, ref random);
        var hiddenValues = new float[1_000_000 * Lanes];
        var logits = new float[10 * Lanes];
        var mask = new Dropout(0.1f, 98);
        var (hiddenPlan, classifierPlan) = (KernelPolicy.Default.Plan(wideHidden), KernelPolicy.Default.Plan(classifier));
        double inTurns = Micros(() => hiddenPlan.ForwardInTurns(pixels, hiddenValues, Lanes, mask, 0, classifierPlan, logits));
        double oneAfterOther = Micros(() =>
        {
            hiddenPlan.Forward(pixels, hiddenValues, Lanes, relu: true, mask, 0);
            classifierPlan.Forward(hiddenValues, logits, Lanes, relu: false);
        });
        table.Add("Forward of 784 → 1M (99.9%, dropout) and 1M → 10, taken in turns over 1024-row slices", inTurns, "µs",
            "one layer after the other", oneAfterOther);

        var dropout = new Dropout(0.1f, 99);
        var forward = KernelPolicy.Default.Plan(hidden);
        var rows = Values(1000 * Lanes, ref random);
        table.Add($"Dropout mask of a 1000-neuron block ({VectorWidth.Describe()})", Micros(() =>
        {
            for (int j = 0; j < 1000; j++)
            {
                dropout.Apply(rows.AsSpan(j * Lanes, Lanes), j, 0);
            }
        }), "µs", "forward kernel of the same 1000×1000 layer at 99%", Micros(() => forward.Forward(input, rows, Lanes, relu: true)));
    }

    private static double Micros(Action kernel) => Timing.MedianSecondsPerCall(kernel) * 1e6;

    private static float[] Values(int count, ref SeededRandom random)
    {
        var values = new float[count];
        foreach (ref float v in values.AsSpan())
        {
            v = random.NextSymmetric(1f);
        }
        return values;
    }
}
