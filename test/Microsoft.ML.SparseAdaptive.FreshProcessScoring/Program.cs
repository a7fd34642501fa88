// Usage: dotnet Microsoft.ML.SparseAdaptive.FreshProcessScoring.dll <model.zip> <feature column> <feature count> <features.bin> <scores.bin>
// features.bin: rows of <feature count> little-endian float32; scores.bin receives each row's Score vector the same way.
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: <model.zip> <feature column> <feature count> <features.bin> <scores.bin>");
    return 2;
}
var (modelPath, featureColumn, featureCount, featuresPath, scoresPath) =
    (args[0], args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3], args[4]);

var mlContext = new MLContext();
var model = mlContext.Model.Load(modelPath, out _);

var values = File.ReadAllBytes(featuresPath).AsSpan();
var floats = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(values).ToArray();
var rows = Enumerable.Range(0, floats.Length / featureCount)
    .Select(i => new FeatureRow { Features = floats.AsSpan(i * featureCount, featureCount).ToArray() })
    .ToArray();
var definition = SchemaDefinition.Create(typeof(FeatureRow));
definition[0].ColumnName = featureColumn;
definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
var scored = model.Transform(mlContext.Data.LoadFromEnumerable(rows, definition));

using var output = File.Create(scoresPath);
var score = scored.Schema["Score"];
using var cursor = scored.GetRowCursor(new[] { score });
var getter = cursor.GetGetter<VBuffer<float>>(score);
VBuffer<float> buffer = default;
while (cursor.MoveNext())
{
    getter(ref buffer);
    output.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.DenseValues().ToArray().AsSpan()));
}
return 0;

internal sealed class FeatureRow
{
    public float[] Features { get; set; } = [];
}
