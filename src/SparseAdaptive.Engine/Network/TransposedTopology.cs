namespace SparseAdaptive.Network;

/// <summary>
/// A sparse layer's links grouped by source (compressed sparse columns), targets increasing within each source, so the
/// gradient with respect to the inputs can be gathered per input row (loads only, one store) instead of scattered along
/// the rows (a load and a store per link and vector). Built from the layer for one topology and rebuilt when
/// <see cref="SparseLayer.TopologyVersion"/> moves on; 8 bytes per link.
/// </summary>
internal sealed class TransposedTopology
{
    /// <summary>Most memory one layer's index may take; wider layers scatter their input gradients along the rows.</summary>
    public const long MaxBytes = 256L << 20;

    private readonly SparseLayer _layer;
    private readonly int _version;

    private TransposedTopology(SparseLayer layer, int[] columnOffsets, int[] targets, int[] links)
    {
        _layer = layer;
        _version = layer.TopologyVersion;
        ColumnOffsets = columnOffsets;
        Targets = targets;
        Links = links;
    }

    /// <summary>Entries of source <c>i</c> are [ColumnOffsets[i], ColumnOffsets[i + 1]).</summary>
    public int[] ColumnOffsets { get; }

    /// <summary>The target (output row) of each entry.</summary>
    public int[] Targets { get; }

    /// <summary>The link (index into the layer's weights) of each entry.</summary>
    public int[] Links { get; }

    /// <summary>Whether an index of <paramref name="layer"/> stays within <see cref="MaxBytes"/>.</summary>
    public static bool Fits(SparseLayer layer) => (long)layer.LinkCount * 2 * sizeof(int) <= MaxBytes;

    /// <summary>Whether this indexes <paramref name="layer"/>'s links as they are now.</summary>
    public bool IsCurrentFor(SparseLayer layer) => ReferenceEquals(layer, _layer) && layer.TopologyVersion == _version;

    /// <exception cref="InvalidOperationException">This does not index <paramref name="layer"/>'s current links.</exception>
    public void RequireCurrentFor(SparseLayer layer)
    {
        if (!IsCurrentFor(layer))
        {
            throw new InvalidOperationException("The transposed topology was built for links the layer no longer has, or for another layer.");
        }
    }

    /// <summary>Groups <paramref name="layer"/>'s links by source: a counting sort, so each source's targets stay in row order.</summary>
    public static TransposedTopology Build(SparseLayer layer)
    {
        int[] degrees = layer.GetOutDegrees();
        var offsets = new int[layer.InputSize + 1];
        for (int i = 0; i < layer.InputSize; i++)
        {
            offsets[i + 1] = offsets[i] + degrees[i];
        }
        var next = offsets[..^1];
        var targets = new int[layer.LinkCount];
        var links = new int[layer.LinkCount];
        int[] rows = layer.RowOffsets;
        for (int row = 0; row < layer.OutputSize; row++)
        {
            for (int k = rows[row]; k < rows[row + 1]; k++)
            {
                int entry = next[layer.SourceAt(k)]++;
                targets[entry] = row;
                links[entry] = k;
            }
        }
        return new TransposedTopology(layer, offsets, targets, links);
    }
}
