using SparseAdaptive.Network;

namespace SparseAdaptive.Training;

/// <summary>What happened in one training epoch.</summary>
/// <param name="Epoch">The epoch, from 1 to <paramref name="Epochs"/>.</param>
/// <param name="Epochs">The number of epochs of the training.</param>
/// <param name="Loss">Mean cross-entropy over the epoch's mini-batches (with dropout, before each update).</param>
/// <param name="TrainAccuracy">Fraction of training samples classified right during the epoch (with dropout).</param>
/// <param name="ValidationAccuracy">Accuracy on the validation samples after the epoch, if any were given.</param>
/// <param name="LinksRewired">Links removed and regrown after the epoch, over all sparse layers.</param>
/// <param name="Seconds">Wall-clock time of the epoch, rewiring and validation included.</param>
/// <param name="LearningRate">The learning rate used in the epoch.</param>
public sealed record EpochReport(int Epoch, int Epochs, double Loss, double TrainAccuracy, double? ValidationAccuracy,
    int LinksRewired, double Seconds, double LearningRate)
{
    /// <summary>
    /// The network being trained, as it stands after the epoch and its rewiring (null when the report was not made by
    /// the trainer). It keeps changing after the callback returns: read it during the callback only.
    /// </summary>
    public SparseNetwork? Network { get; init; }
}
