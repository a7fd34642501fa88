using System.Diagnostics;
using System.Globalization;
using SparseAdaptive.Data;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

// Usage: SparseAdaptive.EpochComparison THREADS TRAININGS [DATA_DIR]
// Prints one line: "RESULT threads=T seconds=s1,s2,..." — the seconds of TRAININGS one-epoch trainings of the
// reference network (784-1000-1000-1000-10, 99% sparse, adaptive, batch 128) on the MNIST training set.
if (args.Length < 2 || !int.TryParse(args[0], out int threads) || threads < 1 || !int.TryParse(args[1], out int trainings) || trainings < 1)
{
    Console.Error.WriteLine("Usage: SparseAdaptive.EpochComparison THREADS TRAININGS [DATA_DIR]");
    return 2;
}
string dataDirectory = args.Length > 2 ? args[2] : Environment.GetEnvironmentVariable("SPARSEADAPTIVE_DATA")
    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sparseadaptive", "data");
var data = IdxDataset.Load(Path.Combine(dataDirectory, "mnist"), IdxSplit.Train);
var train = new LabeledSamples(data.Features, data.Labels.Select(l => (int)l).ToArray(), data.FeatureCount, 10);
var settings = new TrainingSettings
{
    HiddenLayerSizes = [1000, 1000, 1000],
    Sparsity = 0.99,
    Topology = TopologyMode.Adaptive,
    Epochs = 1,
    BatchSize = 128,
    NumberOfThreads = threads,
};
NetworkTrainer.Train(train.Take(6400), settings); // warm-up: every kernel compiled at full tier before timing
var seconds = new List<double>();
for (int run = 0; run < trainings; run++)
{
    GC.Collect();
    var clock = Stopwatch.StartNew();
    NetworkTrainer.Train(train, settings);
    seconds.Add(clock.Elapsed.TotalSeconds);
}
Console.WriteLine($"RESULT threads={threads} seconds={string.Join(',', seconds.Select(s => s.ToString("F4", CultureInfo.InvariantCulture)))}");
return 0;
