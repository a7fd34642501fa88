namespace SparseAdaptive.Study.Cells;

/// <summary>When and where a cell was computed, stored beside its results (cell.json).</summary>
/// <param name="Name">The cell's folder name.</param>
/// <param name="Label">What the cell is.</param>
/// <param name="Started">When it started (UTC).</param>
/// <param name="Seconds">How long it took.</param>
/// <param name="Machine">The processor and vector width it ran on (<see cref="MachineDescription"/>).</param>
internal sealed record CellRecord(string Name, string Label, DateTimeOffset Started, double Seconds, string Machine);
