using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// How a component's chain turns the label column into the class key (1-based UInt32, 0 for missing) its mapping
/// reads: a key column (as after MapValueToKey) is converted as it is; a raw class value column (the label before
/// the model's MapValueToKey) is looked up among the model's classes first.
/// </summary>
internal sealed class LabelConversion
{
    private readonly string _columnName;
    private readonly ClassLabels? _rawClasses;

    private LabelConversion(string columnName, ClassLabels? rawClasses)
    {
        _columnName = columnName;
        _rawClasses = rawClasses;
    }

    /// <summary>For a key label column.</summary>
    public static LabelConversion FromKey(string columnName) => new(columnName, null);

    /// <summary>For a column of raw class values, of the type of the model's classes.</summary>
    public static LabelConversion FromValues(string columnName, ClassLabels classes) => new(columnName, classes);

    /// <summary>Adds the conversion's steps and lists the columns they add.</summary>
    public void AddSteps(List<IEstimator<ITransformer>> steps, MLContext mlContext, List<string> internalColumns)
    {
        string keyColumn = _columnName;
        if (_rawClasses is not null)
        {
            steps.Add(mlContext.Transforms.Conversion.MapValueToKey(SavedColumns.LabelKey, _columnName, keyData: _rawClasses.KeyData(mlContext)));
            keyColumn = SavedColumns.LabelKey;
            internalColumns.Add(SavedColumns.LabelKey);
        }
        steps.Add(mlContext.Transforms.Conversion.ConvertType(SavedColumns.Label, keyColumn, DataKind.UInt32));
        internalColumns.Add(SavedColumns.Label);
    }
}
