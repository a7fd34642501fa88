using SparseAdaptive.Robustness;

namespace SparseAdaptive.Study.Findings;

/// <summary>
/// The damage of a removal counted in links: the share of the network's links that a level of a sweep has taken away.
/// A hub takes many links with it and a random neuron few, so removals ranked differently are compared at equal damage
/// on this scale rather than at equal numbers of neurons.
/// </summary>
internal static class LinkDamage
{
    /// <summary>Per level of <paramref name="run"/>'s sweep <paramref name="perturbation"/>: 1 − links left (mean over its draws) ÷ the trained network's links.</summary>
    public static double[] Removed(RunResult run, string perturbation) => Removed(run, Levels(run, perturbation));

    /// <summary>
    /// The share of the links removed at the functional critical fraction of <paramref name="run"/>'s neuron removal
    /// <paramref name="perturbation"/> (<see cref="TargetedSection.Of"/>): how much damage the ranking needs to halve the
    /// accuracy; null when the run was not put through it or its curve never halves.
    /// </summary>
    public static double? AtCriticalFraction(RunResult run, string perturbation) =>
        run.Robustness.Any(s => s.Name == perturbation) && TargetedSection.Of(run, perturbation, structural: false) is double fc ? At(run, perturbation, fc) : null;

    /// <summary>The share of the links removed at strength <paramref name="strength"/> of the sweep, interpolated linearly between its levels.</summary>
    public static double At(RunResult run, string perturbation, double strength)
    {
        var levels = Levels(run, perturbation);
        double[] removed = Removed(run, levels);
        int above = Enumerable.Range(1, levels.Count - 1).FirstOrDefault(i => levels[i].Strength >= strength, levels.Count - 1);
        double from = levels[above - 1].Strength, to = levels[above].Strength;
        double t = to == from ? 1 : Math.Clamp((strength - from) / (to - from), 0, 1);
        return removed[above - 1] + t * (removed[above] - removed[above - 1]);
    }

    private static IReadOnlyList<SweepLevel> Levels(RunResult run, string perturbation) => run.Robustness.Single(s => s.Name == perturbation).Levels;

    private static double[] Removed(RunResult run, IReadOnlyList<SweepLevel> levels) =>
        levels.Select(l => 1 - l.Structure!.LinkCount.Mean / run.LinkCount).ToArray();
}
