using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Random link removal: each chosen layer loses exactly round(fraction × its links), picked uniformly at random.
/// Biases are kept. Removing every link of the hidden layers leaves a network that predicts one class for every input.
/// Unscaled removal both shrinks each neuron's input and breaks the structure; with <see cref="RescaleSurvivors"/> the
/// surviving links of each chosen layer are multiplied by 1 / (1 − fraction), which keeps each neuron's expected input
/// (as inverted dropout does), so what is left is the structural damage.
/// </summary>
public sealed class LinkRemoval : WeightPerturbation
{
    /// <summary>Describes the removal of a fraction of the links of the chosen layers.</summary>
    /// <param name="fraction">Fraction of each chosen layer's links to remove, in [0, 1].</param>
    /// <param name="layers">Which layers lose links; by default the hidden (sparse) layers.</param>
    /// <param name="rescaleSurvivors">Whether to multiply the surviving links of the chosen layers by 1 / (1 − <paramref name="fraction"/>); default false.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside [0, 1] or <paramref name="layers"/> is not a known choice.</exception>
    public LinkRemoval(double fraction, PerturbedLayers layers = PerturbedLayers.Hidden, bool rescaleSurvivors = false)
        : this(fraction, LayerScope.FromPerturbedLayers(layers), rescaleSurvivors)
    {
    }

    /// <summary>Describes the removal of a fraction of the links of the layers in <paramref name="scope"/>, e.g. one layer alone.</summary>
    /// <param name="fraction">Fraction of each chosen layer's links to remove, in [0, 1].</param>
    /// <param name="scope">Which layers lose links.</param>
    /// <param name="rescaleSurvivors">Whether to multiply the surviving links of the chosen layers by 1 / (1 − <paramref name="fraction"/>); default false.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside [0, 1].</exception>
    public LinkRemoval(double fraction, LayerScope scope, bool rescaleSurvivors = false)
        : base(fraction, scope)
    {
        RescaleSurvivors = rescaleSurvivors;
    }

    /// <summary>Whether the surviving links of the chosen layers are multiplied by <see cref="SurvivorScale"/>.</summary>
    public bool RescaleSurvivors { get; }

    /// <summary>
    /// The factor the surviving links are multiplied by: (float)(1 / (1 − <see cref="WeightPerturbation.Fraction"/>)) when
    /// <see cref="RescaleSurvivors"/> is set and the fraction is below 1 (at 1 no link survives), else 1.
    /// </summary>
    public float SurvivorScale => RescaleSurvivors && Fraction < 1 ? (float)(1.0 / (1.0 - Fraction)) : 1f;

    private protected override void CorruptLayer(SparseLayer layer, int[] links, ref SeededRandom random) =>
        LayerLinkDeletion.Delete(layer, links, SurvivorScale);
}
