namespace SparseAdaptive.Network;

/// <summary>The register tiles of the dense kernels (<see cref="DenseForward"/>, <see cref="DenseInputGradient"/>, <see cref="DenseWeightUpdate"/>).</summary>
internal static class DenseTile
{
    /// <summary>Neurons per register tile: 6 × 2 accumulators, two loads and a broadcast fit the 16 registers of AVX2.</summary>
    public const int Rows = 6;

    /// <summary>
    /// One slice of a sliced dense kernel: [Start, End), whether it is the first, and whether its sums are stored through
    /// the ReLU (forward) or its derivative (input gradient), which only the last slice does.
    /// </summary>
    public readonly record struct Slice(int Start, int End, bool First, bool Relu);
}
