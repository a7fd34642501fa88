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
}

/// <summary>
/// A point of the study's parameter sweeps: an adaptive or static network trained with one setting changed from the
/// main runs' (a sparsity, or for adaptive networks a ζ), everything else as theirs.
/// </summary>
/// <param name="Parameter">The setting changed.</param>
/// <param name="Value">Its value.</param>
internal sealed record TrainingVariant(VariantParameter Parameter, double Value)
{
    /// <summary>Short name for cell folders, labels and CSV files: "sparsity-0.95", "zeta-0.1".</summary>
    public string Name => $"{(Parameter == VariantParameter.Sparsity ? "sparsity" : "zeta")}-{Value.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The name of the changed setting for people: "sparsity" or "ζ".</summary>
    public string ParameterTitle => Parameter == VariantParameter.Sparsity ? "sparsity" : "ζ";

    /// <summary>Changes the setting in <paramref name="settings"/>.</summary>
    public void ApplyTo(TrainingSettings settings)
    {
        if (Parameter == VariantParameter.Sparsity)
        {
            settings.Sparsity = Value;
        }
        else
        {
            settings.RewireFraction = Value;
        }
    }
}
