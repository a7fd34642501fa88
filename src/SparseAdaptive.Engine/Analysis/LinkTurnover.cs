using SparseAdaptive.Network;

namespace SparseAdaptive.Analysis;

/// <summary>How a layer's set of links changed between two moments, e.g. before and after training.</summary>
/// <param name="Kept">Links (source, target) present in both.</param>
/// <param name="Removed">Links present before and gone after.</param>
/// <param name="Added">Links absent before and present after.</param>
public sealed record LinkTurnover(int Kept, int Removed, int Added)
{
    /// <summary>Fraction of the earlier links still present: <see cref="Kept"/> / (<see cref="Kept"/> + <see cref="Removed"/>); 1 when there were none.</summary>
    public double KeptFraction => Kept + Removed == 0 ? 1 : (double)Kept / (Kept + Removed);

    /// <summary>Compares the links of two versions of the same layer; weights are ignored.</summary>
    /// <param name="before">The earlier version.</param>
    /// <param name="after">The later version, of the same shape.</param>
    /// <exception cref="ArgumentException">The layers have different shapes.</exception>
    public static LinkTurnover Between(SparseLayer before, SparseLayer after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.InputSize != after.InputSize || before.OutputSize != after.OutputSize)
        {
            throw new ArgumentException(
                $"The layers differ in shape ({before.InputSize}→{before.OutputSize} before, {after.InputSize}→{after.OutputSize} after).", nameof(after));
        }
        // Both are sorted by target then source, so one merge pass finds the common links.
        var a = before.GetLinks();
        var b = after.GetLinks();
        int kept = 0;
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            int order = a[i].Target != b[j].Target ? a[i].Target.CompareTo(b[j].Target) : a[i].Source.CompareTo(b[j].Source);
            if (order == 0)
            {
                kept++;
                i++;
                j++;
            }
            else if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return new LinkTurnover(kept, a.Length - kept, b.Length - kept);
    }
}
