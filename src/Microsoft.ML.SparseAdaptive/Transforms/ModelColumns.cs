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

    /// <summary>Checks that <paramref name="schema"/> has the model's feature column, a vector of its input size.</summary>
    public static void CheckFeatures(DataViewSchema schema, SparseAdaptiveModel model)
    {
        var column = TrainingDataReader.FindFeatureColumn(schema, model.FeatureColumnName, "input");
        int size = ((VectorDataViewType)column.Type).Size;
        if (size != model.Network.InputSize)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Feature column '{model.FeatureColumnName}' has {size} values, but the SparseAdaptive network takes {model.Network.InputSize}.");
        }
    }

    /// <summary>Checks that <paramref name="schema"/> has <paramref name="labelColumnName"/> as a key column.</summary>
    public static void CheckLabel(DataViewSchema schema, string labelColumnName)
    {
        var column = schema.GetColumnOrNull(labelColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Label column '{labelColumnName}' was not found in the input data.");
        if (column.Type is not KeyDataViewType)
        {
            throw new ArgumentOutOfRangeException(nameof(schema),
                $"Label column '{labelColumnName}' has type {column.Type}, but the attack needs the key the model was trained with (MapValueToKey).");
        }
    }

    /// <summary>The raw type of the model's class values (the KeyValues of its PredictedLabel).</summary>
    public static Type ClassValueType(SparseAdaptiveModel model)
    {
        var output = model.GetOutputSchema(ScoringChain.FeatureSchema(model.FeatureColumnName, model.Network.InputSize));
        return ClassLabels.FromKeyColumn(output[ScoringColumns.PredictedLabel]).Values.GetType().GetElementType()!;
    }
}
