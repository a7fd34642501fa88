using Microsoft.ML.SparseAdaptive.Model;
using Microsoft.ML.SparseAdaptive.Transforms;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace Microsoft.ML.SparseAdaptive.Tests.Robustness;

/// <summary>
/// The network-science perturbations (targeted and rescaled link removal, one layer at a time, neuron removal, PGD
/// restarts, transfer attacks) as ML.NET transforms: each matches its engine class, survives save and load, and its
/// engine sweep evaluates like the transform. The model has one hidden layer: layer 0 (784 → 128), layer 1 (128 → 10).
/// </summary>
public sealed class NetworkSciencePerturbationTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("sparse-adaptive-network-science-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static SparseAdaptiveModel Model => MnistPipelineModel.Model;

    private static IDataView Test => MnistPipelineModel.Test;

    public static TheoryData<string> Perturbations => new()
    {
        "rescaled removal", "removal of the output layer", "shuffle of layer 0", "within-neuron shuffle of layer 1",
        "targeted removal, largest first", "targeted removal of all layers", "neuron removal, hubs first", "neuron removal of hidden layer 0",
    };

    [Theory]
    [MemberData(nameof(Perturbations))]
    public void The_transform_corrupts_the_network_as_the_engine_class_does_and_survives_save_and_load(string name)
    {
        var (options, engine) = Case(name);
        var perturbed = _ml.Transforms.PerturbWeights(Model, options).Fit(Test);
        string path = Path.Combine(_directory, "perturbed.zip");
        _ml.Model.SaveAtomically(perturbed, Test.Schema, path);
        var loaded = new MLContext().Model.LoadSparseAdaptive(path, out _);

        SmallNetworks.Serialize(perturbed.GetSparseNetwork()).Should().Equal(SmallNetworks.Serialize(engine.Apply(Model.Network, options.Seed ?? 1)));  // 1: the context's seed
        SmallNetworks.Serialize(perturbed.GetSparseNetwork()).Should().NotEqual(SmallNetworks.Serialize(Model.Network));
        SmallNetworks.Serialize(loaded.GetSparseNetwork()).Should().Equal(SmallNetworks.Serialize(perturbed.GetSparseNetwork()));
        Bits(MnistPipelineModel.Scores(loaded.Transform(Test))).Should().Equal(Bits(MnistPipelineModel.Scores(perturbed.Transform(Test))));
    }

    [Fact]
    public void One_layer_is_perturbed_alone_and_rescaled_survivors_keep_their_weights_times_the_scale()
    {
        var original = Model.Network.Layers;
        var outputOnly = _ml.Transforms.PerturbWeights(Model, new LinkRemovalOptions { Fraction = 0.5, LayerIndex = 1, Seed = 2 })
            .Fit(Test).GetSparseNetwork().Layers;
        var rescaled = _ml.Transforms.PerturbWeights(Model, new LinkRemovalOptions { Fraction = 0.75, LayerIndex = 1, RescaleSurvivors = true, Seed = 2 })
            .Fit(Test).GetSparseNetwork().Layers;

        original[1].LinkCount.Should().Be(1280, "the output layer is dense");
        outputOnly[0].GetLinks().Should().Equal(original[0].GetLinks(), "LayerIndex 1 leaves layer 0 alone");
        outputOnly[1].LinkCount.Should().Be(640);
        rescaled[1].LinkCount.Should().Be(320);
        var weights = original[1].GetLinks().ToDictionary(k => (k.Source, k.Target), k => k.Weight);
        rescaled[1].GetLinks().Select(k => k.Weight).Should().Equal(rescaled[1].GetLinks().Select(k => weights[(k.Source, k.Target)] * 4f));
    }

    [Fact]
    public void Removing_neurons_cuts_every_link_in_and_out_of_the_hubs()
    {
        var network = _ml.Transforms.RemoveNeurons(Model, 0.25, NeuronOrder.HighestDegreeFirst).Fit(Test).GetSparseNetwork();

        int[] hubs = new NeuronRemoval(0.25, NeuronOrder.HighestDegreeFirst).ChooseNeurons(Model.Network, 0, seed: 0);
        hubs.Should().HaveCount(32);
        network.Layers[0].GetLinks().Should().NotContain(k => hubs.Contains(k.Target));
        network.Layers[1].GetLinks().Should().NotContain(k => hubs.Contains(k.Source));
        network.Layers[1].LinkCount.Should().Be(1280 - 32 * 10);
        hubs.Select(h => network.Layers[0].GetBiases()[h]).Should().OnlyContain(b => b == 0f);
    }

    [Fact]
    public void Sweeps_of_the_new_factories_evaluate_like_the_transforms_and_carry_the_structure()
    {
        var hubs = _ml.MulticlassClassification.EvaluateRobustness(Model, Test,
            RobustnessSweep.NeuronRemoval([0, 0.25, 0.5], [1], NeuronOrder.HighestDegreeFirst));
        var outputLayer = _ml.MulticlassClassification.EvaluateRobustness(Model, Test,
            RobustnessSweep.LinkRemoval([0.75], [2], LayerScope.Layer(1), rescaleSurvivors: true));
        var pruned = _ml.MulticlassClassification.EvaluateRobustness(Model, Test,
            RobustnessSweep.TargetedLinkRemoval([0.6], [0], MagnitudeOrder.SmallestFirst));

        ExpectLevel(hubs.Levels[1], _ml.Transforms.RemoveNeurons(Model, 0.25, NeuronOrder.HighestDegreeFirst, seed: 1).Fit(Test));
        ExpectLevel(outputLayer.Levels[0], _ml.Transforms.PerturbWeights(Model,
            new LinkRemovalOptions { Fraction = 0.75, LayerIndex = 1, RescaleSurvivors = true, Seed = 2 }).Fit(Test));
        ExpectLevel(pruned.Levels[0], _ml.Transforms.PerturbWeights(Model, new TargetedLinkRemovalOptions { Fraction = 0.6 }).Fit(Test));
        hubs.Name.Should().Be("neuron removal, hubs by degree first");
        outputLayer.Name.Should().Be("link removal, survivors rescaled, layer 1");
        hubs.Levels[1].Structure!.HiddenOnPathShare.Mean.Should().BeLessThanOrEqualTo(0.75, "a quarter of the hidden neurons are gone");
        hubs.Levels[2].MicroAccuracy.Mean.Should().BeLessThan(hubs.Levels[0].MicroAccuracy.Mean);
    }

    [Fact]
    public void Pgd_restarts_match_the_engine_attack_survive_save_and_load_and_sweep()
    {
        var samples = MnistPipelineModel.TestSamples();
        var options = new PgdOptions { Epsilon = 0.1f, NumberOfIterations = 3, Restarts = 3, Seed = 7 };
        var attack = _ml.Transforms.PerturbInputs(Model, options).Fit(Test);
        string path = Path.Combine(_directory, "pgd.zip");
        _ml.Model.Save(attack, Test.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _);

        float[] attacked = MnistPipelineModel.Features(attack.Transform(Test));
        attacked.Should().Equal(new PgdAttack(0.1f, iterations: 3, restarts: 3).Apply(Model.Network, samples, seed: 7));
        attacked.Should().NotEqual(new PgdAttack(0.1f, iterations: 3).Apply(Model.Network, samples, seed: 7));
        MnistPipelineModel.Features(loaded.Transform(Test)).Should().Equal(attacked);
        var sweep = _ml.MulticlassClassification.EvaluateRobustness(Model, Test, RobustnessSweep.PgdWithRestarts([0.1], [7], iterations: 3, restarts: 3));
        sweep.Levels[0].MicroAccuracy.Mean.Should().Be(_ml.MulticlassClassification.Evaluate(Model.Transform(attack.Transform(Test))).MicroAccuracy);
    }

    [Fact]
    public void A_transfer_attack_is_an_attack_fitted_on_one_model_appended_to_another()
    {
        var target = _ml.Transforms.RemoveLinks(Model, 0.3, seed: 4).Fit(Test);
        var crafted = _ml.Transforms.Fgsm(Model, 0.1f).Fit(Test);

        var transfer = new TransferAttack(new FgsmAttack(0.1f), Model.Network);
        MnistPipelineModel.Features(crafted.Transform(Test)).Should().Equal(transfer.Craft(MnistPipelineModel.TestSamples()));
        var sweep = _ml.MulticlassClassification.EvaluateRobustness(target, Test,
            RobustnessSweep.Transfer("FGSM", Model.Network, e => new FgsmAttack((float)e), [0.1], [0]));
        sweep.Levels[0].MicroAccuracy.Mean.Should().Be(_ml.MulticlassClassification.Evaluate(crafted.Append(target).Transform(Test)).MicroAccuracy);
    }

    [Fact]
    public void Bad_options_are_rejected_naming_the_option()
    {
        _ml.Invoking(ml => ml.Transforms.PerturbWeights(Model, new LinkRemovalOptions { LayerIndex = -1 }))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("LayerIndex");
        _ml.Invoking(ml => ml.Transforms.PerturbWeights(Model, new LinkRemovalOptions { LayerIndex = 0, Layers = PerturbedLayers.Output }))
            .Should().Throw<ArgumentException>().Where(e => e.ParamName == "LayerIndex" && e.Message.Contains("not both"));
        _ml.Invoking(ml => ml.Transforms.PerturbWeights(Model, new TargetedLinkRemovalOptions { Order = 0 }))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("order");
        _ml.Invoking(ml => ml.Transforms.RemoveNeurons(Model, 1.5)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("fraction");
        _ml.Invoking(ml => ml.Transforms.PerturbWeights(Model, new NeuronRemovalOptions { HiddenLayer = -1 }))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("hiddenLayer");
        _ml.Invoking(ml => ml.Transforms.PerturbInputs(Model, new PgdOptions { Restarts = 2, RandomStart = false }))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("restarts");
        _ml.Transforms.PerturbWeights(Model, new LinkWeightShuffleOptions { LayerIndex = 2 }).Invoking(e => e.Fit(Test))
            .Should().Throw<ArgumentException>().WithMessage("The perturbation's scope is layer 2, but the network has only 2 layers*");
        _ml.Transforms.PerturbWeights(Model, new NeuronRemovalOptions { HiddenLayer = 1 }).Invoking(e => e.Fit(Test))
            .Should().Throw<ArgumentException>().WithMessage("Neurons are to be removed from hidden layer 1, but the network's hidden layers are produced by layers 0 to 0*");
    }

    private static (NetworkPerturbationOptions Options, NetworkPerturbation Engine) Case(string name) => name switch
    {
        "rescaled removal" => (new LinkRemovalOptions { Fraction = 0.4, RescaleSurvivors = true, Seed = 3 }, new LinkRemoval(0.4, LayerScope.Hidden, rescaleSurvivors: true)),
        "removal of the output layer" => (new LinkRemovalOptions { Fraction = 0.5, LayerIndex = 1, Seed = 2 }, new LinkRemoval(0.5, LayerScope.Layer(1))),
        "shuffle of layer 0" => (new LinkWeightShuffleOptions { Fraction = 0.5, LayerIndex = 0, Seed = 5 }, new LinkWeightShuffle(0.5, LayerScope.Layer(0))),
        "within-neuron shuffle of layer 1" => (new WithinNeuronWeightShuffleOptions { Fraction = 0.6, LayerIndex = 1, Seed = 1 }, new WithinNeuronWeightShuffle(0.6, LayerScope.Layer(1))),
        "targeted removal, largest first" => (new TargetedLinkRemovalOptions { Fraction = 0.3, Order = MagnitudeOrder.LargestFirst }, new TargetedLinkRemoval(0.3, MagnitudeOrder.LargestFirst)),
        "targeted removal of all layers" => (new TargetedLinkRemovalOptions { Fraction = 0.5, Layers = PerturbedLayers.All }, new TargetedLinkRemoval(0.5, MagnitudeOrder.SmallestFirst, LayerScope.All)),
        "neuron removal, hubs first" => (new NeuronRemovalOptions { Fraction = 0.25, Order = NeuronOrder.HighestDegreeFirst }, new NeuronRemoval(0.25, NeuronOrder.HighestDegreeFirst)),
        "neuron removal of hidden layer 0" => (new NeuronRemovalOptions { Fraction = 0.5, HiddenLayer = 0, Seed = 4 }, new NeuronRemoval(0.5, NeuronOrder.Random, hiddenLayer: 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such case."),
    };

    // A one-seed level scores and measures exactly the network the transform yields.
    private void ExpectLevel(SweepLevel level, ITransformer perturbed)
    {
        level.MicroAccuracy.Mean.Should().Be(_ml.MulticlassClassification.Evaluate(perturbed.Transform(Test)).MicroAccuracy);
        var structure = StructureMetrics.Of(perturbed.GetSparseNetwork());
        level.Structure!.InputReachShare.Mean.Should().Be(structure.InputReachShare);
        level.Structure.HiddenOnPathShare.Mean.Should().Be(structure.HiddenOnPathShare);
        level.Structure.MeanHiddenDegree.Mean.Should().Be(structure.MeanHiddenDegree);
        level.Structure.LinkCount.Mean.Should().Be(structure.LinkCount);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
