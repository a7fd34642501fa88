using SparseAdaptive.Data;
using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Robustness;

/// <summary>A small sparse network trained once per test run on an MNIST subset (5k train, 1k test), shared by the robustness tests.</summary>
internal static class TrainedMnist
{
    private static readonly Lazy<(SparseNetwork Network, LabeledSamples Test)> Model = new(Train);

    public static SparseNetwork Network => Model.Value.Network;

    public static LabeledSamples Test => Model.Value.Test;

    public static LabeledSamples Load(IdxSplit split, int count)
    {
        var data = IdxDataset.Load(DataSets.MnistDirectory, split, count);
        return new LabeledSamples(data.Features, data.Labels.Select(l => (int)l).ToArray(), data.FeatureCount, 10);
    }

    private static (SparseNetwork, LabeledSamples) Train()
    {
        var settings = new TrainingSettings
        {
            HiddenLayerSizes = [256, 256],
            Sparsity = 0.8,
            Epochs = 10,
            Seed = 11,
        };
        return (NetworkTrainer.Train(Load(IdxSplit.Train, 5000), settings), Load(IdxSplit.Test, 1000));
    }
}
