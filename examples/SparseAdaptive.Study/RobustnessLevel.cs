namespace SparseAdaptive.Study;

/// <summary>One perturbation strength for one data set and kind, each metric summarised over the training seeds.</summary>
/// <param name="Strength">The perturbation strength.</param>
/// <param name="MicroAccuracy">Fraction of the sweep images classified correctly.</param>
/// <param name="MacroAccuracy">Mean per-class accuracy.</param>
/// <param name="LogLoss">Mean cross-entropy.</param>
internal sealed record RobustnessLevel(double Strength, SeedSummary MicroAccuracy, SeedSummary MacroAccuracy, SeedSummary LogLoss);
