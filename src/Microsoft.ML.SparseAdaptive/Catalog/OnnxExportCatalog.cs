using System.Reflection;
using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Export;

namespace Microsoft.ML;

/// <summary>
/// ONNX export of SparseAdaptive models: <c>mlContext.Model.ConvertSparseAdaptiveToOnnx(model, schema, path)</c>.
/// </summary>
/// <remarks>
/// ML.NET's own <c>mlContext.Model.ConvertToOnnx</c> (package Microsoft.ML.OnnxConverter) only exports transforms that
/// implement its internal ONNX interfaces, which a third-party assembly cannot implement; on a SparseAdaptive model it
/// writes a graph without the network, with no exception and no warning in the context's log. These overloads of <c>ConvertToOnnx</c> for a
/// <see cref="SparseAdaptiveModel"/> are compile-time errors naming the call that works; a chain holding the model
/// (such as <c>pipeline.Fit</c>'s result) still reaches ML.NET's converter, which this library cannot intercept.
/// </remarks>
public static class OnnxExportCatalog
{
    private const string UseSparseAdaptiveExport =
        "ML.NET's ConvertToOnnx cannot export a SparseAdaptive model (its ONNX interfaces are internal to ML.NET) and " +
        "would write a graph without the network. Use mlContext.Model.ConvertSparseAdaptiveToOnnx(model, inputSchema, path).";

    private const string KeyValuesAnnotation = "KeyValues";

    /// <summary>
    /// Writes the SparseAdaptive network of <paramref name="model"/> as an ONNX model (opset 18) that ONNX Runtime
    /// scores with the same probabilities and predicted labels as ML.NET. The file is replaced only once completely written.
    /// </summary>
    /// <remarks>
    /// The graph's input is the trainer's feature column (a float tensor [N, features], named like the column); its
    /// outputs are <c>Score</c> (class probabilities, float [N, classes]) and <c>PredictedLabel</c> (the class value,
    /// int64 for integer labels and string otherwise, as after <c>MapKeyToValue</c>). Steps of the pipeline before the
    /// trainer are not part of the graph: the caller feeds the feature vectors they produce.
    /// </remarks>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="model">A fitted or loaded model holding a SparseAdaptive model (a chain from <c>Fit</c> or <c>Model.Load</c> is fine).</param>
    /// <param name="inputSchema">
    /// Schema of the data the SparseAdaptive model reads; it must hold the feature column as a vector of Single of the
    /// network's input size.
    /// </param>
    /// <param name="filePath">The .onnx file to create or replace.</param>
    /// <exception cref="ArgumentException">
    /// The model holds no SparseAdaptive model; the schema lacks its feature column; or <paramref name="model"/> is a
    /// pipeline whose steps before the trainer recompute the feature column (such as an in-place normaliser), which the
    /// graph would leave out: then pass <c>SparseAdaptiveModel.FromTransformer(model)</c> and the schema after those steps.
    /// </exception>
    public static void ConvertSparseAdaptiveToOnnx(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        var sparseModel = SparseAdaptiveModel.FromTransformer(model);
        RequireFeatureColumn(sparseModel, inputSchema);
        RejectFeaturesComputedBefore(model, sparseModel.FeatureColumnName, inputSchema);
        var predictedLabel = sparseModel.GetOutputSchema(inputSchema)[SavedColumns.PredictedLabel];
        var (numeric, text) = ReadClassLabels(predictedLabel);
        OnnxExport.Write(sparseModel.Network, filePath, new OnnxExportOptions
        {
            InputName = sparseModel.FeatureColumnName,
            NumericLabels = numeric,
            TextLabels = text,
        });
    }

    /// <summary>Not supported: ML.NET's converter cannot see inside a SparseAdaptive model. Use <see cref="ConvertSparseAdaptiveToOnnx"/>.</summary>
    /// <param name="catalog">The model operations catalog.</param>
    /// <param name="transform">The model.</param>
    /// <param name="inputData">Input data.</param>
    /// <param name="stream">Destination.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    [Obsolete(UseSparseAdaptiveExport, error: true)]
    public static void ConvertToOnnx(this ModelOperationsCatalog catalog, SparseAdaptiveModel transform, IDataView inputData, Stream stream) =>
        throw new NotSupportedException(UseSparseAdaptiveExport);

