using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using Microsoft.ML.SparseAdaptive.Transforms;
using SparseAdaptive.Data;
using SparseAdaptive.Robustness;
using SparseAdaptive.TestSupport;

namespace Microsoft.ML.SparseAdaptive.Tests.Robustness;

/// <summary>
/// Attacks saved by an earlier version of the library still load and attack as they did. The fixture was saved by the
/// code of commit a8f519d, whose attacks stored their options as one <c>Property=value</c> line per property: a tiny
/// model (784-16-10, 90% sparse, trained through ML.NET on 300 MNIST images) behind a labelled PGD (ε 0.15, step 0.04,
/// 4 steps, 2 restarts, seed 7), an FGSM of the predicted class (ε 0.05) and Gaussian noise (σ 0.1, seed 3), fitted
/// on test rows with the raw UInt32 label, saved as one chain with the model last (in the layout before Score and
/// PredictedLabel were made by ML.NET's own scorer).
/// </summary>
public sealed class SavedAttackCompatibilityTests
{
    private const int Rows = 100;

    [Fact]
    public void Attacks_saved_by_the_first_format_load_and_give_the_engine_attacks_bit_for_bit()
    {
        var ml = new MLContext();
        var test = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Test, Rows);

        var loaded = ml.Model.Load(FixturePath(), out _);

        var model = SparseAdaptiveModel.FromTransformer(loaded);
        var samples = TrainingDataReader.Read(ModelColumns.WithLabelKey(test, "Label", model), "Features", "Label", "test").Samples;
        var network = model.Network;
        float[] pgd = new PgdAttack(0.15f, stepSize: 0.04f, iterations: 4, restarts: 2).Apply(network, samples, seed: 7);
        float[] fgsm = new FgsmAttack(0.05f).Apply(network, pgd);
        float[] expected = new GaussianNoise(0.1f).Apply(network, fgsm, seed: 3);
        MnistPipelineModel.Bits(MnistPipelineModel.Features(loaded.Transform(test))).Should().Equal(MnistPipelineModel.Bits(expected));
    }

    [Fact]
    public void A_model_saved_before_Score_was_annotated_gets_the_annotations_through_LoadSparseAdaptive_with_the_same_scores()
    {
        var ml = new MLContext();
        var test = ml.Data.LoadFromIdx(DataSets.MnistDirectory, IdxSplit.Test, Rows);

        var asSaved = ml.Model.Load(FixturePath(), out _).Transform(test);
        var rebuilt = ml.Model.LoadSparseAdaptive(FixturePath(), out _).Transform(test);

        asSaved.Schema["Score"].Annotations.Schema.Should().BeEmpty("the old layout had no scorer to annotate Score");
        rebuilt.Schema["Score"].Annotations.Schema.Select(a => a.Name).Should().Equal("ScoreColumnKind", "ScoreColumnSetId", "ScoreValueKind", "TrainingLabelValues");
        rebuilt.Schema["PredictedLabel"].Annotations.Schema.Select(a => a.Name).Should().Contain(["ScoreColumnKind", "KeyValues"]);
        MnistPipelineModel.Bits(MnistPipelineModel.Scores(rebuilt)).Should().Equal(MnistPipelineModel.Bits(MnistPipelineModel.Scores(asSaved)));
        rebuilt.GetColumn<uint>("PredictedLabel").Should().Equal(asSaved.GetColumn<uint>("PredictedLabel"));
    }

    // Found from the repository root: a CI build maps source paths to /_/, so [CallerFilePath] cannot locate it.
    private static string FixturePath() =>
        Path.Combine(RepositoryProgram.RepositoryRoot(), "test", "Microsoft.ML.SparseAdaptive.Tests", "Robustness", "Fixtures", "attacks-saved-by-a8f519d.zip");
}
