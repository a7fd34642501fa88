using SparseAdaptive.Robustness;
namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>Options of the PGD attack transform (see <see cref="PgdAttack"/>).</summary>
public sealed class PgdOptions : InputPerturbationOptions
{
    /// <summary>Radius of the L∞ ball, ≥ 0. Default 0.1.</summary>
    public float Epsilon { get; set; } = 0.1f;

    /// <summary>Size of each step, &gt; 0; null (the default) uses 2.5 × <see cref="Epsilon"/> / <see cref="NumberOfIterations"/>.</summary>
    public float? StepSize { get; set; }

    /// <summary>Number of steps, &gt; 0. Default 10.</summary>
    public int NumberOfIterations { get; set; } = 10;

    /// <summary>Whether to start at a uniform random point of the ball. Default true.</summary>
    public bool RandomStart { get; set; } = true;

    /// <summary>
    /// Number of random starts, &gt; 0 (more than one needs <see cref="RandomStart"/>); each row keeps the restart that
    /// pushed it furthest past its class. Default 1.
    /// </summary>
    public int Restarts { get; set; } = 1;

    internal override InputPerturbation CreatePerturbation() => new PgdAttack(Epsilon, StepSize, NumberOfIterations, RandomStart, Range(), Restarts);
}
