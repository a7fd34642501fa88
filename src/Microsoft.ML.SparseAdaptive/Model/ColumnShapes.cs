using System.Reflection;
using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Conversions between schemas and shapes for estimators' schema propagation. ML.NET builds shapes from schemas
/// internally only (SchemaShape.Column's constructor and SchemaShape.Create are internal); the one public way is a
/// custom mapping's estimator, whose output shape is built from its output schema definition, so each column is
/// described to one such estimator (its type and its annotations' types: a shape holds no values) and read back. The
/// other way, a schema with a shape's columns, lets fitted transformers, which take schemas only, answer for a shape.
/// </summary>
internal static class ColumnShapes
{
    // What a schema made from a shape gives a key column, whose count the shape does not tell.
    private const int UnknownKeyCount = 1;

    /// <summary>The shapes of <paramref name="columns"/>, with their annotations' shapes.</summary>
    public static IEnumerable<SchemaShape.Column> Of(IEnumerable<DataViewSchema.Column> columns)
    {
        var mlContext = new MLContext();
        return columns.Select(column => (SchemaShape.Column)Generic(nameof(OfColumn), ValueType(column.Type)).Invoke(null, [mlContext, column])!).ToArray();
    }

    /// <summary><paramref name="shape"/> with <paramref name="added"/> in place of its columns of the same names, as an estimator adds columns.</summary>
    public static SchemaShape With(SchemaShape shape, IEnumerable<SchemaShape.Column> added)
    {
        var columns = shape.ToDictionary(column => column.Name);
        foreach (var column in added)
        {
            columns[column.Name] = column;
        }
        return new SchemaShape(columns.Values);
    }

    /// <summary>
    /// A schema with the columns of <paramref name="shape"/>, filling in what a shape leaves open: a vector's size from
    /// <paramref name="vectorSizes"/> (1 for a column not there), a key's count (1), the annotations' values (defaults).
    /// </summary>
    public static DataViewSchema SchemaOf(SchemaShape shape, IReadOnlyDictionary<string, int> vectorSizes)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in shape)
        {
            int size = column.Kind == SchemaShape.Column.VectorKind.Vector ? vectorSizes.GetValueOrDefault(column.Name, 1) : 0;
            var annotations = new DataViewSchema.Annotations.Builder();
            foreach (var annotation in column.Annotations)
            {
                // A vector annotation has one value per slot of the column, or per key (KeyValues).
                var type = TypeOf(annotation, column.IsKey ? UnknownKeyCount : size);
                Generic(nameof(AddDefault), ValueType(type)).Invoke(null, [annotations, annotation.Name, type]);
            }
            builder.AddColumn(column.Name, TypeOf(column, size), annotations.ToAnnotations());
        }
        return builder.ToSchema();
    }

    private static DataViewType TypeOf(SchemaShape.Column column, int size)
    {
        var item = column.IsKey ? new KeyDataViewType(column.ItemType.RawType, UnknownKeyCount) : (PrimitiveDataViewType)column.ItemType;
        return column.Kind == SchemaShape.Column.VectorKind.Scalar ? item : new VectorDataViewType(item, size);
    }

    private static void AddDefault<T>(DataViewSchema.Annotations.Builder annotations, string name, DataViewType type)
    {
        T value = type is VectorDataViewType { Size: var size } ? (T)CreateEmptyVector(type, size) : default!;
        annotations.Add(name, type, (ref T destination) => destination = value);
    }

    // A vector of the given size whose values are all the default (no explicit values).
    private static object CreateEmptyVector(DataViewType type, int size)
    {
        var item = ((VectorDataViewType)type).ItemType.RawType;
        return Activator.CreateInstance(typeof(VBuffer<>).MakeGenericType(item), size, 0, Array.CreateInstance(item, 0), Array.Empty<int>())!;
    }

    private static SchemaShape.Column OfColumn<T>(MLContext mlContext, DataViewSchema.Column column)
    {
        var definition = SchemaDefinition.Create(typeof(Carrier<T>));
        definition[0].ColumnName = column.Name;
        definition[0].ColumnType = column.Type;
        foreach (var annotation in column.Annotations.Schema)
        {
            Generic(nameof(AddAnnotation), ValueType(annotation.Type)).Invoke(null, [definition[0], annotation]);
        }
        return mlContext.Transforms.CustomMapping<NetworkKeyInput, Carrier<T>>((_, _) => { }, contractName: null, outputSchemaDefinition: definition)
            .GetOutputSchema(new SchemaShape([])).Single();
    }

    // A shape has no annotation values: the type's default stands for them.
    private static void AddAnnotation<T>(SchemaDefinition.Column column, DataViewSchema.Column annotation) =>
        column.AddAnnotation(annotation.Name, default(T)!, annotation.Type);

    // The .NET type ML.NET maps a column of this type to: the raw type, or VBuffer of it for a vector.
    private static Type ValueType(DataViewType type) =>
        type is VectorDataViewType vector ? typeof(VBuffer<>).MakeGenericType(vector.ItemType.RawType) : type.RawType;

    private static MethodInfo Generic(string name, Type type) =>
        typeof(ColumnShapes).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);

    /// <summary>A custom mapping's output of one column, renamed and typed by the schema definition.</summary>
    private sealed class Carrier<T>
    {
        public T Value = default!;
    }
}
