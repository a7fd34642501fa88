using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Data;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace Microsoft.ML.SparseAdaptive.Tests.Robustness;

/// <summary>
/// A small SparseAdaptive model trained once per test run through the ML.NET trainer on 3000 MNIST images, with
/// 300 test rows whose Label is the key the model was trained with.
/// </summary>
internal static class MnistPipelineModel
{
    private static readonly Lazy<(SparseAdaptiveModel Model, ITransformer Keys, IDataView RawTest, IDataView Test)> Trained = new(Train);

    public static SparseAdaptiveModel Model => Trained.Value.Model;

    /// <summary>The model as a user's pipeline: MapValueToKey("Label") then the model, scoring raw rows.</summary>
    public static ITransformer Pipeline => Trained.Value.Keys.Append(Model);

    /// <summary>Test rows with Features (784 values in [0, 1]) and a key Label.</summary>
    public static IDataView Test => Trained.Value.Test;

    /// <summary>The same test rows with the raw UInt32 Label, as loaded.</summary>
    public static IDataView RawTest => Trained.Value.RawTest;

    /// <summary>The test rows as engine samples (labels are key − 1, as the model's classes).</summary>
    public static LabeledSamples TestSamples() => TrainingDataReader.Read(Test, "Features", "Label", "test").Samples;

    /// <summary>The Features column of a data view, row after row.</summary>
    public static float[] Features(IDataView data) => Column(data, "Features");

    /// <summary>The Score column of a data view, row after row.</summary>
    public static float[] Scores(IDataView data) => Column(data, "Score");

    /// <summary>The bits of each value, to compare floats bit for bit (NaN and −0 included).</summary>
    public static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    private static float[] Column(IDataView data, string name)
    {
        var column = data.Schema[name];
        var values = new List<float>();
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> buffer = default;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            values.AddRange(buffer.DenseValues());
        }
        return values.ToArray();
    }

    private static (SparseAdaptiveModel, ITransformer, IDataView, IDataView) Train()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Train, 3000);
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);
        var options = new SparseAdaptiveTrainer.Options { HiddenLayerSizes = [128], Sparsity = 0.8, NumberOfEpochs = 6, Seed = 3 };
        var model = ml.MulticlassClassification.Trainers.SparseAdaptive(options).Fit(keys.Transform(train));
        var rawTest = ml.Data.Cache(ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Test, 300));
        return (model, keys, rawTest, ml.Data.Cache(keys.Transform(rawTest)));
    }
}
