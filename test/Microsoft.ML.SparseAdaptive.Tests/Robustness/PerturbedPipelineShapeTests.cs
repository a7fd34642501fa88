using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Tests.Model;

namespace Microsoft.ML.SparseAdaptive.Tests.Robustness;

/// <summary>A weight perturbation of a whole pipeline reports the pipeline's output shape, so it works inside estimator chains.</summary>
public sealed class PerturbedPipelineShapeTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void The_shape_of_a_perturbed_pipeline_is_the_shape_of_what_it_outputs()
    {
        var (pipeline, raw) = SyntheticBlobs.FitPipeline(_ml);
        var perturbation = _ml.Transforms.RemoveLinks(pipeline, 0.1);

        var shape = perturbation.GetOutputSchema(SchemaShapes.Of(raw.Schema));

        Describe(shape).Should().BeEquivalentTo(Describe(SchemaShapes.Of(perturbation.Fit(raw).Transform(raw).Schema)));
        var predicted = shape.Single(column => column.Name == "PredictedLabel");
        predicted.IsKey.Should().BeFalse("the pipeline ends with MapKeyToValue");
        predicted.ItemType.Should().Be(TextDataViewType.Instance);
        shape.Single(column => column.Name == "Score").Annotations.Select(a => a.Name).Should().Contain(["ScoreColumnKind", "SlotNames", "TrainingLabelValues"]);
    }

    [Fact]
    public void A_perturbed_pipeline_can_be_appended_to_an_estimator_chain()
    {
        var (pipeline, raw) = SyntheticBlobs.FitPipeline(_ml);
        var chain = _ml.Transforms.CopyColumns("Original", "Features").Append(_ml.Transforms.RemoveLinks(pipeline, 0.1, seed: 3));

        var scored = chain.Fit(raw).Transform(raw);

        scored.GetColumn<string>("PredictedLabel").Should().OnlyContain(label => SyntheticBlobs.ClassNames.Contains(label));
        scored.GetColumn<float[]>("Score").Should().OnlyContain(score => Math.Abs(score.Sum() - 1) < 1e-5);
        scored.GetColumn<float[]>("Original").Should().Equal(raw.GetColumn<float[]>("Features"), (a, b) => a.SequenceEqual(b));
    }

    [Fact]
    public void Features_computed_from_a_vector_of_a_size_the_shape_does_not_give_fail_saying_what_to_do()
    {
        var (_, raw) = SyntheticBlobs.FitPipeline(_ml);
        var withPixels = _ml.Transforms.CopyColumns("Pixels", "Features").Fit(raw).Transform(raw);
        var options = SyntheticBlobs.Options();
        options.FeatureColumnName = "Input";
        var pipeline = _ml.Transforms.CopyColumns("Input", "Pixels")
            .Append(_ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(_ml.MulticlassClassification.Trainers.SparseAdaptive(options))
            .Fit(withPixels);

        var shape = () => _ml.Transforms.RemoveLinks(pipeline, 0.1).GetOutputSchema(SchemaShapes.Of(withPixels.Schema));

        shape.Should().Throw<NotSupportedException>().WithMessage(
            "The output shape of this perturbed pipeline cannot be computed from a shape*Feature column 'Input'*Fit the estimator, which reads no rows*");
    }

    private static string[] Describe(SchemaShape shape) => shape
        .Select(c => $"{c.Name}: {c.Kind} of {c.ItemType}{(c.IsKey ? " key" : string.Empty)} [{string.Join(", ", c.Annotations.Select(a => $"{a.Name}: {a.Kind} of {a.ItemType}").Order())}]")
        .ToArray();
}
