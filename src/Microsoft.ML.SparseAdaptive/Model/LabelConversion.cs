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

    /// <summary>Appends the conversion to <paramref name="chain"/> and lists the columns it adds.</summary>
    public IEstimator<ITransformer> Append(IEstimator<ITransformer> chain, MLContext mlContext, List<string> internalColumns)
    {
        string keyColumn = _columnName;
        if (_rawClasses is not null)
        {
            chain = chain.Append(mlContext.Transforms.Conversion.MapValueToKey(SavedColumns.LabelKey, _columnName,
                keyData: _rawClasses.KeyData(mlContext)));
            keyColumn = SavedColumns.LabelKey;
            internalColumns.Add(SavedColumns.LabelKey);
        }
        internalColumns.Add(SavedColumns.Label);
        return chain.Append(mlContext.Transforms.Conversion.ConvertType(SavedColumns.Label, keyColumn, Data.DataKind.UInt32));
    }
}
