using System.CommandLine;
using System.Globalization;

namespace SparseAdaptive.Study;

/// <summary>
/// The command line: a preset (<c>--quick</c>, the default, or <c>--full</c>) and options that override single values of
/// it, which every verb takes; lists may be given as separate words or comma-separated. Without a verb the study runs
/// its missing cells and writes the report; <c>plan</c>, <c>run</c> and <c>report</c> do one step each.
/// </summary>
internal sealed class StudyCommand
{
    private readonly Option<string?> _cells = new("--cells") { Description = "Run only these cells of the plan (numbers as `plan` lists them): e.g. 0-9,14." };
    private readonly Option<string?> _shard = new("--shard") { Description = "Run only part K of N of the selected cells, K counted from 0 (e.g. 3/16; parts balanced by estimated time)." };
    private readonly Option<int?> _stage = new("--stage") { Description = "Run only the cells of this stage (0: training; 1: null models, measurements and transfer attacks, which read stage 0's networks; 2: the null models' measurements)." };
    private readonly Option<string[]> _from = ListOption("--from", "Also read cells from these output directories (merged with --output's).");

    private readonly Option<bool> _quick = new("--quick") { Description = "Start from the quick preset (the default): a few minutes on 2 cores." };
    private readonly Option<bool> _full = new("--full") { Description = "Start from the full preset: every image, 10 seeds (5 per point of the sparsity and ζ sweeps), 100 epochs, fine sweeps; 500 cells, about 4 hours on 2 cores (plan --full prints the estimate)." };
    private readonly Option<string[]> _dataSets = ListOption("--datasets", "Data sets: mnist, fashion-mnist (default both).");
    private readonly Option<string[]> _kinds = ListOption("--kinds", "Network kinds: adaptive, static, dense, dense-equal, set-reference, config-model, fresh-weights (default all).");
    private readonly Option<int?> _seeds = new("--seeds") { Description = "Training seeds per data set and kind (seeds 0..N-1)." };
    private readonly Option<int?> _variantSeeds = new("--variant-seeds") { Description = "Training seeds of each point of the sparsity, ζ, new-link-scale and ζ-schedule sweeps (0 for none)." };
    private readonly Option<string[]> _sparsityLevels = ListOption("--sparsity-levels", "Sparsities at which adaptive and static networks are also trained.");
    private readonly Option<string[]> _zetas = ListOption("--zetas", "ζ values (fraction rewired per epoch) at which adaptive networks are also trained.");
    private readonly Option<string[]> _newLinkScales = ListOption("--new-link-scales",
        "New-link weight scales (relative to the initial weights; 0: new links start at 0) at which adaptive networks are also trained.");
    private readonly Option<string[]> _schedules = ListOption("--zeta-schedules", "ζ schedules (constant, cosine) with which adaptive networks are also trained.");
    private readonly Option<string[]> _neuronFractions = ListOption("--neuron-fractions", "Fractions of neurons removed by the targeted (ranked) neuron removals.");
    private readonly Option<int?> _pgdStarts = new("--pgd-starts") { Description = "Random starts per PGD attack level." };
    private readonly Option<int?> _nullSamples = new("--null-samples") { Description = "Configuration-model samples for the k-core and rich-club normalisation." };
    private readonly Option<int?> _epochs = new("--epochs") { Description = "Training epochs of the sparse networks." };
    private readonly BaselineOptions _dense = new("dense", "dense networks");
    private readonly BaselineOptions _denseEqual = new("dense-equal", "dense networks with the sparse ones' link count");
    private readonly Option<int?> _patience = new("--patience") { Description = "Epochs without a better validation accuracy before a dense run stops." };
    private readonly Option<int?> _trainCount = new("--train-count") { Description = "Use only the first N training images." };
    private readonly Option<int?> _testCount = new("--test-count") { Description = "Use only the first N test images." };
    private readonly Option<int?> _sweepCount = new("--sweep-count") { Description = "Run the robustness sweeps on the first N test images only." };
    private readonly Option<string[]> _hidden = ListOption("--hidden", "Hidden layer sizes (default 1000,1000,1000).");
    private readonly Option<double?> _sparsity = new("--sparsity") { Description = "Sparsity of the sparse hidden layers (default 0.99)." };
    private readonly Option<string[]> _removal = ListOption("--removal", "Fractions of links removed at random.");
    private readonly Option<string[]> _shuffle = ListOption("--shuffle", "Fractions of links whose weights are shuffled.");
    private readonly Option<string[]> _epsilons = ListOption("--epsilons", "L-infinity sizes of the FGSM and PGD attacks.");
    private readonly Option<int?> _pgdIterations = new("--pgd-iterations") { Description = "Steps of each PGD attack." };
    private readonly Option<int?> _sweepSeeds = new("--sweep-seeds") { Description = "Random draws per level of a random perturbation." };
    private readonly Option<int?> _pgdCheckIterations = new("--pgd-check-iterations") { Description = "Steps per restart of the stronger PGD that checks the study's PGD (default 40)." };
    private readonly Option<int?> _pgdCheckRestarts = new("--pgd-check-restarts") { Description = "Random restarts of the stronger PGD (default 5)." };
    private readonly Option<int?> _pgdCheckCount = new("--pgd-check-count") { Description = "Test images on which the two PGD strengths are compared (training seed 0)." };
    private readonly Option<int?> _transferCount = new("--transfer-count") { Description = "Test images on which attacks crafted on one kind are scored on the others." };
    private readonly Option<int?> _probeInterval = new("--probe-interval") { Description = "Epochs between robustness probes of the sparse networks during training (default 10)." };
    private readonly Option<int?> _probeCount = new("--probe-count") { Description = "Test images each robustness probe during training evaluates." };
    private readonly Option<double?> _probeRemoval = new("--probe-removal") { Description = "Fraction of hidden links a probe removes at random (default 0.3)." };
    private readonly Option<double?> _probeEpsilon = new("--probe-epsilon") { Description = "L-infinity size of a probe's PGD attack (default 0.05)." };
    private readonly Option<string?> _output = new("--output", "-o") { Description = "Directory for report.md, the CSV files and the charts (default out/study-quick or out/study-full)." };
    private readonly Option<string?> _data = new("--data") { Description = $"Directory holding mnist/ and fashion-mnist/ (default ${StudyPresets.DataRootVariable} or ~/.cache/sparseadaptive/data)." };
    private readonly Option<int?> _threads = new("--threads") { Description = "Threads to use; 0 for all cores (default). Results do not depend on it." };

