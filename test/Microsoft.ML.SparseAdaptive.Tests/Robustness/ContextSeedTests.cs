using Microsoft.ML.SparseAdaptive.Model;
using Microsoft.ML.SparseAdaptive.Transforms;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace Microsoft.ML.SparseAdaptive.Tests.Robustness;

/// <summary>A robustness transform given no seed takes its MLContext's, as ML.NET's own random transforms do.</summary>
public sealed class ContextSeedTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sparse-adaptive-seed-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_weight_perturbation_without_a_seed_uses_the_context_seed()
    {
        var model = MnistPipelineModel.Model;
        var test = MnistPipelineModel.Test;

        var removal = new MLContext(seed: 5).Transforms.RemoveLinks(model, 0.3);
        var neurons = new MLContext(seed: 5).Transforms.PerturbWeights(model, new NeuronRemovalOptions { Fraction = 0.25 });

        removal.Seed.Should().Be(5);
        SmallNetworks.Serialize(removal.Fit(test).GetSparseNetwork()).Should().Equal(SmallNetworks.Serialize(new LinkRemoval(0.3).Apply(model.Network, 5)));
        SmallNetworks.Serialize(neurons.Fit(test).GetSparseNetwork()).Should().Equal(SmallNetworks.Serialize(new NeuronRemoval(0.25).Apply(model.Network, 5)));
        new MLContext(seed: 5).Transforms.RemoveLinks(model, 0.3, seed: 2).Seed.Should().Be(2, "a seed given wins");
        new MLContext().Transforms.RemoveLinks(model, 0.3).Seed.Should().Be(0, "a context without a seed gives 0");
    }

    [Fact]
    public void An_input_perturbation_without_a_seed_uses_the_context_seed_also_after_loading()
    {
        var model = MnistPipelineModel.Model;
        var test = MnistPipelineModel.Test;
        var ml = new MLContext(seed: 5);

        var noise = ml.Transforms.GaussianNoise(model, 0.2f).Fit(test);
        string path = Path.Combine(_directory, "noise.zip");
        ml.Model.Save(noise, test.Schema, path);
        var loaded = new MLContext(seed: 9).Model.Load(path, out _);

        noise.Seed.Should().Be(5);
        float[] expected = new GaussianNoise(0.2f).Apply(model.Network, MnistPipelineModel.TestSamples(), seed: 5);
        MnistPipelineModel.Features(noise.Transform(test)).Should().Equal(expected);
        MnistPipelineModel.Features(loaded.Transform(test)).Should().Equal(expected);
        ml.Transforms.Pgd(model, new PgdOptions { Epsilon = 0.1f }).Seed.Should().Be(5);
    }
}
