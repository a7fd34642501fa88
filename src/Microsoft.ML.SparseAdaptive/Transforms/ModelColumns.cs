using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>Finds the SparseAdaptive model a robustness transform works on, and checks data against it.</summary>
internal static class ModelColumns
{
    /// <summary>The SparseAdaptive model in <paramref name="model"/> (fresh, in a pipeline, or loaded from a file).</summary>
    /// <exception cref="ArgumentException">There is none; the message names <paramref name="parameterName"/>.</exception>
    public static SparseAdaptiveModel Require(ITransformer model, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(model, parameterName);
        return SavedModelReader.Find(model)
            ?? throw new ArgumentException(
                $"The model ({model.GetType().Name}) is not a SparseAdaptive model and contains none; robustness transforms need one trained by SparseAdaptive.",
                parameterName);
    }

    /// <summary>
    /// How the label column becomes the model's class key: a key column as it is, a column of the model's class
    /// values (the raw label, before the model's MapValueToKey) through the model's classes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing, or neither a key nor of the classes' type.</exception>
    public static LabelConversion LabelConversionFor(DataViewSchema schema, string labelColumnName, SparseAdaptiveModel model)
    {
        var column = schema.GetColumnOrNull(labelColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Label column '{labelColumnName}' was not found in the input data.");
        if (column.Type is KeyDataViewType)
        {
            return LabelConversion.FromKey(labelColumnName);
        }
        var classType = model.Classes.Values.GetType().GetElementType()!;
        if (column.Type.RawType != classType)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Label column '{labelColumnName}' has type {column.Type}, but the model's classes are {classType.Name} values " +
                "(or give the key the model was trained with, from MapValueToKey).");
        }
        return LabelConversion.FromValues(labelColumnName, model.Classes);
    }

    /// <summary>Data whose label column is the model's class key, whether it came as that key or as raw class values.</summary>
    public static IDataView WithLabelKey(IDataView data, string labelColumnName, SparseAdaptiveModel model)
    {
        // Checks the column (it throws when the column is missing or of neither type).
        _ = LabelConversionFor(data.Schema, labelColumnName, model);
        if (data.Schema[labelColumnName].Type is KeyDataViewType)
        {
            return data;
        }
        var mlContext = new MLContext();
        return mlContext.Transforms.Conversion.MapValueToKey(labelColumnName, keyData: model.Classes.KeyData(mlContext)).Fit(data).Transform(data);
    }
}
