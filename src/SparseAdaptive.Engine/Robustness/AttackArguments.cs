namespace SparseAdaptive.Robustness;

/// <summary>Checks of the arguments shared by the input perturbations, with messages naming the argument.</summary>
internal static class AttackArguments
{
    /// <summary>Returns <paramref name="value"/> when it is a finite number ≥ 0.</summary>
    public static float RequireNonNegative(float value, string name) =>
        value >= 0f && float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0; got {value}.");

    /// <summary>Returns <paramref name="value"/> when it is a finite number &gt; 0.</summary>
    public static float RequirePositive(float value, string name) =>
        value > 0f && float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0; got {value}.");
}
