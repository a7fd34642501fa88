namespace SparseAdaptive.Network;

/// <summary>
/// A layer whose links are stored truly sparse: memory and time grow with the number of links, never with
/// <see cref="InputSize"/> × <see cref="OutputSize"/>. A fully connected layer is the special case where every link is present.
/// </summary>
/// <remarks>
/// Links are kept in one order only, by target (compressed sparse rows, the order of <see cref="GetLinks"/>): a source
/// index, a weight and, while training, a momentum per link: 10 bytes in all when the layer has at most 65,536 inputs
/// (16-bit sources), 12 otherwise. Training adds, per layer of up to 32M links, an index by source
/// (<see cref="TransposedTopology"/>, 8 bytes per link) through which the gradient with respect to the inputs is gathered.
/// </remarks>
public sealed partial class SparseLayer
{
    internal SparseLayer(int inputSize, int outputSize, int[] rowOffsets, int[] sources, float[] weights, float[] biases)
    {
        InputSize = inputSize;
        OutputSize = outputSize;
        Biases = biases;
        SetTopology(rowOffsets, sources, weights);
    }

    /// <summary>Number of neurons feeding this layer.</summary>
    public int InputSize { get; }

    /// <summary>Number of neurons this layer produces.</summary>
    public int OutputSize { get; }

    /// <summary>Number of links present.</summary>
    public int LinkCount => Weights.Length;

    /// <summary>True when every possible link is present (a fully connected layer).</summary>
    public bool IsDense => LinkCount == (long)InputSize * OutputSize;

    /// <summary>Fraction of the possible links that are present.</summary>
    public double Density => (double)LinkCount / ((long)InputSize * OutputSize);

    /// <summary>Fraction of the possible links that are absent: 1 − <see cref="Density"/>.</summary>
    public double Sparsity => 1.0 - Density;

    /// <summary>Offsets into the sources and <see cref="Weights"/> of each target's links; length OutputSize + 1.</summary>
    internal int[] RowOffsets { get; private set; } = [];

    /// <summary>Source of each link, by target then source, when the layer has at most 65,536 inputs; else null.</summary>
    internal ushort[]? NarrowSources { get; private set; }

    /// <summary>Source of each link, by target then source, when the layer has more than 65,536 inputs; else null.</summary>
    internal int[]? WideSources { get; private set; }

    /// <summary>Whichever of <see cref="NarrowSources"/> and <see cref="WideSources"/> the layer uses.</summary>
    internal Array SourceArray => (Array?)NarrowSources ?? WideSources!;

    /// <summary>Weight of each link, in the order of the sources.</summary>
    internal float[] Weights { get; private set; } = [];

    /// <summary>Bias of each output neuron.</summary>
    internal float[] Biases { get; }

    /// <summary>The links, ordered by target then source.</summary>
    public Link[] GetLinks()
    {
        var links = new Link[LinkCount];
        for (int target = 0; target < OutputSize; target++)
        {
            for (int k = RowOffsets[target]; k < RowOffsets[target + 1]; k++)
            {
                links[k] = new Link(SourceAt(k), target, Weights[k]);
            }
        }
        return links;
    }

    /// <summary>The link weights, in the order of <see cref="GetLinks"/>.</summary>
    public float[] GetWeights() => (float[])Weights.Clone();

    /// <summary>The bias of each output neuron.</summary>
    public float[] GetBiases() => (float[])Biases.Clone();

    /// <summary>For each output neuron, how many links arrive at it (its fan-in).</summary>
    public int[] GetInDegrees()
    {
        var degrees = new int[OutputSize];
        for (int target = 0; target < OutputSize; target++)
        {
            degrees[target] = RowOffsets[target + 1] - RowOffsets[target];
        }
        return degrees;
    }

    /// <summary>For each input neuron, how many links leave it (its fan-out).</summary>
    public int[] GetOutDegrees()
    {
        var degrees = new int[InputSize];
        for (int k = 0; k < LinkCount; k++)
        {
            degrees[SourceAt(k)]++;
        }
        return degrees;
    }

