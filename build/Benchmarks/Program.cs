using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SparseAdaptive.Benchmarks;
using SparseAdaptive.Data;
using SparseAdaptive.Robustness;
using SparseAdaptive.Training;

const string Usage = """
    Usage: SparseAdaptive.Benchmarks [--data DIR] [--epoch | --profile | --kernels | --scoring | --attack | --onnx | --scale [--scale-1m]] [--micro [BenchmarkDotNet arguments]]
      (no switch)  whole-epoch, profile, kernel, rewiring, memory and inference figures on MNIST, as one table
      --epoch      the acceptance table: vector width, the sparse MNIST epoch (1 and 2 threads, 5 runs each, their
                   ratio), the dense epoch on the dense kernels and on the old path, its GFLOP/s against the FMA peak
      --profile    only the phase profile of a 99% sparse epoch, 1 and 2 threads (about a minute)
      --kernels    only the kernel throughput rows (1000×1000 layer, 1 and 2 threads; about a minute)
      --scoring    only the ML.NET scoring rows: fitted, loaded with Load and with LoadSparseAdaptive (about a minute)
      --attack-phases  only the PGD phase profile of the engine (one batch; seconds)
      --attack     only PGD through ML.NET on the reference network: rows/s of the attack's cursor and its ratio to
                   clean scoring through a cursor, same run (about two minutes)
      --onnx       only ONNX Runtime on the exported reference network against the engine: 1, 64 and 10,000 rows per call
      --scale      only the scale run: 100k-neuron hidden layers at 99.9% sparsity on 10k synthetic samples
      --scale-1m   with --scale, 1M-neuron hidden layers instead: 784-1000000-10 (a full epoch), then
                   784-1000000-1000000-10 (10^9 links, ~12 GiB: two batches timed, the epoch extrapolated; ~10 min)
      --one-layer  with --scale-1m, only 784-1000000-10
      --samples N  synthetic samples of the scale runs (default 10000)
      --micro      BenchmarkDotNet micro-benchmarks of the layer kernels (in process); other arguments go to it
      --data DIR   MNIST/Fashion-MNIST cache (default: $SPARSEADAPTIVE_DATA or ~/.cache/sparseadaptive/data)
    """;

if (args.Length > 0 && args[0] == "--micro")
{
    var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
    BenchmarkSwitcher.FromTypes([typeof(LayerKernelBenchmarks)]).Run(args[1..], config);
    return 0;
}

string dataDirectory = Environment.GetEnvironmentVariable("SPARSEADAPTIVE_DATA")
    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sparseadaptive", "data");
bool scale = false, scaleMillion = false, oneMillionLayerOnly = false, epochOnly = false, profileOnly = false, kernelsOnly = false, scoringOnly = false,
    attackOnly = false, attackPhasesOnly = false, onnxOnly = false;
int scaleSamples = 10_000;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--scale": scale = true; break;
        case "--epoch": epochOnly = true; break;
        case "--profile": profileOnly = true; break;
        case "--kernels": kernelsOnly = true; break;
        case "--scoring": scoringOnly = true; break;
        case "--attack": attackOnly = true; break;
        case "--attack-phases": attackPhasesOnly = true; break;
        case "--onnx": onnxOnly = true; break;
        case "--scale-1m": scaleMillion = true; break;
        case "--one-layer": oneMillionLayerOnly = true; break;
        case "--samples" when i + 1 < args.Length && int.TryParse(args[i + 1], out scaleSamples) && scaleSamples > 0: i++; break;
        case "--data" when i + 1 < args.Length: dataDirectory = args[++i]; break;
        case "--help" or "-h": Console.WriteLine(Usage); return 0;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'.");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
if (scaleMillion && !scale)
{
    Console.Error.WriteLine("--scale-1m only makes sense together with --scale.");
    return 2;
}

var table = new ResultTable();
string machine = MachineDescription.Describe();
Console.WriteLine(machine);
string loadBefore = MachineDescription.LoadAverage();
int threads = Environment.ProcessorCount;

