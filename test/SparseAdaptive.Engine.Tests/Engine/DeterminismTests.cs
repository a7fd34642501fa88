using SparseAdaptive.Network;
using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Engine;

public class DeterminismTests
{
    private static readonly LabeledSamples Data = SmallNetworks.Blobs(700, 64, 4, seed: 21);

    private static TrainingSettings Settings(int threads, int seed = 5, int batchSize = 50) => new()
    {
        HiddenLayerSizes = [120, 80],
        Sparsity = 0.9,
        Epochs = 3,
        BatchSize = batchSize,
        DropoutRate = 0.2f,
        Seed = seed,
        NumberOfThreads = threads,
    };

    [Fact]
    public void Same_seed_gives_a_bit_identical_network_with_one_and_two_threads()
    {
        var one = SmallNetworks.Serialize(NetworkTrainer.Train(Data, Settings(threads: 1)));
        var two = SmallNetworks.Serialize(NetworkTrainer.Train(Data, Settings(threads: 2)));
        var again = SmallNetworks.Serialize(NetworkTrainer.Train(Data, Settings(threads: 2)));

        two.Should().Equal(one);
        again.Should().Equal(one);
    }

    [Theory]
    [InlineData(150)] // three blocks of 64 samples, the last one partly filled: threads sum per-block gradient shares
    [InlineData(128)]
    public void Batches_of_several_blocks_give_a_bit_identical_network_with_one_and_two_threads(int batchSize)
    {
        var one = SmallNetworks.Serialize(NetworkTrainer.Train(Data, Settings(threads: 1, batchSize: batchSize)));
        var two = SmallNetworks.Serialize(NetworkTrainer.Train(Data, Settings(threads: 2, batchSize: batchSize)));

        two.Should().Equal(one);
    }

    [Fact]
    public void Another_seed_gives_another_network()
    {
        var a = SmallNetworks.Serialize(NetworkTrainer.Train(Data, Settings(threads: 2, seed: 1)));
        var b = SmallNetworks.Serialize(NetworkTrainer.Train(Data, Settings(threads: 2, seed: 2)));
        b.Should().NotEqual(a);
    }

    [Fact]
    public void Predict_gives_the_same_probabilities_as_the_batched_pass()
    {
        var network = NetworkTrainer.Train(Data, Settings(threads: 2));
        var propagator = new BatchPropagator(network, 37, threads: 2);
        int[] rows = Enumerable.Range(100, 37).ToArray();
        propagator.Load(Data.Features, rows);
        propagator.Forward();

        var single = new float[network.ClassCount];
        var batched = new float[network.ClassCount];
        for (int b = 0; b < rows.Length; b++)
        {
            network.Predict(Data.GetFeatures(rows[b]), single);
            propagator.Probabilities(b, batched);
            single.Should().Equal(batched);
        }
    }

    [Fact]
    public void Training_learns_an_easy_problem()
    {
        var network = NetworkTrainer.Train(Data, Settings(threads: 2));
        var test = SmallNetworks.Blobs(400, 64, 4, seed: 21, draw: 1);
        ClassificationScore.Measure(network, test, threads: 2).MicroAccuracy.Should().BeGreaterThan(0.95);
    }
}