    /// <summary>
    /// Builds a layer from an explicit list of links (in any order) and biases.
    /// </summary>
    /// <exception cref="ArgumentException">A link is out of range, not finite, or appears twice; or the biases do not match.</exception>
    public static SparseLayer FromLinks(int inputSize, int outputSize, IEnumerable<Link> links, IReadOnlyList<float> biases)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputSize);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(biases);
        if (biases.Count != outputSize)
        {
            throw new ArgumentException($"Expected {outputSize} biases (one per output neuron) but got {biases.Count}.", nameof(biases));
        }

        var sorted = links.ToArray();
        foreach (var link in sorted)
        {
            if ((uint)link.Source >= (uint)inputSize || (uint)link.Target >= (uint)outputSize)
            {
                throw new ArgumentException($"Link {link} is outside a {inputSize}→{outputSize} layer.", nameof(links));
            }
            if (!float.IsFinite(link.Weight))
            {
                throw new ArgumentException($"Link {link} has a weight that is not finite.", nameof(links));
            }
        }
        Array.Sort(sorted, (a, b) => a.Target != b.Target ? a.Target.CompareTo(b.Target) : a.Source.CompareTo(b.Source));

        var rowOffsets = new int[outputSize + 1];
        var sources = new int[sorted.Length];
        var weights = new float[sorted.Length];
        for (int k = 0; k < sorted.Length; k++)
        {
            if (k > 0 && sorted[k].Target == sorted[k - 1].Target && sorted[k].Source == sorted[k - 1].Source)
            {
                throw new ArgumentException($"Link {sorted[k].Source}→{sorted[k].Target} appears more than once.", nameof(links));
            }
            rowOffsets[sorted[k].Target + 1]++;
            sources[k] = sorted[k].Source;
            weights[k] = sorted[k].Weight;
        }
        for (int target = 0; target < outputSize; target++)
        {
            rowOffsets[target + 1] += rowOffsets[target];
        }

        var biasArray = biases.ToArray();
        if (biasArray.Any(b => !float.IsFinite(b)))
        {
            throw new ArgumentException("A bias is not finite.", nameof(biases));
        }
        return new SparseLayer(inputSize, outputSize, rowOffsets, sources, weights, biasArray);
    }

    /// <summary>
    /// Changes whenever the links move (every mutation of <c>SparseLayer.Mutations.cs</c> that moves them moves it on),
    /// so that structures derived from the topology (<see cref="LayerPlan"/>, <see cref="TransposedTopology"/>) know when
    /// to be rebuilt. Weight changes do not count.
    /// </summary>
    internal int TopologyVersion { get; private set; }

    /// <summary>A deep copy: weights, biases and topology are not shared.</summary>
    internal SparseLayer Clone() =>
        new(InputSize, OutputSize, (int[])RowOffsets.Clone(), GetSources(), (float[])Weights.Clone(), (float[])Biases.Clone());

    /// <summary>Source of link <paramref name="link"/>.</summary>
    internal int SourceAt(int link) => NarrowSources is { } narrow ? narrow[link] : WideSources![link];

    /// <summary>The sources of all links, in link order, as 32-bit integers (a copy).</summary>
    internal int[] GetSources()
    {
        if (WideSources is { } wide)
        {
            return (int[])wide.Clone();
        }
        var sources = new int[LinkCount];
        for (int k = 0; k < sources.Length; k++)
        {
            sources[k] = NarrowSources![k];
        }
        return sources;
    }

    /// <summary>Whether a layer with <paramref name="inputSize"/> inputs stores its sources in 16 bits.</summary>
    internal static bool HasNarrowSources(int inputSize) => inputSize <= ushort.MaxValue + 1;

    /// <summary>
    /// Replaces the links. <paramref name="sources"/> must be sorted by target (as delimited by
    /// <paramref name="rowOffsets"/>) and, within a target, strictly increasing.
    /// </summary>
    private void SetTopology(int[] rowOffsets, int[] sources, float[] weights)
    {
        TopologyVersion++;
        RowOffsets = rowOffsets;
        Weights = weights;
        if (HasNarrowSources(InputSize))
        {
            var narrow = new ushort[sources.Length];
            for (int k = 0; k < narrow.Length; k++)
            {
                narrow[k] = (ushort)sources[k];
            }
            NarrowSources = narrow;
            WideSources = null;
        }
        else
        {
            WideSources = sources;
            NarrowSources = null;
        }
    }
}