if (scale)
{
    if (scaleMillion)
    {
        ScaleBenchmark.Run(table, [1_000_000], 0.999, scaleSamples, threads);
        if (!oneMillionLayerOnly)
        {
            // About three minutes per batch of 128: two batches are timed and the epoch extrapolated.
            ScaleBenchmark.Run(table, [1_000_000, 1_000_000], 0.999, scaleSamples, threads, timedBatches: 2);
        }
    }
    else
    {
        ScaleBenchmark.Run(table, [100_000, 100_000, 100_000], 0.999, scaleSamples, threads);
    }
}
else if (kernelsOnly)
{
    KernelThroughput.Run(table);
}
else if (profileOnly)
{
    table.Section($"Kernels: {VectorWidth.Describe()}; runtime ISAs: {VectorWidth.RuntimeFlags()}; CPU flags: {VectorWidth.CpuFlags()}");
    var profile = new EpochProfile(MnistData.Load(dataDirectory, IdxSplit.Train), MnistData.Load(dataDirectory, IdxSplit.Test), table);
    profile.Run(0.99, 1, batches: 469);
    profile.Run(0.99, threads, batches: 469);
}
else if (scoringOnly)
{
    table.Section($"Kernels: {VectorWidth.Describe()}; runtime ISAs: {VectorWidth.RuntimeFlags()}; CPU flags: {VectorWidth.CpuFlags()}");
    MlNetScoringBenchmark.Run(table, dataDirectory, MnistData.Load(dataDirectory, IdxSplit.Test));
}
else if (attackOnly)
{
    table.Section($"Kernels: {VectorWidth.Describe()}; runtime ISAs: {VectorWidth.RuntimeFlags()}; CPU flags: {VectorWidth.CpuFlags()}");
    MlNetAttackBenchmark.Run(table, dataDirectory);
    RunPgdPhases();
}
else if (attackPhasesOnly)
{
    table.Section($"Kernels: {VectorWidth.Describe()}; runtime ISAs: {VectorWidth.RuntimeFlags()}; CPU flags: {VectorWidth.CpuFlags()}");
    RunPgdPhases();
}
else if (onnxOnly)
{
    table.Section($"Kernels: {VectorWidth.Describe()}; runtime ISAs: {VectorWidth.RuntimeFlags()}; CPU flags: {VectorWidth.CpuFlags()}");
    OnnxInferenceBenchmark.Run(table, MnistData.Load(dataDirectory, IdxSplit.Train), MnistData.Load(dataDirectory, IdxSplit.Test), threads);
}
else if (epochOnly)
{
    var train = MnistData.Load(dataDirectory, IdxSplit.Train);
    table.Section($"Kernels: {VectorWidth.Describe()}; runtime ISAs: {VectorWidth.RuntimeFlags()}; CPU flags: {VectorWidth.CpuFlags()}");
    var epochs = new EpochBenchmark(train, table);
    epochs.RunSparseOnly(runs: 5);
    epochs.RunDensePaths(oldPathImages: 6400);
}
else
{
    table.Section($"Kernels: {VectorWidth.Describe()}; runtime ISAs: {VectorWidth.RuntimeFlags()}; CPU flags: {VectorWidth.CpuFlags()}");
    table.Section("Data");
    var train = MnistData.Load(dataDirectory, IdxSplit.Train);
    var test = MnistData.Load(dataDirectory, IdxSplit.Test);
    table.Add("Load the MNIST training set (60k images) from its IDX files", Timing.Seconds(() => MnistData.Load(dataDirectory, IdxSplit.Train)), "s",
        note: "once per training, not per epoch");

    var epochs = new EpochBenchmark(train, table);
    epochs.Run();
    epochs.RunDensePaths(oldPathImages: 6400);

    var profile = new EpochProfile(train, test, table);
    profile.Run(0.99, 1, batches: 469);
    profile.Run(0.99, threads, batches: 469);
    profile.Run(0.0, threads, batches: 40);

    KernelThroughput.Run(table);
    RewiringBenchmark.Run(table, [(1000, 0.99), (10_000, 0.99)]);
    MemoryFootprint.Run(table, "reference network 99% sparse", 784, 10, EpochBenchmark.Reference(threads, 0.99, 1));
    MemoryFootprint.Run(table, "reference network dense", 784, 10, EpochBenchmark.Reference(threads, 0.0, 1));
    InferenceBenchmark.Run(table, epochs.SparseNetwork!, epochs.DenseNetwork!, test);
    MlNetScoringBenchmark.Run(table, dataDirectory, test);
    MlNetAttackBenchmark.Run(table, dataDirectory);
    RunPgdPhases();
    OnnxInferenceBenchmark.Run(table, train, test, threads);
    RobustnessBenchmark.Run(table, epochs.SparseNetwork!, test, threads);
    table.Section("Process");
    table.Add("Peak working set of the whole benchmark process", MemoryFootprint.PeakWorkingSetMiB(), "MiB",
        note: "includes MNIST as floats (≈215 MiB) and the dense network");
}

Console.WriteLine();
Console.WriteLine(machine);
Console.WriteLine($"Before the run: {loadBefore}; after: {MachineDescription.LoadAverage()}.");
Console.WriteLine();
Console.WriteLine(table.ToMarkdown());
return 0;

// The phases do not depend on what the network has learnt: a freshly drawn reference network has the same links.
void RunPgdPhases() => PgdPhaseProfile.Run(table, NetworkTrainer.CreateNetwork(784, MnistData.Classes, EpochBenchmark.Reference(threads, 0.99, 1)),
    MnistData.Load(dataDirectory, IdxSplit.Test, InputPerturbation.BatchSize), threads);
