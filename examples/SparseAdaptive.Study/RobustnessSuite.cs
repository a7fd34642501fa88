using Microsoft.ML.SparseAdaptive.Network;

namespace SparseAdaptive.Study;

/// <summary>Runs every robustness sweep of the study on one trained network.</summary>
internal sealed class RobustnessSuite
{
    private readonly StudyOptions _options;

    /// <summary>Prepares the sweeps the options describe.</summary>
    public RobustnessSuite(StudyOptions options)
    {
        _options = options;
    }

    /// <summary>Whether this build holds the robustness layer; when not, <see cref="Run"/> measures nothing.</summary>
    public static bool IsAvailable => false;

    /// <summary>The accuracy curves of <paramref name="network"/> under each perturbation, measured on the sweep images.</summary>
    public IReadOnlyList<PerturbationCurve> Run(SparseNetwork network, StudyData data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        _ = _options;
        return [];
    }
}
