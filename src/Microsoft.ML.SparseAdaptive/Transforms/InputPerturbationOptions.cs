using SparseAdaptive.Robustness;
namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>Options shared by the input perturbation transforms.</summary>
public abstract class InputPerturbationOptions
{
    private protected InputPerturbationOptions()
    {
    }

    /// <summary>
    /// The label column whose class each row is attacked against (the key the model was trained with, or the raw class
    /// values before the model's MapValueToKey); null attacks
    /// the class the model predicts for the row. Default "Label". Ignored by Gaussian noise.
    /// </summary>
    public string? LabelColumnName { get; set; } = "Label";

    /// <summary>Smallest valid feature value; features must lie in [min, max] and results are clipped to it. Default 0.</summary>
    public float MinimumFeatureValue { get; set; }

    /// <summary>Largest valid feature value. Default 1.</summary>
    public float MaximumFeatureValue { get; set; } = 1f;

    /// <summary>Seed of the random choices (PGD's random start, the noise); null (the default) uses the MLContext's seed, or 0 when it has none.</summary>
    public int? Seed { get; set; }

    /// <summary>Builds the engine perturbation, checking the options.</summary>
    internal abstract InputPerturbation CreatePerturbation();

    /// <summary>Whether the perturbation reads the label column.</summary>
    internal virtual bool UsesLabels => LabelColumnName is not null;

    private protected FeatureRange Range() => new(MinimumFeatureValue, MaximumFeatureValue);
}
