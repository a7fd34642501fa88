using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Study.Structure;

/// <summary>
/// The structure of a trained sparse network: each hidden layer's (<see cref="LayerStructure"/>), and the k-core sizes
/// and rich-club coefficients of its neuron graph, each against its mean over configuration-model networks with the
/// same degrees.
/// </summary>
/// <param name="Layers">One per hidden layer, from the input side.</param>
/// <param name="CoreSizes">Size of the k-core by k, with its configuration-model mean and ratio.</param>
/// <param name="RichClub">Rich-club coefficient φ(k), with its configuration-model mean and ratio.</param>
internal sealed record NetworkStructure(IReadOnlyList<LayerStructure> Layers, NullComparison CoreSizes, NullComparison RichClub)
{
    /// <summary>Analyses <paramref name="network"/>; <paramref name="nullSamples"/> configuration-model networks drawn from <paramref name="seed"/>.</summary>
    public static NetworkStructure Of(SparseNetwork network, int nullSamples, int seed)
    {
        var census = HiddenNeuronCensus.Of(network);
        return new NetworkStructure(
            census.Select((layer, h) => LayerStructure.Of(network, h, layer)).ToArray(),
            NullComparison.Of(KCores.CoreSizesAgainstConfigurationModel(network, nullSamples, seed)),
            NullComparison.Of(Analysis.RichClub.AgainstConfigurationModel(network, nullSamples, seed)));
    }
}
