using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Data;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Deployment.Tests.Onnx;

/// <summary><c>mlContext.Model.ConvertSparseAdaptiveToOnnx</c> on the README's pipeline, scored by ONNX Runtime against ML.NET.</summary>
public sealed class MlNetOnnxExportTests
{
    private const int TestCount = 2000;

    [Fact]
    public void A_fitted_and_a_loaded_pipeline_export_graphs_that_score_like_ML_NET()
    {
        var ml = new MLContext(seed: 1);
        IDataView train = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Train, maxCount: 3000);
        IDataView test = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Test, maxCount: TestCount);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.SparseAdaptive(hiddenLayerSizes: [200], sparsity: 0.9, numberOfEpochs: 3))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(train);
        using var folder = new TemporaryDirectory();
        string fittedPath = System.IO.Path.Combine(folder.Path, "fitted.onnx");
        string loadedPath = System.IO.Path.Combine(folder.Path, "loaded.onnx");
        string zipPath = System.IO.Path.Combine(folder.Path, "model.zip");
        ml.Model.SaveAtomically(model, train.Schema, zipPath);
        var loaded = ml.Model.Load(zipPath, out _);

        ml.Model.ConvertSparseAdaptiveToOnnx(model, train.Schema, fittedPath);
        ml.Model.ConvertSparseAdaptiveToOnnx(loaded, train.Schema, loadedPath);

        var scored = model.Transform(test);
        float[] expectedScores = scored.GetColumn<VBuffer<float>>("Score").SelectMany(row => row.DenseValues()).ToArray();
        long[] expectedLabels = scored.GetColumn<uint>("PredictedLabel").Select(label => (long)label).ToArray();
        float[] features = test.GetColumn<VBuffer<float>>("Features").SelectMany(row => row.DenseValues()).ToArray();
        var (scores, labels) = OnnxScorer.Score<long>(fittedPath, "Features", features, TestCount, 784);
        EngineOnnxAgreementTests.MaxDifference(scores, expectedScores).Should().BeLessThan(1e-5f);
        labels.Should().Equal(expectedLabels);
        File.ReadAllBytes(loadedPath).Should().Equal(File.ReadAllBytes(fittedPath), "a loaded model holds the same network and classes");
    }

    [Fact]
    public void A_schema_without_the_feature_column_is_rejected_naming_the_column()
    {
        var ml = new MLContext(seed: 1);
        IDataView train = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Train, maxCount: 300);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.SparseAdaptive(hiddenLayerSizes: [20], numberOfEpochs: 1))
            .Fit(train);
        var labelsOnly = ml.Transforms.SelectColumns("Label").Fit(train).GetOutputSchema(train.Schema);
        using var folder = new TemporaryDirectory();
        string path = System.IO.Path.Combine(folder.Path, "model.onnx");

        var export = () => ml.Model.ConvertSparseAdaptiveToOnnx(model, labelsOnly, path);

        export.Should().Throw<ArgumentException>().WithMessage("*feature column 'Features'*no such column*");
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void A_pipeline_that_rescales_the_features_in_place_is_rejected_and_its_model_exports_alone()
    {
        var ml = new MLContext(seed: 1);
        IDataView train = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Train, maxCount: 500);
        var scaling = ml.Transforms.NormalizeMeanVariance("Features").Fit(train);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.MulticlassClassification.Trainers.SparseAdaptive(hiddenLayerSizes: [20], numberOfEpochs: 1))
            .Fit(train);
        using var folder = new TemporaryDirectory();
        string rejectedPath = System.IO.Path.Combine(folder.Path, "rejected.onnx");
        string path = System.IO.Path.Combine(folder.Path, "model.onnx");

        var exportPipeline = () => ml.Model.ConvertSparseAdaptiveToOnnx(model, train.Schema, rejectedPath);
        ml.Model.ConvertSparseAdaptiveToOnnx(SparseAdaptiveModel.FromTransformer(model), scaling.Transform(train).Schema, path);

        exportPipeline.Should().Throw<ArgumentException>().WithMessage("A step before the trainer (NormalizingTransformer) computes the feature column 'Features'*");
        File.Exists(rejectedPath).Should().BeFalse();
        var scaled = scaling.Transform(train);
        float[] features = scaled.GetColumn<VBuffer<float>>("Features").Take(50).SelectMany(row => row.DenseValues()).ToArray();
        float[] expected = model.Transform(train).GetColumn<VBuffer<float>>("Score").Take(50).SelectMany(row => row.DenseValues()).ToArray();
        var (scores, _) = OnnxScorer.Score<long>(path, "Features", features, 50, 784);
        EngineOnnxAgreementTests.MaxDifference(scores, expected).Should().BeLessThan(1e-5f);
    }

    [Fact]
    public void A_transformer_without_a_SparseAdaptive_model_is_rejected()
    {
        var ml = new MLContext(seed: 1);
        IDataView train = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Train, maxCount: 10);
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);

        var export = () => ml.Model.ConvertSparseAdaptiveToOnnx(keys, train.Schema, "unused.onnx");

        export.Should().Throw<ArgumentException>().WithMessage("*holds no SparseAdaptive model*");
    }
}
