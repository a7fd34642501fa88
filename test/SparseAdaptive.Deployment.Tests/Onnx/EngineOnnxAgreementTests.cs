using Microsoft.ML.OnnxRuntime;
using SparseAdaptive.Data;
using SparseAdaptive.Export;
using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;
using Xunit.Abstractions;

namespace SparseAdaptive.Deployment.Tests.Onnx;

/// <summary>The ONNX export scored by ONNX Runtime against the engine's own scores.</summary>
public sealed class EngineOnnxAgreementTests(ITestOutputHelper output)
{
    private const float ScoreTolerance = 1e-5f;

    [Fact]
    public void Onnx_runtime_scores_all_MNIST_test_images_like_the_engine()
    {
        var train = IdxDataset.Load(DataSets.MnistDirectory, IdxSplit.Train, 5000);
        var test = IdxDataset.Load(DataSets.MnistDirectory, IdxSplit.Test);
        var settings = new TrainingSettings { HiddenLayerSizes = [300, 100], Sparsity = 0.9, Epochs = 5, Seed = 3 };
        var network = NetworkTrainer.Train(new LabeledSamples(train.Features, train.Labels.Select(l => (int)l).ToArray(), train.FeatureCount, 10), settings);
        using var folder = new TemporaryDirectory();
        string path = System.IO.Path.Combine(folder.Path, "mnist.onnx");

        OnnxExport.Write(network, path);
        var (scores, labels) = OnnxScorer.Score<long>(path, "Features", test.Features, test.Count, test.FeatureCount);

        var (engineScores, engineLabels) = EngineScores(network, test.Features, test.Count);
        float difference = MaxDifference(scores, engineScores);
        output.WriteLine($"{test.Count} images: max |score difference| {difference:E2}, {labels.Zip(engineLabels).Count(p => p.First == p.Second)} equal labels");
        difference.Should().BeLessThan(ScoreTolerance);
        labels.Should().Equal(engineLabels);
        double accuracy = labels.Where((label, i) => label == test.Labels[i]).Count() / (double)test.Count;
        accuracy.Should().BeGreaterThan(0.9, "the network was really trained");
        // Sparse layers are written as links: far below the 784×300 floats of the first layer densified.
        new FileInfo(path).Length.Should().BeLessThan(784 * 300 * 4 / 2);
    }

    [Fact]
    public void Dense_hidden_layers_wide_sources_and_layers_without_links_score_like_the_engine()
    {
        const int inputs = 70_000;   // more than 65,536 inputs: the first layer stores 32-bit sources
        var random = new Random(5);
        var first = SparseLayer.FromLinks(inputs, 6,
            Enumerable.Range(0, 400).Select(k => new Link(k * 173 % inputs, k % 6, (float)random.NextDouble() - 0.5f)).DistinctBy(l => (l.Source, l.Target)),
            Biases(6, random));
        var dense = SparseLayer.FromLinks(6, 5,
            from s in Enumerable.Range(0, 6) from t in Enumerable.Range(0, 5) select new Link(s, t, (float)random.NextDouble() - 0.5f),
            Biases(5, random));
        var empty = SparseLayer.FromLinks(5, 4, [], Biases(4, random));
        var output = SparseLayer.FromLinks(4, 3, [new Link(0, 0, 1f), new Link(3, 2, -2f)], Biases(3, random));
        var network = SparseNetwork.FromLayers([first, dense, empty, output]);
        const int count = 8;
        var features = Enumerable.Range(0, count * inputs).Select(_ => (float)random.NextDouble()).ToArray();
        using var folder = new TemporaryDirectory();
        string path = System.IO.Path.Combine(folder.Path, "shapes.onnx");

        OnnxExport.Write(network, path, new OnnxExportOptions { InputName = "Pixels", TextLabels = ["a", "b", "c"] });
        var (scores, labels) = OnnxScorer.Score<string>(path, "Pixels", features, count, inputs);

        var (engineScores, engineLabels) = EngineScores(network, features, count);
        MaxDifference(scores, engineScores).Should().BeLessThan(ScoreTolerance);
        labels.Should().Equal(engineLabels.Select(index => "abc"[(int)index].ToString()));
    }

    [Fact]
    public void Many_links_into_each_target_score_like_the_engine_on_every_run_with_several_threads()
    {
        // ~100 links into each of 10 targets: when ScatterND (reduction "add") summed them, ONNX Runtime's threads
        // lost additions into a shared target in most of these runs.
        const int inputs = 200, outputs = 10, count = 256, runs = 50;
        var random = new Random(1);
        var layer = SparseLayer.FromLinks(inputs, outputs,
            from s in Enumerable.Range(0, inputs) from t in Enumerable.Range(0, outputs) where random.NextDouble() < 0.5
            select new Link(s, t, (float)random.NextDouble() - 0.5f),
            Biases(outputs, random));
        var network = SparseNetwork.FromLayers([layer]);
        var features = Enumerable.Range(0, count * inputs).Select(_ => (float)random.NextDouble()).ToArray();
        var (engineScores, _) = EngineScores(network, features, count);
        using var folder = new TemporaryDirectory();
        string path = System.IO.Path.Combine(folder.Path, "targets.onnx");
        OnnxExport.Write(network, path);

        using var options = new SessionOptions { IntraOpNumThreads = 4 };
        using var session = new InferenceSession(path, options);
        using var input = OrtValue.CreateTensorValueFromMemory(features, [count, inputs]);
        var differences = Enumerable.Range(0, runs).Select(_ =>
        {
            using var runOptions = new RunOptions();
            using var scored = session.Run(runOptions, ["Features"], [input], ["Score"]);
            return MaxDifference(scored[0].GetTensorDataAsSpan<float>().ToArray(), engineScores);
        }).ToArray();

        differences.Should().AllSatisfy(difference => difference.Should().BeLessThan(ScoreTolerance));
    }

    [Fact]
    public void Labels_that_do_not_match_the_classes_are_rejected_with_the_counts()
    {
        var network = SparseNetwork.FromLayers([SparseLayer.FromLinks(2, 3, [new Link(0, 0, 1f)], [0f, 0f, 0f])]);

        var write = () => OnnxExport.Write(network, Stream.Null, new OnnxExportOptions { NumericLabels = [1, 2] });
        var both = () => OnnxExport.Write(network, Stream.Null, new OnnxExportOptions { NumericLabels = [1, 2, 3], TextLabels = ["a", "b", "c"] });

        write.Should().Throw<ArgumentException>().WithMessage("The network has 3 classes but 2 class labels were given.*");
        both.Should().Throw<ArgumentException>().WithMessage("Set either TextLabels or NumericLabels, not both.*");
    }

    private static float[] Biases(int count, Random random) => Enumerable.Range(0, count).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();

    private static (float[] Scores, long[] Labels) EngineScores(SparseNetwork network, float[] features, int count)
    {
        int classes = network.ClassCount;
        var scores = new float[count * classes];
        var labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            var row = scores.AsSpan(i * classes, classes);
            network.Predict(features.AsSpan(i * network.InputSize, network.InputSize), row);
            labels[i] = row.IndexOf(MaxOf(row));
        }
        return (scores, labels);
    }

    private static float MaxOf(ReadOnlySpan<float> values)
    {
        float max = values[0];
        foreach (float value in values)
        {
            max = Math.Max(max, value);
        }
        return max;
    }

    internal static float MaxDifference(float[] actual, float[] expected)
    {
        actual.Length.Should().Be(expected.Length);
        return actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
    }
}