    /// <summary>The root command and its verbs, whose actions are <paramref name="verbs"/>' methods.</summary>
    public RootCommand Build(StudyVerbs verbs)
    {
        var command = new RootCommand("Trains adaptive sparse, static sparse and dense networks on MNIST and Fashion-MNIST over several seeds, "
            + "measures their robustness and analyses the evolved topology, and writes a report (report.md, CSV files, PNG charts). "
            + "The study is a plan of cells, each stored under OUTPUT/cells/ when complete: running again computes only the missing ones.");
        Option[] options = [_quick, _full, _dataSets, _kinds, _seeds, _variantSeeds, _sparsityLevels, _zetas, _newLinkScales, _schedules, _epochs, .. _dense.All, .. _denseEqual.All, _patience, _trainCount, _testCount, _sweepCount, _hidden, _sparsity,
            _removal, _shuffle, _neuronFractions, _epsilons, _pgdIterations, _sweepSeeds, _pgdStarts, _nullSamples,
            _pgdCheckIterations, _pgdCheckRestarts, _pgdCheckCount, _transferCount, _probeInterval, _probeCount, _probeRemoval, _probeEpsilon, _output, _data, _threads];
        foreach (var option in options)
        {
            option.Recursive = true;
            command.Options.Add(option);
        }
        SetAction(command, (result, o, token) => verbs.RunAndReport(o, token));

        var plan = new Command("plan", "Lists the cells of the study with their number, stage, estimated time and state (complete, failed, missing), and the totals.");
        SetAction(plan, (result, o, token) => verbs.Plan(o));
        var run = new Command("run", "Runs the missing cells (all, or those selected with --stage, --cells and --shard) without writing the report.");
        run.Options.Add(_stage);
        run.Options.Add(_cells);
        run.Options.Add(_shard);
        SetAction(run, (result, o, token) => verbs.Run(o, result.GetValue(_stage), result.GetValue(_cells), result.GetValue(_shard), token));
        var report = new Command("report", "Writes report.md, the CSV files and the charts into --output from the cells stored there and in --from directories; trains nothing.");
        report.Options.Add(_from);
        SetAction(report, (result, o, token) => verbs.Report(o, Words(result, _from) ?? []));
        command.Subcommands.Add(plan);
        command.Subcommands.Add(run);
        command.Subcommands.Add(report);
        return command;
    }

