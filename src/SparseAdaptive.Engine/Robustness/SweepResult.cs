namespace SparseAdaptive.Robustness;

/// <summary>The curve of one sweep: per-strength summaries and the raw per-seed evaluations.</summary>
/// <param name="Name">What was swept, e.g. "link removal".</param>
/// <param name="StrengthName">What the strength measures, e.g. "fraction" or "epsilon".</param>
/// <param name="Levels">One summary per strength, in the order the strengths were given.</param>
/// <param name="Runs">Every evaluation, strength by strength and seed by seed.</param>
public sealed record SweepResult(string Name, string StrengthName, IReadOnlyList<SweepLevel> Levels, IReadOnlyList<SweepRun> Runs);
