using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;

namespace SparseAdaptive.Study.Tests;

public class NullModelCellTests
{
    [Fact]
    public void The_null_models_start_from_the_trained_adaptive_network_rewired_or_reinitialised_and_keep_their_links()
    {
        using var directory = new TemporaryDirectory();
        var run = StudyProgram.Run(["run", .. TestStudies.Tiny(directory.Path, "--datasets", "mnist", "--kinds", "adaptive,config-model,fresh-weights")]);
        run.ExitCode.Should().Be(0, run.Errors);

        var adaptive = Load(directory.Path, "mnist-adaptive-seed0-", "network.bin");
        var configurationStart = Load(directory.Path, "mnist-config-model-seed0-", "initial.bin");
        var configurationEnd = Load(directory.Path, "mnist-config-model-seed0-", "network.bin");
        var freshStart = Load(directory.Path, "mnist-fresh-weights-seed0-", "initial.bin");

        for (int l = 0; l < adaptive.Layers.Count; l++)
        {
            configurationStart.Layers[l].GetInDegrees().Should().Equal(adaptive.Layers[l].GetInDegrees(), $"layer {l} keeps every fan-in");
            configurationStart.Layers[l].GetOutDegrees().Should().Equal(adaptive.Layers[l].GetOutDegrees(), $"layer {l} keeps every fan-out");
            Pairs(configurationEnd.Layers[l]).Should().Equal(Pairs(configurationStart.Layers[l]), "a null model trains static");
            Pairs(freshStart.Layers[l]).Should().Equal(Pairs(adaptive.Layers[l]), "the fresh-weights null model keeps the trained links");
            freshStart.Layers[l].GetWeights().Should().NotEqual(adaptive.Layers[l].GetWeights());
            freshStart.Layers[l].GetBiases().Should().OnlyContain(b => b == 0f);
        }
        Pairs(configurationStart.Layers[0]).Should().NotEqual(Pairs(adaptive.Layers[0]), "the configuration model places the links at random");
        Directory.GetDirectories(Path.Combine(directory.Path, "cells"), "mnist-config-model-seed0-measured-*").Should().ContainSingle();
    }

    private static SparseNetwork Load(string output, string prefix, string file)
    {
        string cell = Directory.GetDirectories(Path.Combine(output, "cells"), prefix + "*").Single(d => !d.Contains("measured", StringComparison.Ordinal));
        using var stream = File.OpenRead(Path.Combine(cell, file));
        return SparseNetwork.Load(stream);
    }

    private static List<(int, int)> Pairs(SparseLayer layer) => layer.GetLinks().Select(k => (k.Source, k.Target)).OrderBy(p => p).ToList();
}