    /// <summary>Not supported: ML.NET's converter cannot see inside a SparseAdaptive model. Use <see cref="ConvertSparseAdaptiveToOnnx"/>.</summary>
    /// <param name="catalog">The model operations catalog.</param>
    /// <param name="transform">The model.</param>
    /// <param name="inputData">Input data.</param>
    /// <param name="opSetVersion">ONNX operator set.</param>
    /// <param name="stream">Destination.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    [Obsolete(UseSparseAdaptiveExport, error: true)]
    public static void ConvertToOnnx(this ModelOperationsCatalog catalog, SparseAdaptiveModel transform, IDataView inputData, int opSetVersion, Stream stream) =>
        throw new NotSupportedException(UseSparseAdaptiveExport);

    private static void RequireFeatureColumn(SparseAdaptiveModel model, DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(model.FeatureColumnName);
        if (column?.Type is not VectorDataViewType { ItemType: var item, Size: var size } || item != NumberDataViewType.Single || size != model.Network.InputSize)
        {
            throw new ArgumentException(
                $"The ONNX graph starts at the model's feature column '{model.FeatureColumnName}' (a vector of {model.Network.InputSize} Single), " +
                $"but the schema has {(column is null ? "no such column" : $"it as {column.Value.Type}")}. Pass the schema of the data the " +
                "SparseAdaptive model reads, e.g. the output schema of the steps before it.", nameof(schema));
        }
    }

    // A pipeline whose earlier steps write the feature column (NormalizeMinMax("Features") in place, for one) would
    // give a graph that silently skips them: its callers would feed unscaled features.
    private static void RejectFeaturesComputedBefore(ITransformer model, string featureColumn, DataViewSchema inputSchema)
    {
        if (model is not IEnumerable<ITransformer> steps)
        {
            return;
        }
        // A step that writes a column keeps the old one, hidden, under the same name: count the versions.
        static int Versions(DataViewSchema schema, string name) => schema.Count(column => column.Name == name);
        var schema = inputSchema;
        foreach (var step in steps.TakeWhile(step => SavedModelReader.Find(step) is null))
        {
            var output = step.GetOutputSchema(schema);
            bool rewritten = Versions(output, featureColumn) > Versions(schema, featureColumn);
            schema = output;
            if (rewritten)
            {
                throw new ArgumentException(
                    $"A step before the trainer ({step.GetType().Name}) computes the feature column '{featureColumn}', and the ONNX graph " +
                    "holds only the network. Export SparseAdaptiveModel.FromTransformer(model) with the schema of the data after those " +
                    "steps, and apply them before scoring the graph.", nameof(model));
            }
        }
    }

    // Integer class values become int64 labels; any other type (text, floating point, bool) becomes its text.
    private static (long[]? Numeric, string[]? Text) ReadClassLabels(DataViewSchema.Column predictedLabel)
    {
        var keyValues = predictedLabel.Annotations.Schema.GetColumnOrNull(KeyValuesAnnotation);
        if (keyValues?.Type is not VectorDataViewType { ItemType: var itemType })
        {
            return (null, null);
        }
        var read = typeof(OnnxExportCatalog).GetMethod(nameof(ReadKeyValues), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(itemType.RawType);
        object[] values = (object[])read.Invoke(null, [predictedLabel])!;
        bool integral = Type.GetTypeCode(itemType.RawType) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16
            or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64;
        return integral
            ? (values.Select(Convert.ToInt64).ToArray(), null)
            : (null, values.Select(value => value.ToString() ?? "").ToArray());
    }

    private static object[] ReadKeyValues<T>(DataViewSchema.Column column)
    {
        VBuffer<T> values = default;
        column.Annotations.GetValue(KeyValuesAnnotation, ref values);
        return values.DenseValues().Select(value => (object)value!).ToArray();
    }
}
