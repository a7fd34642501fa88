using Microsoft.ML.Data;
using SparseAdaptive.Training;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Checks the feature and label columns of a data view and reads all of its rows into the engine's
/// <see cref="LabeledSamples"/> with one cursor (no per-row objects).
/// </summary>
internal static class TrainingDataReader
{
    /// <summary>Reads a data set; <paramref name="role"/> ("training", "validation") names it in messages.</summary>
    /// <exception cref="ArgumentException">A column is missing or mistyped, or a value is invalid; the message names the column and row.</exception>
    public static (LabeledSamples Samples, ClassLabels Classes) Read(IDataView data, string featureColumnName, string labelColumnName, string role)
    {
        var featureColumn = FindFeatureColumn(data.Schema, featureColumnName, role);
        var labelColumn = data.Schema.GetColumnOrNull(labelColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(data), $"Label column '{labelColumnName}' was not found in the {role} data.");
        // The classes are read after the rows: MapValueToKey fitted on no rows says "1 class", which hides "no rows".
        ulong keyCount = labelColumn.Type is KeyDataViewType key ? key.Count : (ulong)ClassLabels.FromKeyColumn(labelColumn).Count;
        int featureCount = ((VectorDataViewType)featureColumn.Type).Size;

        int capacity = (int)Math.Min(data.GetRowCount() ?? 1024, Array.MaxLength / featureCount);
        var features = new float[Math.Max(capacity, 1) * featureCount];
        var labels = new int[Math.Max(capacity, 1)];
        int count = 0;
        using (var cursor = data.GetRowCursor(new[] { featureColumn, labelColumn }))
        {
            var getFeatures = cursor.GetGetter<VBuffer<float>>(featureColumn);
            var getLabel = cursor.GetGetter<uint>(labelColumn);
            VBuffer<float> row = default;
            uint label = 0;
            while (cursor.MoveNext())
            {
                if (count == labels.Length)
                {
                    Grow(ref features, ref labels, featureCount, role);
                }
                getLabel(ref label);
                if (label == 0 || label > keyCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(data),
                        $"Label column '{labelColumnName}' has a missing or out-of-range key ({label}) in row {count} of the {role} data.");
                }
                labels[count] = (int)label - 1;
                getFeatures(ref row);
                var destination = features.AsSpan(count * featureCount, featureCount);
                row.CopyTo(destination);
                var bad = IndexOfNonFinite(destination);
                if (bad >= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(data),
                        $"Feature column '{featureColumnName}' has the value {destination[bad]} at index {bad} in row {count} of the {role} data; " +
                        "SparseAdaptive needs finite values (replace missing values first, e.g. with ReplaceMissingValues).");
                }
                count++;
            }
        }
        if (count == 0)
        {
            throw new ArgumentException($"The {role} data has no rows.", nameof(data));
        }
        var classes = ClassLabels.FromKeyColumn(labelColumn);
        Array.Resize(ref features, count * featureCount);
        Array.Resize(ref labels, count);
        return (new LabeledSamples(features, labels, featureCount, classes.Count), classes);
    }

    /// <summary>Checks that the feature column exists and is a known-size vector of Single.</summary>
    public static DataViewSchema.Column FindFeatureColumn(DataViewSchema schema, string featureColumnName, string role)
    {
        var column = schema.GetColumnOrNull(featureColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(schema), $"Feature column '{featureColumnName}' was not found in the {role} data.");
        if (column.Type is not VectorDataViewType { ItemType: var item, IsKnownSize: true } || item != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), FeatureTypeMessage(featureColumnName, column.Type.ToString() ?? column.Type.GetType().Name));
        }
        return column;
    }

    /// <summary>Checks that a shape has the feature column as a known-size vector of Single, for schema propagation.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It does not; the message names the column.</exception>
    public static void CheckFeatureShape(SchemaShape shape, string featureColumnName)
    {
        var feature = shape.Where(column => column.Name == featureColumnName).Select(column => (SchemaShape.Column?)column).LastOrDefault()
            ?? throw new ArgumentOutOfRangeException(nameof(shape), $"Feature column '{featureColumnName}' was not found in the input schema.");
        if (feature.Kind != SchemaShape.Column.VectorKind.Vector || feature.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), FeatureTypeMessage(featureColumnName, $"{feature.Kind} of {feature.ItemType}"));
        }
    }

    /// <summary>Message for a feature column of the wrong type.</summary>
    public static string FeatureTypeMessage(string featureColumnName, string actualType) =>
        $"Feature column '{featureColumnName}' has type {actualType}, but SparseAdaptive needs a known-size vector of Single " +
        "(e.g. Vector<Single, 784>; use Concatenate or ConvertType to build one).";

    private static void Grow(ref float[] features, ref int[] labels, int featureCount, string role)
    {
        int rows = (int)Math.Min(2L * labels.Length, Array.MaxLength / featureCount);
        if (rows == labels.Length)
        {
            throw new ArgumentException($"The {role} data has more than {rows} rows of {featureCount} features, the most one array can hold.");
        }
        Array.Resize(ref features, rows * featureCount);
        Array.Resize(ref labels, rows);
    }

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
