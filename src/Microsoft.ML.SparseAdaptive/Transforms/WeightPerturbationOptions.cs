using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Options shared by the link perturbation transforms (see <see cref="WeightPerturbation"/>): the fraction of links
/// and the layers they are taken from, a kind of layers (<see cref="Layers"/>) or one layer (<see cref="LayerIndex"/>).
/// </summary>
public abstract class WeightPerturbationOptions : NetworkPerturbationOptions
{
    private protected WeightPerturbationOptions()
    {
    }

    /// <summary>Fraction of each chosen layer's links that are affected, in [0, 1]. Default 0.1.</summary>
    public double Fraction { get; set; } = 0.1;

    /// <summary>Which layers are perturbed when <see cref="LayerIndex"/> is null. Default <see cref="PerturbedLayers.Hidden"/> (the sparse layers).</summary>
    public PerturbedLayers Layers { get; set; } = PerturbedLayers.Hidden;

    /// <summary>
    /// The one layer to perturb, ≥ 0 (0 = the layer fed by the inputs; the last is the output layer), all others left
    /// bit-identical; null (the default) perturbs the kind of layers in <see cref="Layers"/>. Setting both (a
    /// <see cref="Layers"/> other than its default) is refused rather than one silently winning.
    /// </summary>
    public int? LayerIndex { get; set; }

    /// <summary>The engine scope of <see cref="Layers"/> and <see cref="LayerIndex"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="LayerIndex"/> is negative or <see cref="Layers"/> unknown.</exception>
    /// <exception cref="ArgumentException">Both <see cref="LayerIndex"/> and a non-default <see cref="Layers"/> are set.</exception>
    private protected LayerScope Scope()
    {
        if (LayerIndex is not int index)
        {
            return LayerScope.FromPerturbedLayers(Layers);
        }
        if (Layers != PerturbedLayers.Hidden)
        {
            throw new ArgumentException(
                $"Set either {nameof(LayerIndex)} ({index}) or {nameof(Layers)} ({Layers}), not both: {nameof(LayerIndex)} chooses one layer.", nameof(LayerIndex));
        }
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LayerIndex), index, $"{nameof(LayerIndex)} must be ≥ 0 (or null for {nameof(Layers)}); got {index}.");
        }
        return LayerScope.Layer(index);
    }
}
