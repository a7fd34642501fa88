using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using Microsoft.ML.SparseAdaptive.Transforms;
using SparseAdaptive.Robustness;
using SparseAdaptive.Training;

namespace Microsoft.ML.SparseAdaptive.Tests.Robustness;

/// <summary>
/// An input perturbation's cursor perturbs blocks of rows with the engine (issue 21): each row's features are the
/// engine attack's, bit for bit, whichever block the row falls in and on any number of threads, and the same as the
/// row-by-row paths (a loaded chain) give it.
/// </summary>
public sealed class BatchedAttackTests : IDisposable
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _directory = Directory.CreateTempSubdirectory("sparse-adaptive-batched-attack-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static SparseAdaptiveModel Model => MnistPipelineModel.Model;

    private static IDataView Test => MnistPipelineModel.Test;

    public static TheoryData<string> Attacks => new() { "Pgd", "PgdOfThePrediction", "Fgsm", "GaussianNoise" };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void The_batched_cursor_gives_each_row_the_engine_attack_in_any_block_and_on_one_thread(string attack)
    {
        var (transformer, perturbation, seed, labelled) = Create(attack);
        var samples = MnistPipelineModel.TestSamples();
        // The engine's batches of 256 start 100 rows later than the cursor's, and run on one thread.
        const int Shift = 100;
        var shifted = Rotate(samples, Shift);
        float[] engine = labelled
            ? perturbation.Apply(Model.Network, shifted, seed, threads: 1)
            : perturbation.Apply(Model.Network, shifted.Features, seed, threads: 1);
        float[] expected = Rotate(engine, samples.FeatureCount, samples.Count - Shift);

        var attacked = transformer.Transform(Test);

        using (var cursor = attacked.GetRowCursor([attacked.Schema["Features"]]))
        {
            cursor.Should().BeOfType<BatchScoringCursor>("an unshuffled cursor reading the features perturbs in batches");
        }
        MnistPipelineModel.Bits(MnistPipelineModel.Features(attacked)).Should().Equal(MnistPipelineModel.Bits(expected));
    }

    [Fact]
    public void A_loaded_chain_perturbing_row_by_row_gives_the_batched_features_and_other_columns_pass_through()
    {
        var (transformer, _, _, _) = Create("Pgd");
        string path = Path.Combine(_directory, "pgd.zip");
        _ml.Model.Save(transformer, Test.Schema, path);

        var loaded = new MLContext().Model.Load(path, out _);

        float[] batched = MnistPipelineModel.Features(transformer.Transform(Test));
        MnistPipelineModel.Bits(MnistPipelineModel.Features(loaded.Transform(Test))).Should().Equal(MnistPipelineModel.Bits(batched));
        Labels(transformer.Transform(Test)).Should().Equal(Labels(Test));
    }

    [Fact]
    public void Fitting_encodes_nothing_and_saving_stores_versioned_settings_read_back_as_the_options()
    {
        var options = new PgdOptions { Epsilon = 0.2f, StepSize = 0.03f, NumberOfIterations = 7, RandomStart = true, Restarts = 3, MinimumFeatureValue = -1, MaximumFeatureValue = 2 };

        string text = PerturbationSettings.Write(options, seed: 11);
        var read = (PgdOptions)PerturbationSettings.Read(text);

        text.Should().StartWith("SparseAdaptive.InputPerturbation/2\nKind=Pgd\n");
        read.Should().BeEquivalentTo(options, o => o.Excluding(p => p.Seed).Excluding(p => p.LabelColumnName));
        read.Seed.Should().Be(11);
        new Action(() => PerturbationSettings.Read(text + "Momentum=0.9\n")).Should().Throw<InvalidDataException>().WithMessage("*unknown settings: Momentum*");
        new Action(() => PerturbationSettings.Read(text.Replace("Restarts=3\n", ""))).Should().Throw<InvalidDataException>().WithMessage("*no setting 'Restarts'*");
    }

    private (InputPerturbationTransformer Transformer, InputPerturbation Perturbation, int Seed, bool Labelled) Create(string attack)
    {
        InputPerturbationEstimator estimator = attack switch
        {
            "Pgd" => _ml.Transforms.Pgd(Model, new PgdOptions { Epsilon = 0.1f, NumberOfIterations = 3, Restarts = 2, Seed = 7 }),
            "PgdOfThePrediction" => _ml.Transforms.Pgd(Model, 0.1f, numberOfIterations: 2, labelColumnName: null, seed: 4),
            "Fgsm" => _ml.Transforms.Fgsm(Model, 0.1f),
            _ => _ml.Transforms.GaussianNoise(Model, 0.2f, seed: 5),
        };
        return (estimator.Fit(Test), estimator.Perturbation, estimator.Seed, estimator.LabelColumnName is not null);
    }

    /// <summary>The samples with the first <paramref name="shift"/> moved to the end.</summary>
    private static LabeledSamples Rotate(LabeledSamples samples, int shift) => new(
        Rotate(samples.Features, samples.FeatureCount, shift), samples.Labels[shift..].Concat(samples.Labels[..shift]).ToArray(),
        samples.FeatureCount, samples.ClassCount);

    private static float[] Rotate(float[] rows, int rowSize, int shift) => rows[(shift * rowSize)..].Concat(rows[..(shift * rowSize)]).ToArray();

    private static uint[] Labels(IDataView data) => data.GetColumn<uint>("Label").ToArray();
}
