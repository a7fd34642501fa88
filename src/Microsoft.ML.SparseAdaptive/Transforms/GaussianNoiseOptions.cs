using SparseAdaptive.Robustness;
namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>Options of the Gaussian noise transform (see <see cref="GaussianNoise"/>), the control of the attacks.</summary>
public sealed class GaussianNoiseOptions : InputPerturbationOptions
{
    /// <summary>Creates options with no label column: noise ignores the class.</summary>
    public GaussianNoiseOptions()
    {
        LabelColumnName = null;
    }

    /// <summary>σ of the noise, ≥ 0. Default 0.1.</summary>
    public float StandardDeviation { get; set; } = 0.1f;

    internal override bool UsesLabels => false;

    internal override InputPerturbation CreatePerturbation() => new GaussianNoise(StandardDeviation, Range());
}
