using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

// The sweeps beyond random failure: targeted and rescaled link removal, neuron removal, one layer at a time,
// stronger PGD and transfer attacks. Each level's SweepLevel.Structure carries the structural curves.
public sealed partial class RobustnessSweep
{
    /// <summary>
    /// Random link removal over fractions of the links of the layers in <paramref name="scope"/> (e.g. one layer of
    /// <see cref="LayerScope.EachLayer"/>), optionally with the survivors rescaled by 1 / (1 − fraction).
    /// </summary>
    /// <param name="fractions">Fractions in [0, 1].</param>
    /// <param name="seeds">Seeds of the link choices.</param>
    /// <param name="scope">Which layers lose links.</param>
    /// <param name="rescaleSurvivors">Whether the surviving links are multiplied by 1 / (1 − fraction).</param>
    public static RobustnessSweep LinkRemoval(IEnumerable<double> fractions, IEnumerable<int> seeds, LayerScope scope, bool rescaleSurvivors = false)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new(Named(rescaleSurvivors ? "link removal, survivors rescaled" : "link removal", scope), "fraction of links",
            f => new LinkRemoval(f, scope, rescaleSurvivors), fractions, seeds);
    }

    /// <summary>Link weight shuffling over fractions of the links of the layers in <paramref name="scope"/> (e.g. one layer of <see cref="LayerScope.EachLayer"/>).</summary>
    /// <param name="fractions">Fractions in [0, 1].</param>
    /// <param name="seeds">Seeds of the link choices and permutations.</param>
    /// <param name="scope">Which layers are shuffled.</param>
    public static RobustnessSweep LinkWeightShuffle(IEnumerable<double> fractions, IEnumerable<int> seeds, LayerScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new(Named("link weight shuffling", scope), "fraction of links", f => new LinkWeightShuffle(f, scope), fractions, seeds);
    }

    /// <summary>
    /// Within-neuron weight shuffling over fractions of the links of the layers in <paramref name="scope"/>: each neuron's
    /// chosen incoming weights are permuted among themselves, so every neuron keeps its in-strength.
    /// </summary>
    /// <param name="fractions">Fractions in [0, 1].</param>
    /// <param name="seeds">Seeds of the link choices and permutations.</param>
    /// <param name="scope">Which layers are shuffled; default the hidden layers.</param>
    public static RobustnessSweep WithinNeuronWeightShuffle(IEnumerable<double> fractions, IEnumerable<int> seeds, LayerScope? scope = null)
    {
        var layers = scope ?? LayerScope.Hidden;
        return new(Named("link weight shuffling within neurons", layers), "fraction of links", f => new WithinNeuronWeightShuffle(f, layers), fractions, seeds);
    }

    /// <summary>Targeted link removal over fractions of each chosen layer's links: smallest |w| first (pruning) or largest first (attack).</summary>
    /// <param name="fractions">Fractions in [0, 1].</param>
    /// <param name="seeds">Seeds (the ranked removal ignores them; one is enough).</param>
    /// <param name="order">Which magnitudes go first.</param>
    /// <param name="scope">Which layers lose links; default the hidden layers.</param>
    public static RobustnessSweep TargetedLinkRemoval(IEnumerable<double> fractions, IEnumerable<int> seeds, MagnitudeOrder order, LayerScope? scope = null)
    {
        string what = order == MagnitudeOrder.LargestFirst ? "link removal, largest |w| first" : "link removal, smallest |w| first";
        return new(Named(what, scope ?? LayerScope.Hidden), "fraction of links", f => new TargetedLinkRemoval(f, order, scope), fractions, seeds);
    }

    /// <summary>
    /// Neuron removal over fractions of each hidden layer's neurons: at random, or hubs first by degree, in-degree,
    /// out-degree or strength, ranked once on the intact network or re-ranked after each removal (see
    /// <see cref="Robustness.NeuronRemoval"/>). The name says all three: "neuron removal, " then "random", "hubs by
    /// degree first", "hubs by in-degree first", "hubs by out-degree first" or "hubs by strength first", then
    /// ", recalculated" when re-ranked and ", hidden layer k" for one hidden layer, e.g.
    /// "neuron removal, hubs by in-degree first, recalculated, hidden layer 1".
    /// </summary>
    /// <param name="fractions">Fractions in [0, 1].</param>
    /// <param name="seeds">Seeds of the random choice (ranked orders ignore them).</param>
    /// <param name="order">Which neurons go first; default at random.</param>
    /// <param name="hiddenLayer">The one hidden layer to remove from (index of the layer producing it), or null for all.</param>
    /// <param name="recalculated">Whether hubs are re-ranked on the damaged network after each removal; needs a hub order.</param>
    /// <exception cref="ArgumentException"><paramref name="recalculated"/> is set for the random order, or another argument is out of range.</exception>
    public static RobustnessSweep NeuronRemoval(IEnumerable<double> fractions, IEnumerable<int> seeds, NeuronOrder order = NeuronOrder.Random, int? hiddenLayer = null,
        bool recalculated = false)
    {
        string what = order switch
        {
            NeuronOrder.HighestDegreeFirst => "neuron removal, hubs by degree first",
            NeuronOrder.HighestInDegreeFirst => "neuron removal, hubs by in-degree first",
            NeuronOrder.HighestOutDegreeFirst => "neuron removal, hubs by out-degree first",
            NeuronOrder.HighestStrengthFirst => "neuron removal, hubs by strength first",
            _ => "neuron removal, random",
        };
        if (recalculated)
        {
            what += ", recalculated";
        }
        return new(hiddenLayer is int only ? $"{what}, hidden layer {only}" : what, "fraction of neurons",
            f => new NeuronRemoval(f, order, hiddenLayer, recalculated), fractions, seeds);
    }

    /// <summary>PGD over attack sizes ε with several random restarts per sample, step size 2.5 ε / <paramref name="iterations"/>.</summary>
    /// <param name="epsilons">L∞ radii ≥ 0.</param>
    /// <param name="seeds">Seeds of the random starts.</param>
    /// <param name="iterations">Steps per restart.</param>
    /// <param name="restarts">Random starts per sample; each sample keeps its most damaging one.</param>
    /// <param name="range">Valid feature range; default [0, 1].</param>
    public static RobustnessSweep PgdWithRestarts(IEnumerable<double> epsilons, IEnumerable<int> seeds, int iterations, int restarts, FeatureRange? range = null) =>
        new($"PGD, {iterations} steps × {restarts} restarts", "epsilon",
            e => new PgdAttack((float)e, stepSize: null, iterations, randomStart: true, range, restarts), epsilons, seeds);

    /// <summary>
    /// A transfer attack over attack sizes ε: examples crafted on <paramref name="source"/>, scored on the network the
    /// sweep runs on.
    /// </summary>
    /// <param name="attackName">The attack's name, e.g. "PGD"; the sweep is named "{attackName} transferred".</param>
    /// <param name="source">The network the examples are crafted on.</param>
    /// <param name="attackAt">Builds the attack of a size ε.</param>
    /// <param name="epsilons">Attack sizes.</param>
    /// <param name="seeds">Seeds of the attack's random choices.</param>
    public static RobustnessSweep Transfer(string attackName, SparseNetwork source, Func<double, InputPerturbation> attackAt, IEnumerable<double> epsilons, IEnumerable<int> seeds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attackName);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(attackAt);
        return new($"{attackName} transferred", "epsilon", e => new TransferAttack(attackAt(e), source), epsilons, seeds);
    }

    // The hidden layers are the default scope and keep the plain name.
    private static string Named(string what, LayerScope scope) => scope == LayerScope.Hidden ? what : $"{what}, {scope}";
}
