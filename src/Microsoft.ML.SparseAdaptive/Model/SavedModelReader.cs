using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Finds a SparseAdaptive model inside any transformer, in particular inside a model loaded from a file, which ML.NET
/// returns as chains of built-in transforms (see <see cref="ScoringChain"/>).
/// </summary>
internal static class SavedModelReader
{
    /// <summary>Depth-first, in chain order; null when there is none.</summary>
    public static SparseAdaptiveModel? Find(ITransformer transformer)
    {
        switch (transformer)
        {
            case SparseAdaptiveModel model:
                return model;
            case IEnumerable<ITransformer> chain:
                var members = chain.ToArray();
                var lookup = members.FirstOrDefault(IsNetworkLookup);
                return lookup is null
                    ? members.Select(Find).FirstOrDefault(found => found is not null)
                    : Read(transformer, lookup);
            default:
                return null;
        }
    }

    /// <summary>Rebuilds the model wrapper from a scoring chain and the value mapping in it that holds the network.</summary>
    private static SparseAdaptiveModel Read(ITransformer chain, ITransformer lookup)
    {
        var payload = NetworkPayloadCache.Resolve(ReadEncodedPayload(lookup));
        var output = chain.GetOutputSchema(ScoringChain.FeatureSchema(payload.FeatureColumnName, payload.Network.InputSize));
        return SparseAdaptiveModel.Wrap(chain, payload, ClassLabels.FromKeyColumn(output[ScoringColumns.PredictedLabel]));
    }

    /// <summary>True for the value mapping that turns the constant network key into the encoded network.</summary>
    private static bool IsNetworkLookup(ITransformer transformer)
    {
        try
        {
            return transformer.GetOutputSchema(KeySchema).GetColumnOrNull(ScoringColumns.Network)?.Type is TextDataViewType;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Any other transformer needs columns the probe schema lacks.
            return false;
        }
    }

    private static ReadOnlyMemory<char> ReadEncodedPayload(ITransformer lookup)
    {
        var keys = new MLContext().Data.LoadFromEnumerable(new[] { new KeyRow { Key = NetworkKeyMappingFactory.Key } });
        var mapped = lookup.Transform(keys);
        var column = mapped.Schema[ScoringColumns.Network];
        using var cursor = mapped.GetRowCursor(new[] { column });
        var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> encoded = default;
        if (cursor.MoveNext())
            getter(ref encoded);
        return encoded;
    }

    private static DataViewSchema KeySchema
    {
        get
        {
            var builder = new DataViewSchema.Builder();
            builder.AddColumn(ScoringColumns.NetworkKey, NumberDataViewType.UInt32);
            return builder.ToSchema();
        }
    }

    private sealed class KeyRow
    {
        [ColumnName(ScoringColumns.NetworkKey)]
        public uint Key { get; set; }
    }
}
