using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Study;

/// <summary>A sparse network's topology before and after training, and how each sparse layer's links changed between them.</summary>
/// <param name="Initial">The topology training started from.</param>
/// <param name="Final">The trained topology.</param>
/// <param name="Turnover">Per sparse layer, links kept, removed and added.</param>
internal sealed record TopologyChange(TopologySnapshot Initial, TopologySnapshot Final, IReadOnlyList<LinkTurnover> Turnover)
{
    /// <summary>Compares <paramref name="initial"/> with <paramref name="trained"/>, whose images are <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public static TopologyChange Between(SparseNetwork initial, SparseNetwork trained, int rows, int columns) => new(
        TopologySnapshot.Of(initial, rows, columns),
        TopologySnapshot.Of(trained, rows, columns),
        initial.Layers.SkipLast(1).Select((layer, l) => LinkTurnover.Between(layer, trained.Layers[l])).ToArray());
}
