using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Data;
using SparseAdaptive.TestSupport;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

public class PermutationFeatureImportanceTests
{
    [Fact]
    public void Permutation_feature_importance_runs_on_the_model_and_finds_blank_pixels_unimportant()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Train, 2000);
        var test = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Test, 200);
        var options = new SparseAdaptiveTrainer.Options { HiddenLayerSizes = [64], Sparsity = 0.8, NumberOfEpochs = 3 };
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.SparseAdaptive(options))
            .Fit(train);

        // ML.NET finds the predictor of a chain through an internal interface, so the model itself is passed.
        var importance = ml.MulticlassClassification.PermutationFeatureImportance(
            SparseAdaptiveModel.FromTransformer(model), model.Transform(test), permutationCount: 1);

        importance.Should().HaveCount(784);
        importance[0].MicroAccuracy.Mean.Should().Be(0, "the corner pixel is 0 in every image, so permuting it changes nothing");
        importance.Min(pixel => pixel.MicroAccuracy.Mean).Should().BeLessThan(0, "some pixels matter");
    }
}
