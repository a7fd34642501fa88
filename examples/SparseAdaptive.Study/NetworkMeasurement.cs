using SparseAdaptive.Robustness;
using SparseAdaptive.Study.Structure;

namespace SparseAdaptive.Study;

/// <summary>Everything measured on one trained network (a <see cref="Cells.MeasurementCell"/>'s results).</summary>
/// <param name="Robustness">The result of each robustness sweep, in the order of <see cref="RobustnessSuite"/>.</param>
/// <param name="PgdCheck">For training seed 0, the study's PGD and the stronger PGD on the same images; empty for other seeds.</param>
/// <param name="Sensitivity">Logit margins and input-gradient norms on the clean sweep images (the PGD mechanism).</param>
/// <param name="Topology">For sparse kinds, the topology before and after training; null for dense ones.</param>
/// <param name="Structure">For sparse kinds, the structure of the trained network; null for dense ones.</param>
/// <param name="Seconds">Seconds spent measuring.</param>
internal sealed record NetworkMeasurement(IReadOnlyList<SweepResult> Robustness, IReadOnlyList<SweepResult> PgdCheck, SensitivitySummary Sensitivity, TopologyChange? Topology, NetworkStructure? Structure, double Seconds);
