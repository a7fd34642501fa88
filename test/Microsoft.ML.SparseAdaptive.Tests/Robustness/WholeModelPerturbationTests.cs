using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace Microsoft.ML.SparseAdaptive.Tests.Robustness;

/// <summary>A weight perturbation of a pipeline is that pipeline with its network replaced: it scores raw rows.</summary>
public sealed class WholeModelPerturbationTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("sparse-adaptive-whole-model-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ITransformer Pipeline => MnistPipelineModel.Pipeline;

    private static IDataView RawTest => MnistPipelineModel.RawTest;

    [Fact]
    public void A_zero_perturbation_of_a_pipeline_scores_raw_rows_exactly_as_the_pipeline()
    {
        var unchanged = _ml.Transforms.RemoveLinks(Pipeline, 0.0, PerturbedLayers.All).Fit(RawTest);

        MnistPipelineModel.Scores(unchanged.Transform(RawTest)).Should().Equal(MnistPipelineModel.Scores(Pipeline.Transform(RawTest)));
        _ml.MulticlassClassification.Evaluate(unchanged.Transform(RawTest)).MicroAccuracy
            .Should().Be(_ml.MulticlassClassification.Evaluate(Pipeline.Transform(RawTest)).MicroAccuracy);
    }

    [Fact]
    public void A_perturbed_loaded_pipeline_evaluates_raw_rows_as_the_sweep_and_after_an_attack()
    {
        string path = Path.Combine(_directory, "pipeline.zip");
        _ml.Model.Save(Pipeline, RawTest.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _);

        var damaged = _ml.Transforms.RemoveLinks(loaded, 0.3, seed: 1).Fit(RawTest);
        var attackedAndDamaged = _ml.Transforms.Fgsm(loaded, 0.1f).Fit(RawTest).Append(damaged);

        var damagedModel = _ml.Transforms.RemoveLinks(MnistPipelineModel.Model, 0.3, seed: 1).Fit(MnistPipelineModel.Test);
        SmallNetworks.Serialize(damaged.GetSparseNetwork()).Should().Equal(SmallNetworks.Serialize(damagedModel.GetSparseNetwork()));
        var sweep = _ml.MulticlassClassification.EvaluateRobustness(loaded, RawTest, RobustnessSweep.LinkRemoval([0.3], [1]));
        _ml.MulticlassClassification.Evaluate(damaged.Transform(RawTest)).MicroAccuracy.Should().Be(sweep.Levels[0].MicroAccuracy.Mean);
        var keyedAttack = _ml.Transforms.Fgsm(MnistPipelineModel.Model, 0.1f).Fit(MnistPipelineModel.Test);
        _ml.MulticlassClassification.Evaluate(attackedAndDamaged.Transform(RawTest)).MicroAccuracy
            .Should().Be(_ml.MulticlassClassification.Evaluate(damagedModel.Transform(keyedAttack.Transform(MnistPipelineModel.Test))).MicroAccuracy);
    }

    [Fact]
    public void An_attack_followed_by_the_pipeline_still_scores_raw_rows()
    {
        var attacked = _ml.Transforms.Fgsm(Pipeline, 0.1f).Fit(RawTest).Append(Pipeline);

        _ml.MulticlassClassification.Evaluate(attacked.Transform(RawTest)).MicroAccuracy
            .Should().Be(_ml.MulticlassClassification.EvaluateRobustness(Pipeline, RawTest, RobustnessSweep.Fgsm([0.1], [0])).Levels[0].MicroAccuracy.Mean);
    }
}
