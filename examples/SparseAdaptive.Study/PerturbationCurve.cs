namespace SparseAdaptive.Study;

/// <summary>The accuracy of one trained network under one perturbation, at each strength (mean over the sweep's seeds).</summary>
/// <param name="Perturbation">What was swept, e.g. "link removal"; also the key the report groups curves by.</param>
/// <param name="StrengthName">What the strength measures, e.g. "fraction of links" or "epsilon".</param>
/// <param name="Strengths">The strengths, in sweep order.</param>
/// <param name="Accuracies">Accuracy at each strength.</param>
internal sealed record PerturbationCurve(string Perturbation, string StrengthName, IReadOnlyList<double> Strengths, IReadOnlyList<double> Accuracies);
