namespace SparseAdaptive.Study.Findings;

/// <summary>A difference between two kinds the report tests, paired by training seed, and what it isolates.</summary>
/// <param name="First">The kind whose value comes first in first − second.</param>
/// <param name="Second">The kind subtracted.</param>
/// <param name="Isolates">What the two kinds differ in, for the reader.</param>
internal sealed record Contrast(NetworkKind First, NetworkKind Second, string Isolates)
{
    /// <summary>Adaptive against static: everything adaptation changes (the sum of the three contrasts below it).</summary>
    public static readonly Contrast AdaptiveStatic = new(NetworkKind.Adaptive, NetworkKind.Static, "adaptation as a whole");

    /// <summary>The same trained topology with the weights adaptive training gave it, against fresh weights trained on it.</summary>
    public static readonly Contrast Weights = new(NetworkKind.Adaptive, NetworkKind.FreshWeights, "the weights and training history on the adapted topology");

    /// <summary>The adapted topology against a random one with the same degrees, both trained static from fresh weights.</summary>
    public static readonly Contrast Wiring = new(NetworkKind.FreshWeights, NetworkKind.ConfigurationModel, "where the adapted links are, beyond their degrees");

    /// <summary>A random topology with the adapted degrees against the initial random topology, both trained static.</summary>
    public static readonly Contrast Degrees = new(NetworkKind.ConfigurationModel, NetworkKind.Static, "the adapted degree sequence");

    /// <summary>Every contrast the report tests, in report order.</summary>
    public static readonly Contrast[] All =
    [
        AdaptiveStatic, Weights, Wiring, Degrees,
        new(NetworkKind.SetReference, NetworkKind.Static, "SET as published against no rewiring"),
        new(NetworkKind.Adaptive, NetworkKind.SetReference, "the engine's SET settings against the published ones"),
        new(NetworkKind.Adaptive, NetworkKind.Dense, "sparse adaptive against dense of the same width"),
        new(NetworkKind.Adaptive, NetworkKind.DenseEqualLinks, "sparse adaptive against dense of the same link count"),
    ];

    /// <summary>The three contrasts whose sum is <see cref="AdaptiveStatic"/>, each isolating one cause.</summary>
    public static readonly Contrast[] Decomposition = [Weights, Wiring, Degrees];

    /// <summary>"adaptive − static".</summary>
    public string Title => $"{First.Name()} − {Second.Name()}";
}
