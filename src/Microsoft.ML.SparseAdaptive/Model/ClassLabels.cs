using System.Reflection;
using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// The classes of a label key column: their count and, in key order, their values (the column's KeyValues, or the
/// class indices 0..K-1 as UInt32 when the column has none). The model's PredictedLabel and the annotations of its
/// Score are rebuilt from these.
/// </summary>
internal sealed class ClassLabels
{
    private const string KeyValues = "KeyValues";

    private ClassLabels(int count, Array values, PrimitiveDataViewType valueType, bool hasKeyValues)
    {
        Count = count;
        Values = values;
        ValueType = valueType;
        HasKeyValues = hasKeyValues;
    }

    /// <summary>Number of classes (the key count).</summary>
    public int Count { get; }

    /// <summary>Class values in key order: a T[] whose T is the raw type of the KeyValues items.</summary>
    public Array Values { get; }

    /// <summary>Type of the <see cref="Values"/> items (the KeyValues item type).</summary>
    public PrimitiveDataViewType ValueType { get; }

    /// <summary>Whether <see cref="Values"/> are the column's KeyValues (not the stand-in class indices).</summary>
    public bool HasKeyValues { get; }

    /// <summary>Reads the classes of a label column; it must be a UInt32 key with a known count.</summary>
    public static ClassLabels FromKeyColumn(DataViewSchema.Column column)
    {
        if (column.Type is not KeyDataViewType { RawType: var raw, Count: var count } || raw != typeof(uint))
        {
            throw new ArgumentOutOfRangeException(nameof(column),
                $"Label column '{column.Name}' has type {column.Type}, but SparseAdaptive needs a key type over UInt32 " +
                $"(the class index). Convert it with mlContext.Transforms.Conversion.MapValueToKey(\"{column.Name}\").");
        }
        if (count < 2 || count > (ulong)MaximumClassCount)
        {
            throw new ArgumentOutOfRangeException(nameof(column),
                $"Label column '{column.Name}' has {count} classes; SparseAdaptive supports 2 to {MaximumClassCount}.");
        }
        int classCount = (int)count;
        var keyValues = column.Annotations.Schema.GetColumnOrNull(KeyValues);
        if (keyValues?.Type is not VectorDataViewType { Size: var size, ItemType: var itemType } || size != classCount)
        {
            return new ClassLabels(classCount, Enumerable.Range(0, classCount).Select(i => (uint)i).ToArray(), NumberDataViewType.UInt32, hasKeyValues: false);
        }
        var read = typeof(ClassLabels).GetMethod(nameof(ReadKeyValues), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(itemType.RawType);
        return new ClassLabels(classCount, (Array)read.Invoke(null, new object[] { column })!, itemType, hasKeyValues: true);
    }

    /// <summary>Largest class count the score blocks can hold.</summary>
    public static int MaximumClassCount => FixedSizeBlocks.MaximumSize;

    /// <summary>
    /// Stand-in with the right value type, for schema propagation where the values are unknown; null when the label
    /// has no KeyValues (class indices, as UInt32).
    /// </summary>
    public static ClassLabels Placeholder(PrimitiveDataViewType? valueType) =>
        new(2, Array.CreateInstance((valueType ?? NumberDataViewType.UInt32).RawType, 2), valueType ?? NumberDataViewType.UInt32, hasKeyValues: valueType is not null);

    /// <summary>
    /// <paramref name="data"/> with its column <paramref name="columnName"/> as these classes' keys: raw class values
    /// are looked up among these classes (a value that is none of them becomes the missing key), and the keys of
    /// another MapValueToKey are matched to these classes by their KeyValues; keys with no KeyValues are kept as they are.
    /// </summary>
    /// <exception cref="ArgumentException">The column holds a class that is not one of these, has neither a key type nor
    /// these classes' value type, or has keys with no KeyValues to match with these classes'.</exception>
    public IDataView ToKeys(IDataView data, string columnName)
    {
        var column = data.Schema.GetColumnOrNull(columnName);
        if (column is null)
        {
            return data;
        }
        var valueType = Values.GetType().GetElementType()!;
        var mlContext = new MLContext();
        var toKeys = mlContext.Transforms.Conversion.MapValueToKey(columnName, keyData: KeyData(mlContext));
        if (column.Value.Type is not KeyDataViewType)
        {
            if (column.Value.Type.RawType != valueType)
            {
                throw new ArgumentException(
                    $"Label column '{columnName}' has type {column.Value.Type}, but the training classes are {valueType.Name} values " +
                    "(give the raw labels, or keys from MapValueToKey).");
            }
            return toKeys.Fit(data).Transform(data);
        }
        var other = FromKeyColumn(column.Value);
        if (!other.HasKeyValues || !HasKeyValues)
        {
            if (other.HasKeyValues != HasKeyValues)
            {
                throw new ArgumentException(
                    $"Label column '{columnName}' and the training label are keys of which only one has KeyValues, so their classes cannot be matched.");
            }
            return data;
        }
        if (other.Values.GetType() != Values.GetType())
        {
            throw new ArgumentException(
                $"Label column '{columnName}' has keys of {other.Values.GetType().GetElementType()!.Name} values, but the training classes are {valueType.Name} values.");
        }
        var known = Values.Cast<object>().ToHashSet();
        if (other.Values.Cast<object>().FirstOrDefault(value => !known.Contains(value)) is { } unknown)
        {
            throw new ArgumentException($"Label column '{columnName}' has the class '{unknown}', which is not one of the {Count} training classes.");
        }
        return other.Values.Cast<object>().SequenceEqual(Values.Cast<object>())
            ? data
            : mlContext.Transforms.Conversion.MapKeyToValue(columnName).Append(toKeys).Fit(data).Transform(data);
    }

    /// <summary>
    /// Turns the predicted class index into the PredictedLabel key column: a built-in MapValue whose lookup maps each
    /// index to a key with the label's count and KeyValues (kept on load); an index not in it
    /// (<see cref="NetworkScoringMappingFactory.NoClass"/>) gives the missing key 0.
    /// </summary>
    public IEstimator<ITransformer> CreatePredictedLabelEstimator(MLContext mlContext) =>
        (IEstimator<ITransformer>)Generic(nameof(CreatePredictedLabelEstimatorOf)).Invoke(this, new object[] { mlContext })!;

    /// <summary>
    /// Steps with the same PredictedLabel column as <see cref="CreatePredictedLabelEstimator"/>, for schema
    /// propagation only: ML.NET's MapValue reports a key-valued lookup's KeyValues only once fitted, so its estimator
    /// cannot tell a following MapKeyToValue that they exist; MapValue to the class value then MapValueToKey can.
    /// (Not for scoring: the missing index would become the class with the type's default value.)
    /// </summary>
    public IEstimator<ITransformer> CreatePredictedLabelShapeEstimator(MLContext mlContext) =>
        (IEstimator<ITransformer>)Generic(nameof(CreatePredictedLabelShapeEstimatorOf)).Invoke(this, new object[] { mlContext })!;

    /// <summary>A one-column view (Value) of the class values in key order, the keyData of a MapValueToKey.</summary>
    public IDataView KeyData(MLContext mlContext) =>
        (IDataView)Generic(nameof(KeyDataOf)).Invoke(this, new object[] { mlContext })!;

    /// <summary>Adds the class values, in key order, as the vector annotation <paramref name="kind"/>.</summary>
    public void AddValues(DataViewSchema.Annotations.Builder builder, string kind) =>
        Generic(nameof(AddValuesOf)).Invoke(this, new object[] { builder, kind });

    private MethodInfo Generic(string name) =>
        typeof(ClassLabels).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(Values.GetType().GetElementType()!);

    private IEstimator<ITransformer> CreatePredictedLabelEstimatorOf<T>(MLContext mlContext)
    {
        var values = (T[])Values;
        var indexed = mlContext.Data.LoadFromEnumerable(values.Select((value, index) => new ClassRow<T> { Index = (uint)index, Value = value }));
        var lookup = mlContext.Transforms.Conversion.MapValueToKey(nameof(ClassRow<T>.Value), keyData: KeyDataOf<T>(mlContext))
            .Fit(indexed).Transform(indexed);
        return mlContext.Transforms.Conversion.MapValue(SavedColumns.PredictedLabel, lookup,
            lookup.Schema[nameof(ClassRow<T>.Index)], lookup.Schema[nameof(ClassRow<T>.Value)], SavedColumns.PredictedIndex);
    }

    private IEstimator<ITransformer> CreatePredictedLabelShapeEstimatorOf<T>(MLContext mlContext)
    {
        var values = (T[])Values;
        var indexed = mlContext.Data.LoadFromEnumerable(values.Select((value, index) => new ClassRow<T> { Index = (uint)index, Value = value }));
        return mlContext.Transforms.Conversion
            .MapValue(SavedColumns.PredictedLabel, indexed, indexed.Schema[nameof(ClassRow<T>.Index)], indexed.Schema[nameof(ClassRow<T>.Value)], SavedColumns.PredictedIndex)
            .Append(mlContext.Transforms.Conversion.MapValueToKey(SavedColumns.PredictedLabel, keyData: KeyDataOf<T>(mlContext)));
    }

    private void AddValuesOf<T>(DataViewSchema.Annotations.Builder builder, string kind) =>
        builder.Add(kind, new VectorDataViewType(ValueType, Count), (ref VBuffer<T> value) => new VBuffer<T>(Count, (T[])Values).CopyTo(ref value));

    private IDataView KeyDataOf<T>(MLContext mlContext) =>
        mlContext.Data.LoadFromEnumerable(((T[])Values).Select(value => new ClassValue<T> { Value = value }));

    private static T[] ReadKeyValues<T>(DataViewSchema.Column column)
    {
        VBuffer<T> values = default;
        column.Annotations.GetValue(KeyValues, ref values);
        return values.DenseValues().ToArray();
    }

    private sealed class ClassRow<T>
    {
        public uint Index { get; set; }

        public T Value { get; set; } = default!;
    }

    private sealed class ClassValue<T>
    {
        public T Value { get; set; } = default!;
    }
}
