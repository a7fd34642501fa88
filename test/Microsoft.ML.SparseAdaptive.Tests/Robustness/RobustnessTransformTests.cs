using System.Runtime.InteropServices;
using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using Microsoft.ML.SparseAdaptive.Tests.Model;
using Microsoft.ML.SparseAdaptive.Transforms;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace Microsoft.ML.SparseAdaptive.Tests.Robustness;

public sealed class RobustnessTransformTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("sparse-adaptive-robustness-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static SparseAdaptiveModel Model => MnistPipelineModel.Model;

    private static IDataView Test => MnistPipelineModel.Test;

    public static TheoryData<string> ZeroStrengthTransforms => new() { "RemoveLinks", "ShuffleLinkWeights", "Fgsm", "Pgd", "GaussianNoise" };

    [Theory]
    [MemberData(nameof(ZeroStrengthTransforms))]
    public void Zero_strength_leaves_the_scores_bit_identical(string transform)
    {
        ITransformer perturbed = transform switch
        {
            "RemoveLinks" => _ml.Transforms.RemoveLinks(Model, 0, PerturbedLayers.All).Fit(Test),
            "ShuffleLinkWeights" => _ml.Transforms.ShuffleLinkWeights(Model, 0, PerturbedLayers.All).Fit(Test),
            "Fgsm" => _ml.Transforms.Fgsm(Model, 0f).Fit(Test).Append(Model),
            "Pgd" => _ml.Transforms.Pgd(Model, 0f, seed: 4).Fit(Test).Append(Model),
            _ => _ml.Transforms.GaussianNoise(Model, 0f).Fit(Test).Append(Model),
        };

        Bits(MnistPipelineModel.Scores(perturbed.Transform(Test))).Should().Equal(Bits(MnistPipelineModel.Scores(Model.Transform(Test))));
    }

    [Fact]
    public void A_perturbed_model_scores_with_the_engine_perturbed_network_and_evaluates_like_the_sweep()
    {
        var removed = _ml.Transforms.RemoveLinks(Model, 0.5, seed: 3).Fit(Test);
        var shuffled = _ml.Transforms.ShuffleLinkWeights(Model, new LinkWeightShuffleOptions { Fraction = 0.4, Layers = PerturbedLayers.All, Seed = 2 }).Fit(Test);

        SmallNetworks.Serialize(removed.GetSparseNetwork()).Should().Equal(SmallNetworks.Serialize(new LinkRemoval(0.5).Apply(Model.Network, 3)));
        SmallNetworks.Serialize(shuffled.GetSparseNetwork()).Should().Equal(SmallNetworks.Serialize(new LinkWeightShuffle(0.4, PerturbedLayers.All).Apply(Model.Network, 2)));
        var metrics = _ml.MulticlassClassification.Evaluate(removed.Transform(Test));
        var sweep = _ml.MulticlassClassification.EvaluateRobustness(Model, Test, RobustnessSweep.LinkRemoval([0.5], [3]));
        metrics.MicroAccuracy.Should().Be(sweep.Runs[0].Score.MicroAccuracy);
        metrics.MacroAccuracy.Should().BeApproximately(sweep.Runs[0].Score.MacroAccuracy, 1e-12);
        metrics.LogLoss.Should().BeApproximately(sweep.Runs[0].Score.LogLoss, 1e-6);
        metrics.MicroAccuracy.Should().BeLessThan(_ml.MulticlassClassification.Evaluate(Model.Transform(Test)).MicroAccuracy);
    }

    [Fact]
    public void Attack_transforms_give_each_row_the_features_of_the_batched_engine_attack()
    {
        var samples = MnistPipelineModel.TestSamples();
        var network = Model.Network;

        var fgsm = _ml.Transforms.Fgsm(Model, 0.1f).Fit(Test);
        var pgd = _ml.Transforms.Pgd(Model, new PgdOptions { Epsilon = 0.1f, NumberOfIterations = 5, Seed = 7 }).Fit(Test);
        var noise = _ml.Transforms.GaussianNoise(Model, 0.2f, seed: 5).Fit(Test);

        MnistPipelineModel.Features(fgsm.Transform(Test)).Should().Equal(new FgsmAttack(0.1f).Apply(network, samples));
        MnistPipelineModel.Features(pgd.Transform(Test)).Should().Equal(new PgdAttack(0.1f, iterations: 5).Apply(network, samples, seed: 7));
        MnistPipelineModel.Features(noise.Transform(Test)).Should().Equal(new GaussianNoise(0.2f).Apply(network, samples, seed: 5));
        fgsm.Transform(Test).Schema["Features"].Type.Should().Be(new VectorDataViewType(NumberDataViewType.Single, 784));
    }

    [Fact]
    public void Evaluating_attacked_data_matches_the_sweep_and_attacks_beat_noise()
    {
        double Accuracy(ITransformer transform) => _ml.MulticlassClassification.Evaluate(Model.Transform(transform.Transform(Test))).MicroAccuracy;
        var sweep = _ml.MulticlassClassification.EvaluateRobustness(Model, Test, RobustnessSweep.Fgsm([0.1], [0]));

        double fgsm = Accuracy(_ml.Transforms.Fgsm(Model, 0.1f).Fit(Test));
        double noise = Accuracy(_ml.Transforms.GaussianNoise(Model, 0.1f).Fit(Test));

        fgsm.Should().Be(sweep.Levels[0].MicroAccuracy.Mean);
        noise.Should().BeGreaterThan(fgsm + 0.2);
    }

    [Fact]
    public void A_prediction_engine_scores_attacked_rows_like_the_data_view()
    {
        var pipeline = _ml.Transforms.Fgsm(Model, 0.05f, labelColumnName: null).Fit(Test).Append(Model);
        var engine = _ml.Model.CreatePredictionEngine<ImageRow, ScoreRow>(pipeline,
            inputSchemaDefinition: ImageRow.Definition());
        var features = MnistPipelineModel.Features(Test);

        float[] first = engine.Predict(new ImageRow { Features = features[..784] }).Score;

        first.Should().Equal(MnistPipelineModel.Scores(pipeline.Transform(Test))[..10]);
    }

    [Fact]
    public void A_perturbed_model_and_an_attack_survive_save_and_load_in_this_and_a_fresh_process()
    {
        var pipeline = _ml.Transforms.Pgd(Model, 0.1f, numberOfIterations: 3, labelColumnName: null, seed: 2).Fit(Test)
            .Append(_ml.Transforms.RemoveLinks(Model, 0.3, seed: 1).Fit(Test));
        string modelPath = Path.Combine(_directory, "attacked.zip");
        _ml.Model.Save(pipeline, Test.Schema, modelPath);
        float[] expected = MnistPipelineModel.Scores(pipeline.Transform(Test));

        var loaded = new MLContext().Model.Load(modelPath, out _);
        Bits(MnistPipelineModel.Scores(loaded.Transform(Test))).Should().Equal(Bits(expected));
        SmallNetworks.Serialize(loaded.GetSparseNetwork()).Should().Equal(SmallNetworks.Serialize(SparseAdaptiveModel.FromTransformer(pipeline).Network));

        string featuresPath = Path.Combine(_directory, "features.bin");
        string scoresPath = Path.Combine(_directory, "scores.bin");
        File.WriteAllBytes(featuresPath, MemoryMarshal.AsBytes(MnistPipelineModel.Features(Test).AsSpan()).ToArray());
        FreshProcessScoring.Run(modelPath, "Features", 784, featuresPath, scoresPath);
        File.ReadAllBytes(scoresPath).Should().Equal(MemoryMarshal.AsBytes(expected.AsSpan()).ToArray());
    }

    [Fact]
    public void A_labelled_attack_survives_save_and_load_and_perturbs_a_loaded_model_like_a_fresh_one()
    {
        var attack = _ml.Transforms.Fgsm(Model, 0.08f).Fit(Test);
        string path = Path.Combine(_directory, "model.zip");
        _ml.Model.Save(Model, Test.Schema, path);
        string attackPath = Path.Combine(_directory, "attack.zip");
        _ml.Model.Save(attack, Test.Schema, attackPath);

        var loadedModel = new MLContext().Model.Load(path, out _);
        var loadedAttack = new MLContext().Model.Load(attackPath, out _);

        MnistPipelineModel.Features(loadedAttack.Transform(Test)).Should().Equal(MnistPipelineModel.Features(attack.Transform(Test)));
        var fromLoaded = _ml.Transforms.Fgsm(loadedModel, 0.08f).Fit(Test);
        MnistPipelineModel.Features(fromLoaded.Transform(Test)).Should().Equal(MnistPipelineModel.Features(attack.Transform(Test)));
        SmallNetworks.Serialize(_ml.Transforms.RemoveLinks(loadedModel, 0.2, seed: 6).Fit(Test).GetSparseNetwork())
            .Should().Equal(SmallNetworks.Serialize(_ml.Transforms.RemoveLinks(Model, 0.2, seed: 6).Fit(Test).GetSparseNetwork()));
    }

    [Fact]
    public void The_estimators_report_the_output_schema()
    {
        var shape = SchemaShapes.Of(Test.Schema);

        var attacked = _ml.Transforms.Pgd(Model, 0.1f).GetOutputSchema(shape);
        var scored = _ml.Transforms.RemoveLinks(Model, 0.1).GetOutputSchema(shape);

        attacked.Single(c => c.Name == "Features").Kind.Should().Be(SchemaShape.Column.VectorKind.Vector);
        attacked.Select(c => c.Name).Should().NotContain(name => name.StartsWith("SparseAdaptive.", StringComparison.Ordinal));
        scored.Select(c => c.Name).Should().Contain(["Score", "PredictedLabel"]);
    }

    [Fact]
    public void A_model_that_is_not_sparse_adaptive_is_rejected()
    {
        var other = _ml.Transforms.NormalizeMinMax("Features").Fit(Test);

        _ml.Invoking(ml => ml.Transforms.RemoveLinks(other, 0.1)).Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "model" && e.Message.Contains("not a SparseAdaptive model"));
        _ml.Invoking(ml => ml.Transforms.Fgsm(other, 0.1f)).Should().Throw<ArgumentException>().Where(e => e.ParamName == "model");
        _ml.Invoking(ml => ml.MulticlassClassification.EvaluateRobustness(other, Test, RobustnessSweep.Fgsm([0.1], [0])))
            .Should().Throw<ArgumentException>().Where(e => e.ParamName == "model");
    }

    [Fact]
    public void Bad_options_are_rejected_naming_the_option()
    {
        _ml.Invoking(ml => ml.Transforms.RemoveLinks(Model, 1.5)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("fraction");
        _ml.Invoking(ml => ml.Transforms.ShuffleLinkWeights(Model, -0.1)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("fraction");
        _ml.Invoking(ml => ml.Transforms.Fgsm(Model, -0.1f)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("epsilon");
        _ml.Invoking(ml => ml.Transforms.Pgd(Model, 0.1f, numberOfIterations: 0)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("iterations");
        _ml.Invoking(ml => ml.Transforms.GaussianNoise(Model, float.NaN)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("standardDeviation");
        _ml.Invoking(ml => ml.Transforms.Fgsm(Model, new FgsmOptions { MinimumFeatureValue = 1, MaximumFeatureValue = 0 }))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("max");
    }

    [Fact]
    public void Data_that_does_not_fit_the_model_is_rejected_naming_the_column()
    {
        var narrow = _ml.Data.LoadFromEnumerable([new NarrowRow()]);
        var unkeyed = _ml.Transforms.Conversion.MapKeyToValue("Label").Fit(Test).Transform(Test);
        var floats = _ml.Transforms.Conversion.ConvertType("Label", "Label", DataKind.Single).Fit(unkeyed).Transform(unkeyed);
        var bright = _ml.Transforms.Expression("Features", "x => x * 2", "Features").Fit(Test).Transform(Test);

        _ml.Transforms.Fgsm(Model, 0.1f).Invoking(e => e.Fit(narrow)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Feature column 'Features' has 10 values, but the SparseAdaptive network takes 784.*");
        _ml.Transforms.RemoveLinks(Model, 0.1).Invoking(e => e.Fit(narrow)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Feature column 'Features' has 10 values*");
        _ml.Transforms.Fgsm(Model, 0.1f).Invoking(e => e.Fit(floats)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Label column 'Label' has type Single, but the model's classes are UInt32 values*");
        var attacked = _ml.Transforms.Fgsm(Model, 0.1f).Fit(bright).Transform(bright);
        // ML.NET wraps the mapping's exception when it reads on several threads.
        new Action(() => MnistPipelineModel.Features(attacked)).Should().Throw<InvalidOperationException>()
            .Which.Should().Match<Exception>(e => Innermost(e).Message.Contains("Feature column 'Features' has the value ")
                && Innermost(e).Message.Contains("outside the valid range [0, 1]"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_attack_and_another_seed_another()
    {
        float[] Run(int seed) => MnistPipelineModel.Features(_ml.Transforms.Pgd(Model, 0.1f, numberOfIterations: 2, seed: seed).Fit(Test).Transform(Test));

        Run(1).Should().Equal(Run(1));
        Run(2).Should().NotEqual(Run(1));
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    private sealed class NarrowRow
    {
        [VectorType(10)]
        public float[] Features { get; set; } = new float[10];

        public uint Label { get; set; }
    }

    private sealed class ImageRow
    {
        public float[] Features { get; set; } = [];

        public static SchemaDefinition Definition()
        {
            var definition = SchemaDefinition.Create(typeof(ImageRow));
            definition[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 784);
            return definition;
        }
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }
}
