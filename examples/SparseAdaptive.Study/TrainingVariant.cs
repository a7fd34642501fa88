using System.Globalization;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>What a <see cref="TrainingVariant"/> changes.</summary>
internal enum VariantParameter
{
    /// <summary>The sparsity of the hidden layers.</summary>
    Sparsity,

    /// <summary>ζ, the fraction of links rewired after each epoch (before its decay).</summary>
    RewireFraction,

    /// <summary>The scale of a new link's initial weight, relative to the initial weights' (0: new links start at 0).</summary>
    NewLinkWeightScale,
}

/// <summary>
/// A point of the study's parameter sweeps: an adaptive or static network trained with one setting changed from the
/// main runs' (a sparsity, or for adaptive networks a ζ or a new-link weight scale), everything else as theirs.
/// </summary>
/// <param name="Parameter">The setting changed.</param>
/// <param name="Value">Its value.</param>
internal sealed record TrainingVariant(VariantParameter Parameter, double Value)
{
    /// <summary>Short name for cell folders, labels and CSV files: "sparsity-0.95", "zeta-0.1", "new-link-scale-0".</summary>
    public string Name => $"{Parameter switch
    {
        VariantParameter.Sparsity => "sparsity",
        VariantParameter.RewireFraction => "zeta",
        _ => "new-link-scale",
    }}-{Value.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The name of the changed setting for people: "sparsity", "ζ" or "new-link scale".</summary>
    public string ParameterTitle => Parameter switch
    {
        VariantParameter.Sparsity => "sparsity",
        VariantParameter.RewireFraction => "ζ",
        _ => "new-link scale",
    };

    /// <summary>Changes the setting in <paramref name="settings"/>.</summary>
    public void ApplyTo(TrainingSettings settings)
    {
        switch (Parameter)
        {
            case VariantParameter.Sparsity:
                settings.Sparsity = Value;
                break;
            case VariantParameter.RewireFraction:
                settings.RewireFraction = Value;
                break;
            default:
                settings.NewLinkWeightScale = Value;
                break;
        }
    }
}
