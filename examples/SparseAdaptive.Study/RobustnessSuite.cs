using SparseAdaptive.Network;
using SparseAdaptive.Robustness;

namespace SparseAdaptive.Study;

/// <summary>Runs every robustness sweep of the study on one trained network, with the library's <see cref="RobustnessSweep"/>.</summary>
internal sealed class RobustnessSuite
{
    private readonly RobustnessSweep[] _sweeps;
    private readonly int _threads;

    /// <summary>
    /// Prepares the sweeps for a network of <paramref name="kind"/>: random failure (link removal, unscaled and with the
    /// survivors rescaled; neuron removal), links removed by |w|, weight shuffling, targeted neuron removal on a fine grid
    /// (hubs by in-, out- and total degree and by strength; in all hidden layers, ranked once or re-ranked as neurons go,
    /// and in each layer alone), FGSM and PGD. Sparse
    /// kinds also get weight shuffling within each neuron and rescaled link removal in one layer at a time; dense kinds
    /// are ranked by strength only, since all their neurons of a layer have the same degree.
    /// </summary>
    public RobustnessSuite(StudyOptions options, NetworkKind kind)
    {
        int[] draws = Enumerable.Range(0, options.SweepSeeds).ToArray();
        int[] starts = Enumerable.Range(0, options.PgdStarts).ToArray();
        // Ranked removals and FGSM draw nothing at random: one seed gives every seed's result.
        int[] unseeded = [0];
        var fractions = options.RemovalFractions;
        bool sparse = kind.IsSparse();
        int hiddenLayers = options.HiddenLayerSizes.Count;
        NeuronOrder[] orders = sparse
            ? [NeuronOrder.HighestInDegreeFirst, NeuronOrder.HighestOutDegreeFirst, NeuronOrder.HighestDegreeFirst, NeuronOrder.HighestStrengthFirst]
            : [NeuronOrder.HighestStrengthFirst];
        // Neurons of one layer share no links, so re-ranking can change the choice only across layers: recalculated
        // rankings are run with every hidden layer attacked, each layer alone only on its intact ranking.
        var targeted = orders.SelectMany(order => Enumerable.Range(0, hiddenLayers)
            .Select(h => RobustnessSweep.NeuronRemoval(options.NeuronFractions, unseeded, order, h))
            .Prepend(RobustnessSweep.NeuronRemoval(options.NeuronFractions, unseeded, order, recalculated: true))
            .Prepend(RobustnessSweep.NeuronRemoval(options.NeuronFractions, unseeded, order)));
        _sweeps =
        [
            RobustnessSweep.LinkRemoval(fractions, draws),
            RobustnessSweep.LinkRemoval(fractions, draws, LayerScope.Hidden, rescaleSurvivors: true),
            RobustnessSweep.TargetedLinkRemoval(fractions, unseeded, MagnitudeOrder.SmallestFirst),
            RobustnessSweep.TargetedLinkRemoval(fractions, unseeded, MagnitudeOrder.LargestFirst),
            RobustnessSweep.NeuronRemoval(fractions, draws),
            .. targeted,
            RobustnessSweep.LinkWeightShuffle(options.ShuffleFractions, draws),
            .. sparse ? [RobustnessSweep.WithinNeuronWeightShuffle(options.ShuffleFractions, draws)] : Array.Empty<RobustnessSweep>(),
            .. sparse
                ? Enumerable.Range(0, LayerCount(options)).Select(layer => RobustnessSweep.LinkRemoval(fractions, draws, LayerScope.Layer(layer), rescaleSurvivors: true))
                : [],
            RobustnessSweep.Fgsm(options.Epsilons, unseeded),
            RobustnessSweep.Pgd(options.Epsilons, starts, options.PgdIterations),
        ];
        _threads = options.Threads;
    }

    /// <summary>Layers of every network of the study: the hidden layers and the output layer.</summary>
    public static int LayerCount(StudyOptions options) => options.HiddenLayerSizes.Count + 1;

    /// <summary>What the suite for <paramref name="kind"/> measures, for a cell's key: each sweep's name, strengths and number of seeds.</summary>
    public static object Describe(StudyOptions options, NetworkKind kind) => new
    {
        sweeps = new RobustnessSuite(options, kind)._sweeps.Select(s => new { s.Name, s.Strengths, seeds = s.Seeds.Count }).ToArray(),
        options.PgdIterations,
    };

    /// <summary>The number of perturbed networks or attacked image sets the suite evaluates, for the cost estimate.</summary>
    public int EvaluationCount => _sweeps.Sum(s => s.Strengths.Count * s.Seeds.Count);

    /// <summary>The result of each sweep on <paramref name="network"/>, measured on the sweep images.</summary>
    public IReadOnlyList<SweepResult> Run(SparseNetwork network, StudyData data, CancellationToken cancellationToken) =>
        _sweeps.Select(sweep =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return sweep.Run(network, data.Swept, _threads);
        }).ToArray();
}