    // Reads and validates the options; a bad value ends the program with exit code 2 and a message naming its option.
    private void SetAction(Command command, Func<ParseResult, StudyOptions, CancellationToken, int> action) =>
        command.SetAction((result, cancellationToken) => Task.Run(() =>
        {
            StudyOptions options;
            try
            {
                options = Read(result);
                options.Validate();
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            return action(result, options, cancellationToken);
        }, cancellationToken));

    /// <summary>The preset the command line chose, with the values it overrides.</summary>
    /// <exception cref="ArgumentException">A value does not parse or both presets are chosen.</exception>
    public StudyOptions Read(ParseResult result)
    {
        if (result.GetValue(_quick) && result.GetValue(_full))
        {
            throw new ArgumentException("--quick and --full choose different presets; give at most one.");
        }
        string dataRoot = result.GetValue(_data) ?? StudyPresets.DefaultDataRoot();
        var preset = result.GetValue(_full) ? StudyPresets.Full(dataRoot) : StudyPresets.Quick(dataRoot);
        return preset with
        {
            DataSets = Names(result, _dataSets, DataSetNames.Parse) ?? preset.DataSets,
            Kinds = Names(result, _kinds, NetworkKinds.Parse) ?? preset.Kinds,
            Seeds = result.GetValue(_seeds) ?? preset.Seeds,
            VariantSeeds = result.GetValue(_variantSeeds) ?? Math.Min(preset.VariantSeeds, result.GetValue(_seeds) ?? preset.Seeds),
            SparsityLevels = Numbers(result, _sparsityLevels, ParseDouble) ?? preset.SparsityLevels,
            RewireFractions = Numbers(result, _zetas, ParseDouble) ?? preset.RewireFractions,
            NewLinkWeightScales = Numbers(result, _newLinkScales, ParseDouble) ?? preset.NewLinkWeightScales,
            RewireSchedules = Words(result, _schedules)?.Select(ParseSchedule).ToArray() ?? preset.RewireSchedules,
            Epochs = result.GetValue(_epochs) ?? preset.Epochs,
            Dense = _dense.Read(result, preset.Dense),
            DenseEqual = _denseEqual.Read(result, preset.DenseEqual),
            Patience = result.GetValue(_patience) ?? preset.Patience,
            TrainCount = result.GetValue(_trainCount) ?? preset.TrainCount,
            TestCount = result.GetValue(_testCount) ?? preset.TestCount,
            SweepCount = result.GetValue(_sweepCount) ?? preset.SweepCount,
            HiddenLayerSizes = Numbers(result, _hidden, s => int.Parse(s, CultureInfo.InvariantCulture)) ?? preset.HiddenLayerSizes,
            Sparsity = result.GetValue(_sparsity) ?? preset.Sparsity,
            RemovalFractions = Numbers(result, _removal, ParseDouble) ?? preset.RemovalFractions,
            ShuffleFractions = Numbers(result, _shuffle, ParseDouble) ?? preset.ShuffleFractions,
            NeuronFractions = Numbers(result, _neuronFractions, ParseDouble) ?? preset.NeuronFractions,
            Epsilons = Numbers(result, _epsilons, ParseDouble) ?? preset.Epsilons,
            PgdIterations = result.GetValue(_pgdIterations) ?? preset.PgdIterations,
            SweepSeeds = result.GetValue(_sweepSeeds) ?? preset.SweepSeeds,
            PgdStarts = result.GetValue(_pgdStarts) ?? preset.PgdStarts,
            NullSamples = result.GetValue(_nullSamples) ?? preset.NullSamples,
            PgdCheckIterations = result.GetValue(_pgdCheckIterations) ?? preset.PgdCheckIterations,
            PgdCheckRestarts = result.GetValue(_pgdCheckRestarts) ?? preset.PgdCheckRestarts,
            PgdCheckCount = result.GetValue(_pgdCheckCount) ?? preset.PgdCheckCount,
            TransferCount = result.GetValue(_transferCount) ?? preset.TransferCount,
            ProbeInterval = result.GetValue(_probeInterval) ?? preset.ProbeInterval,
            ProbeCount = result.GetValue(_probeCount) ?? preset.ProbeCount,
            ProbeRemoval = result.GetValue(_probeRemoval) ?? preset.ProbeRemoval,
            ProbeEpsilon = result.GetValue(_probeEpsilon) ?? preset.ProbeEpsilon,
            OutputDirectory = result.GetValue(_output) ?? preset.OutputDirectory,
            Threads = result.GetValue(_threads) ?? preset.Threads,
        };
    }

    private static Option<string[]> ListOption(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };

    // Null when the option is absent, so the preset's value stands.
    private static string[]? Words(ParseResult result, Option<string[]> option) =>
        result.GetResult(option) is null ? null : result.GetValue(option)!.SelectMany(w => w.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    private static T[]? Names<T>(ParseResult result, Option<string[]> option, Func<string, T?> parse) where T : struct =>
        Words(result, option)?.Select(w => parse(w) ?? throw new ArgumentException($"{option.Name}: '{w}' is not one of the accepted names (see --help).")).Distinct().ToArray();

    private static T[]? Numbers<T>(ParseResult result, Option<string[]> option, Func<string, T> parse) =>
        Words(result, option)?.Select(w =>
        {
            try
            {
                return parse(w);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new ArgumentException($"{option.Name}: '{w}' is not a number.");
            }
        }).ToArray();

    private static double ParseDouble(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Topology.RewireSchedule ParseSchedule(string text) =>
        Enum.TryParse<Topology.RewireSchedule>(text, ignoreCase: true, out var schedule) && Enum.IsDefined(schedule)
            ? schedule
            : throw new ArgumentException($"--zeta-schedules: '{text}' is not a schedule; use constant or cosine.");
}
