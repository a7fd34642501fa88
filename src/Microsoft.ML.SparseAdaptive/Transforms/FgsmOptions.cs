using SparseAdaptive.Robustness;
namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>Options of the FGSM attack transform (see <see cref="FgsmAttack"/>).</summary>
public sealed class FgsmOptions : InputPerturbationOptions
{
    /// <summary>L∞ size of the change, ≥ 0. Default 0.1.</summary>
    public float Epsilon { get; set; } = 0.1f;

    internal override InputPerturbation CreatePerturbation() => new FgsmAttack(Epsilon, Range());
}
