using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Builds the chain of built-in, saveable transforms that scores with a SparseAdaptive network. ML.NET's model-saving
/// API is internal, so a model of this library is saved and loaded as such a chain:
/// <list type="number">
/// <item>CopyColumns: user's feature column to the internal name the scoring mapping reads;</item>
/// <item>CustomMapping: a constant key column;</item>
/// <item>MapValue: key to the encoded <see cref="NetworkPayload"/> (the only row of its lookup table);</item>
/// <item>CustomMapping: probabilities in fixed-size blocks and the predicted class index;</item>
/// <item>Concatenate: blocks to the known-size Score vector;</item>
/// <item>MapValue + MapValueToKey: class index to PredictedLabel, a key with the label's count and KeyValues;</item>
/// <item>DropColumns: the internal columns.</item>
/// </list>
/// </summary>
internal static class ScoringChain
{
    /// <summary>Creates the fitted chain for a network, a feature column and the label's classes.</summary>
    public static ITransformer Create(NetworkPayload payload, string encodedPayload, ClassLabels classes)
    {
        var mlContext = new MLContext();
        var estimator = CreateEstimator(mlContext, payload.FeatureColumnName, encodedPayload, classes, payload.Network.ClassCount);
        return estimator.Fit(EmptyData(mlContext, payload.FeatureColumnName, payload.Network.InputSize));
    }

    /// <summary>Output schema of the chain for an input shape, without a trained network.</summary>
    public static SchemaShape GetOutputSchema(SchemaShape inputSchema, string featureColumnName, Type classValueType) =>
        CreateEstimator(new MLContext(), featureColumnName, string.Empty, ClassLabels.Placeholder(classValueType), classCount: 2)
            .GetOutputSchema(inputSchema);

    /// <summary>The schema of the only column a model reads: its feature vector.</summary>
    public static DataViewSchema FeatureSchema(string featureColumnName, int featureCount)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(featureColumnName, new VectorDataViewType(NumberDataViewType.Single, featureCount));
        return builder.ToSchema();
    }

    private static IEstimator<ITransformer> CreateEstimator(MLContext mlContext, string featureColumnName, string encodedPayload,
        ClassLabels classes, int classCount)
    {
        var networkLookup = mlContext.Data.LoadFromEnumerable(new[]
        {
            new NetworkLookupRow { Key = NetworkKeyMappingFactory.Key, Payload = encodedPayload.AsMemory() },
        });
        var blocks = FixedSizeBlocks.BlocksFor(classCount).Select(FixedSizeBlocks.Block).ToArray();
        return mlContext.Transforms.CopyColumns(ScoringColumns.Features, featureColumnName)
            .Append(mlContext.Transforms.CustomMapping(new NetworkKeyMappingFactory().GetMapping(), NetworkKeyMappingFactory.ContractName))
            .Append(mlContext.Transforms.Conversion.MapValue(ScoringColumns.Network, networkLookup,
                networkLookup.Schema[nameof(NetworkLookupRow.Key)], networkLookup.Schema[nameof(NetworkLookupRow.Payload)],
                ScoringColumns.NetworkKey))
            .Append(mlContext.Transforms.CustomMapping(new NetworkScoringMappingFactory().GetMapping(), NetworkScoringMappingFactory.ContractName))
            .Append(mlContext.Transforms.Concatenate(ScoringColumns.Score, blocks))
            .Append(classes.CreatePredictedLabelEstimator(mlContext))
            .Append(mlContext.Transforms.DropColumns(ScoringColumns.Internal()));
    }

    private static IDataView EmptyData(MLContext mlContext, string featureColumnName, int featureCount)
    {
        var definition = SchemaDefinition.Create(typeof(FeatureRow));
        definition[0].ColumnName = featureColumnName;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return mlContext.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), definition);
    }

    private sealed class NetworkLookupRow
    {
        public uint Key { get; set; }

        public ReadOnlyMemory<char> Payload { get; set; }
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
