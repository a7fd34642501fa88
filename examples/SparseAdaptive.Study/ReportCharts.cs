namespace SparseAdaptive.Study;

/// <summary>The chart files of a report, by the section that shows them.</summary>
internal sealed class ReportCharts
{
    /// <summary>One chart per data set and perturbation, all kinds on it.</summary>
    public List<(DataSetName DataSet, string Perturbation, string File)> Robustness { get; } = [];

    /// <summary>Neuron removals at equal damage (accuracy against the share of links removed), one chart per data set.</summary>
    public List<(DataSetName DataSet, string File)> Damage { get; } = [];

    /// <summary>The headline measures against sparsity and ζ, one chart per data set with sweep points.</summary>
    public List<(DataSetName DataSet, string File)> Variants { get; } = [];

    /// <summary>Validation accuracy per epoch, one chart per data set.</summary>
    public List<(DataSetName DataSet, string File)> Training { get; } = [];

    /// <summary>Near-blank share, surviving initial links and degree/strength spread per epoch of the sparse kinds, one chart per data set.</summary>
    public List<(DataSetName DataSet, string File)> Adaptation { get; } = [];

    /// <summary>Degree distributions and pixel maps, one pair per data set and sparse kind.</summary>
    public List<(DataSetName DataSet, NetworkKind Kind, string Degrees, string Pixels)> Topology { get; } = [];

    /// <summary>Robustness probes of the sparse kinds during training, one chart per data set.</summary>
    public List<(DataSetName DataSet, string File)> Probes { get; } = [];

    /// <summary>Every file.</summary>
    public IEnumerable<string> AllFiles =>
        Robustness.Select(c => c.File).Concat(Training.Select(c => c.File)).Concat(Adaptation.Select(c => c.File)).Concat(Probes.Select(c => c.File)).Concat(Damage.Select(c => c.File)).Concat(Variants.Select(c => c.File))
            .Concat(Topology.SelectMany(c => new[] { c.Degrees, c.Pixels }));
}
