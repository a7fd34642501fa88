using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study;

/// <summary>
/// Early stopping on the validation accuracy: keeps a copy of the best epoch's network and says when
/// <c>patience</c> epochs in a row have not beaten it. Without a patience it never stops and keeps nothing.
/// </summary>
internal sealed class EarlyStopping(int? patience)
{
    private double _bestAccuracy = double.NegativeInfinity;

    /// <summary>A copy of the network after the best epoch so far; null without a patience.</summary>
    public SparseNetwork? Best { get; private set; }

    /// <summary>The best epoch so far (1-based); null without a patience.</summary>
    public int? BestEpoch { get; private set; }

    /// <summary>Records an epoch; true when training should stop.</summary>
    public bool ShouldStop(EpochReport report)
    {
        if (patience is not int wait)
        {
            return false;
        }
        double accuracy = report.ValidationAccuracy ?? throw new InvalidOperationException("Early stopping needs a validation accuracy.");
        if (accuracy > _bestAccuracy)
        {
            _bestAccuracy = accuracy;
            BestEpoch = report.Epoch;
            Best = report.Network!.Clone();
        }
        return report.Epoch - BestEpoch >= wait;
    }
}
