using System.Runtime.InteropServices;
using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Network;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

public sealed class SparseAdaptivePersistenceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sparse-adaptive-model-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Saved_and_loaded_model_scores_bit_identically_and_still_evaluates()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = SyntheticBlobs.FitPipeline(mlContext);
        var test = mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(200, seed: 9));
        var path = Path.Combine(_directory, "model.zip");

        mlContext.Model.Save(model, data.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _);

        Bits(SyntheticBlobs.Scores(loaded.Transform(test))).Should().Equal(Bits(SyntheticBlobs.Scores(model.Transform(test))));
        var scored = loaded.Transform(test);
        scored.Schema["Score"].Type.Should().Be(new VectorDataViewType(NumberDataViewType.Single, 4));
        mlContext.MulticlassClassification.Evaluate(scored).MacroAccuracy.Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void LoadSparseAdaptive_returns_the_pipeline_with_the_batched_model_in_place_and_the_same_scores()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = SyntheticBlobs.FitPipeline(mlContext);
        var test = mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(600, seed: 9));
        var path = Path.Combine(_directory, "model.zip");
        mlContext.Model.SaveAtomically(model, data.Schema, path);

        var fast = new MLContext().Model.LoadSparseAdaptive(path, out var schema);
        var rowByRow = new MLContext().Model.Load(path, out _);

        ((IEnumerable<ITransformer>)fast).OfType<SparseAdaptiveModel>().Should().ContainSingle();
        schema["Features"].Type.Should().Be(data.Schema["Features"].Type);
        Bits(SyntheticBlobs.Scores(fast.Transform(test))).Should().Equal(Bits(SyntheticBlobs.Scores(rowByRow.Transform(test))))
            .And.Equal(Bits(SyntheticBlobs.Scores(model.Transform(test))));
        fast.Transform(test).GetColumn<string>("PredictedLabel").Should().Equal(model.Transform(test).GetColumn<string>("PredictedLabel"));
    }

    [Fact]
    public void Model_loaded_in_a_fresh_process_scores_bit_identically()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = SyntheticBlobs.FitPipeline(mlContext);
        var rows = SyntheticBlobs.Rows(50, seed: 10);
        var trained = SparseAdaptiveModel.FromTransformer(model);
        var modelPath = Path.Combine(_directory, "model.zip");
        var featuresPath = Path.Combine(_directory, "features.bin");
        var scoresPath = Path.Combine(_directory, "scores.bin");
        mlContext.Model.SaveAtomically(trained, data.Schema, modelPath);
        File.WriteAllBytes(featuresPath, MemoryMarshal.AsBytes(rows.SelectMany(r => r.Features).ToArray().AsSpan()).ToArray());
        var expected = MemoryMarshal.AsBytes(SyntheticBlobs.Scores(trained.Transform(mlContext.Data.LoadFromEnumerable(rows)))
            .SelectMany(s => s).ToArray().AsSpan()).ToArray();

        FreshProcessScoring.Run(modelPath, "Features", SyntheticBlobs.FeatureCount, featuresPath, scoresPath);

        File.ReadAllBytes(scoresPath).Should().Equal(expected);
    }

    [Fact]
    public void The_network_comes_back_from_a_fresh_model_a_pipeline_and_a_loaded_model()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = SyntheticBlobs.FitPipeline(mlContext);
        var trained = ((IEnumerable<ITransformer>)model).OfType<SparseAdaptiveModel>().Single();
        var path = Path.Combine(_directory, "model.zip");
        mlContext.Model.Save(model, data.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _);

        SparseAdaptiveModel.FromTransformer(trained).Should().BeSameAs(trained);
        model.GetSparseNetwork().Should().BeSameAs(trained.Network);
        var found = SparseAdaptiveModel.FromTransformer(loaded);

        NetworkBytes(found.Network).Should().Equal(NetworkBytes(trained.Network));
        found.FeatureColumnName.Should().Be("Features");
        found.ClassCount.Should().Be(4);
        NetworkBytes(loaded.GetSparseNetwork()).Should().Equal(NetworkBytes(found.Network), "a plain loaded chain is decoded on each call");
    }

    [Fact]
    public void A_transformer_without_a_SparseAdaptive_model_is_rejected()
    {
        var mlContext = new MLContext();
        var data = mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(10, seed: 1));
        var other = mlContext.Transforms.Conversion.MapValueToKey("Label").Append(mlContext.Transforms.CopyColumns("F2", "Features")).Fit(data);

        var act = () => SparseAdaptiveModel.FromTransformer(other);

        act.Should().Throw<ArgumentException>().WithMessage("*holds no SparseAdaptive model*");
    }

    [Fact]
    public void WithNetwork_scores_with_the_given_network_and_keeps_the_classes()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = SyntheticBlobs.FitPipeline(mlContext);
        var path = Path.Combine(_directory, "model.zip");
        mlContext.Model.Save(model, data.Schema, path);
        var loaded = SparseAdaptiveModel.FromTransformer(new MLContext().Model.Load(path, out _));
        var keyed = mlContext.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);

        var rebuilt = loaded.WithNetwork(loaded.Network.Clone());

        rebuilt.Network.Should().NotBeSameAs(loaded.Network);
        Bits(SyntheticBlobs.Scores(rebuilt.Transform(keyed))).Should().Equal(Bits(SyntheticBlobs.Scores(loaded.Transform(keyed))));
        var predicted = rebuilt.GetOutputSchema(keyed.Schema)["PredictedLabel"];
        VBuffer<ReadOnlyMemory<char>> classes = default;
        predicted.GetKeyValues(ref classes);
        classes.DenseValues().Select(c => c.ToString()).Should().BeEquivalentTo(SyntheticBlobs.ClassNames);
    }

    [Fact]
    public void WithNetwork_rejects_a_network_of_another_shape()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, _) = SyntheticBlobs.FitPipeline(mlContext);
        var fourClasses = SparseAdaptiveModel.FromTransformer(model);
        var threeClasses = LabelledModels.Fit(mlContext, SyntheticBlobs.Rows(60, seed: 1, classCount: 3));

        var act = () => fourClasses.WithNetwork(threeClasses.Network);

        act.Should().Throw<ArgumentException>().WithParameterName("network").WithMessage("*3 classes*4 classes*");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(11)]
    public void Class_counts_that_need_several_score_blocks_round_trip(int classCount)
    {
        var mlContext = new MLContext(seed: 1);
        var rows = LabelledModels.UIntRows(SyntheticBlobs.Rows(40 * classCount, seed: 3, classCount: 4), classCount);
        var data = mlContext.Data.LoadFromEnumerable(rows);
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()));
        var model = pipeline.Fit(data);
        var path = Path.Combine(_directory, "model.zip");
        mlContext.Model.Save(model, data.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _);

        var scores = SyntheticBlobs.Scores(loaded.Transform(data));

        loaded.Transform(data).Schema["Score"].Type.Should().Be(new VectorDataViewType(NumberDataViewType.Single, classCount));
        Bits(scores).Should().Equal(Bits(SyntheticBlobs.Scores(model.Transform(data))));
        scores[0].Sum().Should().BeApproximately(1f, 1e-4f);
    }

    [Fact]
    public void UInt32_labels_round_trip_through_MapKeyToValue_after_loading()
    {
        var mlContext = new MLContext(seed: 1);
        var rows = LabelledModels.UIntRows(SyntheticBlobs.Rows(300, seed: 1), classCount: 4);
        var data = mlContext.Data.LoadFromEnumerable(rows);
        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var path = Path.Combine(_directory, "model.zip");
        mlContext.Model.Save(pipeline.Fit(data), data.Schema, path);

        var predictions = mlContext.Data.CreateEnumerable<UIntPrediction>(new MLContext().Model.Load(path, out _).Transform(data), reuseRowObject: false).ToArray();

        predictions.Zip(rows, (p, r) => p.PredictedLabel == r.Label).Count(same => same).Should().BeGreaterThan(270);
        predictions.Select(p => p.PredictedLabel).Distinct().Should().BeSubsetOf(new uint[] { 10, 20, 30, 40 });
    }

    [Fact]
    public void Single_labels_round_trip_through_MapKeyToValue()
    {
        var mlContext = new MLContext(seed: 1);
        var rows = SyntheticBlobs.Rows(300, seed: 1).Select(r => new FloatRow { Features = r.Features, Label = Array.IndexOf(SyntheticBlobs.ClassNames, r.Label) * 0.5f }).ToList();
        var data = mlContext.Data.LoadFromEnumerable(rows);
        var model = mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(data);

        var predictions = mlContext.Data.CreateEnumerable<FloatPrediction>(model.Transform(data), reuseRowObject: false).ToArray();

        predictions.Zip(rows, (p, r) => p.PredictedLabel == r.Label).Count(same => same).Should().BeGreaterThan(270);
    }

    [Fact]
    public void A_label_key_without_KeyValues_gives_a_PredictedLabel_key_of_the_same_count()
    {
        var mlContext = new MLContext(seed: 1);
        var rows = SyntheticBlobs.Rows(300, seed: 1)
            .Select(r => new RawKeyRow { Features = r.Features, Label = (uint)Array.IndexOf(SyntheticBlobs.ClassNames, r.Label) }).ToList();
        var data = mlContext.Data.LoadFromEnumerable(rows);
        var model = mlContext.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Fit(data);
        var path = Path.Combine(_directory, "model.zip");
        mlContext.Model.Save(model, data.Schema, path);

        var scored = new MLContext().Model.Load(path, out _).Transform(data);

        scored.Schema["PredictedLabel"].Type.Should().Be(new KeyDataViewType(typeof(uint), 4));
        mlContext.MulticlassClassification.Evaluate(scored).MicroAccuracy.Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void SaveAtomically_leaves_no_file_when_saving_fails_and_keeps_the_old_one()
    {
        var mlContext = new MLContext();
        var data = mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(5, seed: 1));
        var unsaveable = mlContext.Transforms.CustomMapping<SyntheticBlobs.Row, FloatRow>((_, _) => { }, contractName: null).Fit(data);
        var fresh = Path.Combine(_directory, "fresh.zip");
        var existing = Path.Combine(_directory, "existing.zip");
        File.WriteAllText(existing, "previous model");

        var saveFresh = () => mlContext.Model.SaveAtomically(unsaveable, data.Schema, fresh);
        var saveExisting = () => mlContext.Model.SaveAtomically(unsaveable, data.Schema, existing);

        saveFresh.Should().Throw<InvalidOperationException>();
        saveExisting.Should().Throw<InvalidOperationException>();
        File.Exists(fresh).Should().BeFalse();
        File.ReadAllText(existing).Should().Be("previous model");
        Directory.GetFiles(_directory).Should().BeEquivalentTo(new[] { existing });
    }

    [Fact]
    public void Scoring_does_not_allocate_per_row()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, _) = SyntheticBlobs.FitPipeline(mlContext);
        var trained = SparseAdaptiveModel.FromTransformer(model);
        var keyed = mlContext.Data.LoadFromEnumerable(SyntheticBlobs.Rows(4000, seed: 2));

        long AllocatedWhileScoring(int rows)
        {
            var scored = trained.Transform(mlContext.Data.TakeRows(keyed, rows));
            var before = GC.GetAllocatedBytesForCurrentThread();
            using var cursor = scored.GetRowCursor(new[] { scored.Schema["Score"], scored.Schema["PredictedLabel"] });
            var score = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
            var label = cursor.GetGetter<uint>(scored.Schema["PredictedLabel"]);
            VBuffer<float> s = default;
            uint l = 0;
            while (cursor.MoveNext())
            {
                score(ref s);
                label(ref l);
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        AllocatedWhileScoring(100);
        var perRow = (AllocatedWhileScoring(4000) - AllocatedWhileScoring(1000)) / 3000.0;

        perRow.Should().BeLessThan(8, "scoring reuses its buffers and decodes the network once (measured: under 1 byte per row)");
    }

    private static int[] Bits(float[][] scores) =>
        scores.SelectMany(row => row.Select(BitConverter.SingleToInt32Bits).Append(-1)).ToArray();

    private static byte[] NetworkBytes(SparseNetwork network)
    {
        using var stream = new MemoryStream();
        network.Save(stream);
        return stream.ToArray();
    }

    private sealed class UIntPrediction
    {
        public uint PredictedLabel { get; set; }
    }

    private sealed class FloatPrediction
    {
        public float PredictedLabel { get; set; }
    }

    private sealed class FloatRow
    {
        [VectorType(SyntheticBlobs.FeatureCount)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    private sealed class RawKeyRow
    {
        [VectorType(SyntheticBlobs.FeatureCount)]
        public float[] Features { get; set; } = [];

        // LoadFromEnumerable reads a KeyType member as the 0-based class index.
        [KeyType(4)]
        public uint Label { get; set; }
    }
}
