using SparseAdaptive.Network;

namespace SparseAdaptive.Engine.Tests.Robustness;

/// <summary>Networks small enough that every degree, strength and path of the tests below can be worked out by hand.</summary>
internal static class HandMadeNetworks
{
    /// <summary>
    /// 3 inputs → 4 hidden → 2 classes. Hidden neuron j has (in, out) links and strength Σ|w|:
    /// 0: (3, 2), degree 5, strength 1.9; 1: (1, 1), degree 2, strength 7.0; 2: (2, 2), degree 4, strength 0.4;
    /// 3: (3, 1), degree 4, strength 4.0. By degree: 0, 2, 3, 1 (2 before 3 by index); by strength: 1, 3, 0, 2; by
    /// in-degree: 0, 3, 2, 1; by out-degree: 0, 2, 1, 3.
    /// </summary>
    public static SparseNetwork Hubs() => SparseNetwork.FromLayers(
    [
        SparseLayer.FromLinks(3, 4,
        [
            new Link(0, 0, 0.5f), new Link(1, 0, -0.5f), new Link(2, 0, 0.5f),
            new Link(0, 1, 3f),
            new Link(1, 2, 0.1f), new Link(2, 2, -0.1f),
            new Link(0, 3, 1f), new Link(1, 3, -1f), new Link(2, 3, 1f),
        ], [0.1f, 0.2f, 0.3f, 0.4f]),
        SparseLayer.FromLinks(4, 2,
        [
            new Link(0, 0, 0.2f), new Link(0, 1, -0.2f),
            new Link(1, 0, 4f),
            new Link(2, 0, 0.1f), new Link(2, 1, 0.1f),
            new Link(3, 1, -1f),
        ], [0.5f, -0.5f]),
    ]);

    /// <summary>
    /// 2 inputs → hidden A (3) → hidden B (3) → 2 classes, where removing A's hub takes B's hub's only in-link. Degrees
    /// (in + out): A0 2 + 1 = 3, A1 1 + 1 = 2, A2 1 + 2 = 3; B0 1 + 2 = 3, B1 2 + 1 = 3, B2 1 + 1 = 2. Ranked once, a
    /// third of each layer is A0 then B0 (ties by index); recalculated, A0's removal leaves B0 with degree 2, so B1 goes.
    /// </summary>
    public static SparseNetwork FadingHub() => SparseNetwork.FromLayers(
    [
        SparseLayer.FromLinks(2, 3, [new Link(0, 0, 1f), new Link(1, 0, 1f), new Link(0, 1, 1f), new Link(1, 2, 1f)], [0f, 0f, 0f]),
        SparseLayer.FromLinks(3, 3, [new Link(0, 0, 1f), new Link(1, 1, 1f), new Link(2, 1, 1f), new Link(2, 2, 1f)], [0f, 0f, 0f]),
        SparseLayer.FromLinks(3, 2, [new Link(0, 0, 1f), new Link(0, 1, 1f), new Link(1, 0, 1f), new Link(2, 1, 1f)], [0f, 0f]),
    ]);

    /// <summary>
    /// 3 inputs → 2 hidden → 2 classes. Layer 0's links in link order (target, then source) have |w| = 0.5, 0.1, 0.3,
    /// 0.3, 0.9, 0.1: smallest first takes links 1, 5, 2, 3, 0, 4; largest first 4, 0, 2, 3, 1, 5 (ties by link order).
    /// The dense output layer has weights 1, −2, 3, −4.
    /// </summary>
    public static SparseNetwork Magnitudes() => SparseNetwork.FromLayers(
    [
        SparseLayer.FromLinks(3, 2,
        [
            new Link(0, 0, 0.5f), new Link(1, 0, -0.1f), new Link(2, 0, 0.3f),
            new Link(0, 1, -0.3f), new Link(1, 1, 0.9f), new Link(2, 1, 0.1f),
        ], [0.1f, -0.1f]),
        SparseLayer.FromLinks(2, 2, [new Link(0, 0, 1f), new Link(1, 0, -2f), new Link(0, 1, 3f), new Link(1, 1, -4f)], [0.2f, -0.2f]),
    ]);

    /// <summary>The bits of each weight and bias of a layer, to assert that it is unchanged to the bit.</summary>
    public static (int Source, int Target, int WeightBits)[] LinkBits(SparseLayer layer) =>
        layer.GetLinks().Select(l => (l.Source, l.Target, BitConverter.SingleToInt32Bits(l.Weight))).ToArray();

    /// <summary>The bits of each bias of a layer.</summary>
    public static int[] BiasBits(SparseLayer layer) => layer.GetBiases().Select(BitConverter.SingleToInt32Bits).ToArray();
}
