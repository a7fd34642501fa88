using System.Reflection;
using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// The classes of a label key column: their count and, in key order, their values (the column's KeyValues, or the
/// class indices 0..K-1 as UInt32 when the column has none). The model's Score and PredictedLabel are annotated from
/// these (<see cref="ClassScorer"/>).
/// </summary>
internal sealed class ClassLabels
{
    private const string KeyValues = "KeyValues";

    private readonly Lazy<ClassScorer> _scorer;

    private ClassLabels(int count, Array values, PrimitiveDataViewType valueType, bool hasKeyValues)
    {
        Count = count;
        Values = values;
        ValueType = valueType;
        HasKeyValues = hasKeyValues;
        _scorer = new Lazy<ClassScorer>(() => ClassScorer.Create(this));
    }

    /// <summary>Number of classes (the key count).</summary>
    public int Count { get; }

    /// <summary>Class values in key order: a T[] whose T is the raw type of the KeyValues items.</summary>
    public Array Values { get; }

    /// <summary>Type of the <see cref="Values"/> items (the KeyValues item type).</summary>
    public PrimitiveDataViewType ValueType { get; }

    /// <summary>Whether <see cref="Values"/> are the column's KeyValues (not the stand-in class indices).</summary>
    public bool HasKeyValues { get; }

    /// <summary>The step that turns the probabilities into Score and PredictedLabel for these classes, made when first asked for.</summary>
    public ClassScorer Scorer => _scorer.Value;

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

    /// <summary>A one-column view (Value) of the class values in key order, the keyData of a MapValueToKey.</summary>
    public IDataView KeyData(MLContext mlContext) =>
        (IDataView)Generic(nameof(KeyDataOf)).Invoke(this, new object[] { mlContext })!;

    /// <summary>Adds the class values, in key order, as the KeyValues annotation of a key column's definition.</summary>
    public void AddKeyValues(SchemaDefinition.Column column) =>
        Generic(nameof(AddKeyValuesOf)).Invoke(this, new object[] { column });

    private MethodInfo Generic(string name) =>
        typeof(ClassLabels).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(Values.GetType().GetElementType()!);

    private void AddKeyValuesOf<T>(SchemaDefinition.Column column) =>
        column.AddAnnotation(KeyValues, new VBuffer<T>(Count, (T[])Values), new VectorDataViewType(ValueType, Count));

    private IDataView KeyDataOf<T>(MLContext mlContext) =>
        mlContext.Data.LoadFromEnumerable(((T[])Values).Select(value => new ClassValue<T> { Value = value }));

    private static T[] ReadKeyValues<T>(DataViewSchema.Column column)
    {
        VBuffer<T> values = default;
        column.Annotations.GetValue(KeyValues, ref values);
        return values.DenseValues().ToArray();
    }

    private sealed class ClassValue<T>
    {
        public T Value { get; set; } = default!;
    }
}
