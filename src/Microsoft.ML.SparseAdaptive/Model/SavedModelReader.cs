using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Finds the SparseAdaptive models inside any transformer, in particular inside a model loaded from a file, which
/// ML.NET returns as chains of built-in transforms (see <see cref="SavedLayout"/>): a chain is one of ours when it
/// holds our constant-key mapping, and the step after that mapping holds the payload.
/// </summary>
internal static class SavedModelReader
{
    /// <summary>The first model, depth-first in chain order; null when there is none.</summary>
    /// <exception cref="InvalidDataException">A stored network is corrupt.</exception>
    public static SparseAdaptiveModel? Find(ITransformer transformer) => transformer switch
    {
        SparseAdaptiveModel model => model,
        IEnumerable<ITransformer> chain => ReadModel(chain) ?? chain.Select(Find).FirstOrDefault(found => found is not null),
        _ => null,
    };

    /// <summary>
    /// The transformer with every saved model chain in it replaced by the <see cref="SparseAdaptiveModel"/> it
    /// stores (which scores in batches); anything else is kept as it is.
    /// </summary>
    /// <exception cref="InvalidDataException">A stored network is corrupt.</exception>
    public static ITransformer WithModels(ITransformer transformer)
    {
        if (transformer is not IEnumerable<ITransformer> chain || transformer is SparseAdaptiveModel)
        {
            return transformer;
        }
        return (ITransformer?)ReadModel(chain) ?? new TransformerChain<ITransformer>(chain.Select(WithModels).ToArray());
    }

    /// <summary>
    /// The transformer with its first model (the one <see cref="Find"/> finds) replaced by <paramref name="replace"/>
    /// of it, every other step kept; null when it holds no model.
    /// </summary>
    /// <exception cref="InvalidDataException">A stored network is corrupt.</exception>
    public static ITransformer? ReplaceFirst(ITransformer transformer, Func<SparseAdaptiveModel, ITransformer> replace)
    {
        if (transformer is SparseAdaptiveModel model)
        {
            return replace(model);
        }
        if (transformer is not IEnumerable<ITransformer> chain)
        {
            return null;
        }
        if (ReadModel(chain) is { } stored)
        {
            return replace(stored);
        }
        var members = chain.ToArray();
        for (int i = 0; i < members.Length; i++)
        {
            if (ReplaceFirst(members[i], replace) is { } replaced)
            {
                members[i] = replaced;
                return new TransformerChain<ITransformer>(members);
            }
        }
        return null;
    }

    /// <summary>The model a saved model chain stores; null for any other chain (including an input perturbation's).</summary>
    private static SparseAdaptiveModel? ReadModel(IEnumerable<ITransformer> chain)
    {
        var members = chain.ToArray();
        int key = Array.FindIndex(members, m => m is CustomMappingTransformer<NetworkKeyInput, NetworkKeyOutput>);
        if (key < 0 || key + 1 >= members.Length)
        {
            return null;
        }
        var payload = ModelPayload.Decode(ReadPayloadText(members[key], members[key + 1]).Span);
        if (payload.Settings is not null)
        {
            return null;
        }
        // The model is rebuilt from what the chain stores (a chain saved before its Score was annotated gets the annotations).
        var output = ((ITransformer)chain).GetOutputSchema(SavedLayout.FeatureSchema(payload.FeatureColumnName, payload.Network.InputSize));
        return SparseAdaptiveModel.Create(payload, ClassLabels.FromKeyColumn(output[SavedColumns.PredictedLabel]));
    }

    private static ReadOnlyMemory<char> ReadPayloadText(ITransformer keyMapping, ITransformer lookup)
    {
        // The key mapping reads no column: any one-row view gives it its row.
        var row = new MLContext().Data.LoadFromEnumerable(new[] { new EmptyRow() });
        var mapped = lookup.Transform(keyMapping.Transform(row));
        var column = mapped.Schema[SavedColumns.Payload];
        using var cursor = mapped.GetRowCursor(new[] { column });
        var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> encoded = default;
        if (cursor.MoveNext())
        {
            getter(ref encoded);
        }
        return encoded;
    }

    private sealed class EmptyRow
    {
        public bool Unused { get; set; }
    }
}
