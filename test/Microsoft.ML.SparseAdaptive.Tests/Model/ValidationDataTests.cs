using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Tests.Model;

/// <summary>Validation data is scored with the training classes, whatever keys or raw labels it comes with.</summary>
public sealed class ValidationDataTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Train => _ml.Data.LoadFromEnumerable(SyntheticBlobs.Rows(300, seed: 1));

    // The same classes first seen in another order, so that its own MapValueToKey numbers them differently.
    private IDataView Validation => _ml.Data.LoadFromEnumerable(SyntheticBlobs.Rows(120, seed: 2).OrderBy(r => r.Label, StringComparer.Ordinal).ToList());

    [Fact]
    public void Validation_keyed_by_its_own_MapValueToKey_or_raw_reports_the_accuracy_of_the_training_keys()
    {
        var trainingKeys = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(Train);
        var ownKeys = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(Validation);
        ClassesInKeyOrder(ownKeys.Transform(Validation)).Should().NotEqual(ClassesInKeyOrder(trainingKeys.Transform(Train)), "the test needs another key order");

        double?[] expected = ValidationAccuracies(trainingKeys.Transform(Validation), viaFit: false);
        var model = _ml.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Fit(trainingKeys.Transform(Train));
        double scored = _ml.MulticlassClassification.Evaluate(model.Transform(trainingKeys.Transform(Validation))).MicroAccuracy;

        expected[^1].Should().Be(scored);
        ValidationAccuracies(ownKeys.Transform(Validation), viaFit: false).Should().Equal(expected);
        ValidationAccuracies(ownKeys.Transform(Validation), viaFit: true).Should().Equal(expected);
        ValidationAccuracies(Validation, viaFit: true).Should().Equal(expected);
    }

    [Fact]
    public void Validation_with_a_class_the_training_data_lacks_is_rejected_naming_it()
    {
        var threeClasses = _ml.Data.LoadFromEnumerable(SyntheticBlobs.Rows(200, seed: 1, classCount: 3));
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(threeClasses).Transform(threeClasses);
        var options = SyntheticBlobs.Options();
        options.ValidationSet = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(Validation).Transform(Validation);

        _ml.MulticlassClassification.Trainers.SparseAdaptive(options).Invoking(t => t.Fit(keyed))
            .Should().Throw<ArgumentException>().WithParameterName("ValidationSet").WithMessage("Invalid ValidationSet: *class 'fish'*");
        _ml.MulticlassClassification.Trainers.SparseAdaptive(SyntheticBlobs.Options()).Invoking(t => t.Fit(keyed, Validation))
            .Should().Throw<ArgumentException>().WithParameterName("validationData").WithMessage("Invalid validationData: *row *validation data*");
        _ml.MulticlassClassification.Trainers.SparseAdaptive(options).Invoking(t => t.Fit(keyed, Validation))
            .Should().Throw<ArgumentException>().WithParameterName("validationData").WithMessage("*either as validationData or as the option ValidationSet*");
    }

    private double?[] ValidationAccuracies(IDataView validation, bool viaFit)
    {
        var reports = new List<double?>();
        var options = SyntheticBlobs.Options();
        options.EpochCompleted = r => reports.Add(r.ValidationAccuracy);
        var keyed = _ml.Transforms.Conversion.MapValueToKey("Label").Fit(Train).Transform(Train);
        if (viaFit)
        {
            _ml.MulticlassClassification.Trainers.SparseAdaptive(options).Fit(keyed, validation);
        }
        else
        {
            options.ValidationSet = validation;
            _ml.MulticlassClassification.Trainers.SparseAdaptive(options).Fit(keyed);
        }
        return reports.ToArray();
    }

    private static string[] ClassesInKeyOrder(IDataView keyed)
    {
        VBuffer<ReadOnlyMemory<char>> values = default;
        keyed.Schema["Label"].GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }
}
