using Microsoft.ML.SparseAdaptive.Tests.Robustness;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

public class PermutationFeatureImportanceTests
{
    [Fact]
    public void Permutation_feature_importance_runs_on_the_model_and_finds_blank_pixels_unimportant()
    {
        var ml = new MLContext(seed: 1);

        // ML.NET finds the predictor of a chain through an internal interface, so the model itself is passed.
        var importance = ml.MulticlassClassification.PermutationFeatureImportance(
            MnistPipelineModel.Model, MnistPipelineModel.Test, permutationCount: 1);

        importance.Should().HaveCount(784);
        importance[0].MicroAccuracy.Mean.Should().Be(0, "the corner pixel is 0 in every image, so permuting it changes nothing");
        importance.Min(pixel => pixel.MicroAccuracy.Mean).Should().BeLessThan(0, "some pixels matter");
    }
}
