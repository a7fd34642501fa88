using System.Globalization;
using System.Text.Json.Serialization;
using SparseAdaptive.Topology;
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

    /// <summary>How ζ changes over the epochs: the value is a <see cref="Topology.RewireSchedule"/>.</summary>
    RewireSchedule,
}

/// <summary>
/// A point of the study's parameter sweeps: an adaptive or static network trained with one setting changed from the
/// main runs' (a sparsity, or for adaptive networks a ζ, a new-link weight scale or a ζ schedule), everything else as
/// theirs.
/// </summary>
/// <param name="Parameter">The setting changed.</param>
/// <param name="Value">Its value.</param>
internal sealed record TrainingVariant(VariantParameter Parameter, double Value)
{
    /// <summary>Short name for cell folders, labels and CSV files: "sparsity-0.95", "zeta-0.1", "new-link-scale-0", "schedule-constant".</summary>
    public string Name => $"{Parameter switch
    {
        VariantParameter.Sparsity => "sparsity",
        VariantParameter.RewireFraction => "zeta",
        VariantParameter.NewLinkWeightScale => "new-link-scale",
        _ => "schedule",
    }}-{ValueText}";

    /// <summary>The name of the changed setting for people: "sparsity", "ζ", "new-link scale" or "ζ schedule".</summary>
    public string ParameterTitle => Parameter switch
    {
        VariantParameter.Sparsity => "sparsity",
        VariantParameter.RewireFraction => "ζ",
        VariantParameter.NewLinkWeightScale => "new-link scale",
        _ => "ζ schedule",
    };

    /// <summary>The value for people and file names: the number, or the schedule's name ("constant").</summary>
    // Not in the cell key: the keys of the cells stored before it existed must not change.
    [JsonIgnore]
    public string ValueText => Parameter == VariantParameter.RewireSchedule
        ? ((RewireSchedule)(int)Value).ToString().ToLowerInvariant()
        : Value.ToString(CultureInfo.InvariantCulture);

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
            case VariantParameter.NewLinkWeightScale:
                settings.NewLinkWeightScale = Value;
                break;
            default:
                settings.RewireSchedule = (RewireSchedule)(int)Value;
                break;
        }
    }
}
