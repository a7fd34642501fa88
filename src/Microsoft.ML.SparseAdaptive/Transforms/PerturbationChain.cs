using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Builds the chain of built-in, saveable transforms that rewrites a feature column with an input perturbation
/// (ML.NET's model-saving API is internal, so the transform is saved and loaded as such a chain):
/// <list type="number">
/// <item>CopyColumns: the feature column to the internal name the mapping reads;</item>
/// <item>ConvertType (when attacking labels): the label key to its raw UInt32 value;</item>
/// <item>CustomMapping: the trainer layer's constant key column;</item>
/// <item>MapValue: key to the encoded <see cref="PerturbationPayload"/> (the only row of its lookup table);</item>
/// <item>CustomMapping: the perturbed features in fixed-size blocks;</item>
/// <item>Concatenate: blocks to a known-size vector under the feature column's own name;</item>
/// <item>DropColumns: the internal columns.</item>
/// </list>
/// </summary>
internal static class PerturbationChain
{
    /// <summary>The chain's estimator; <paramref name="encodedPayload"/> may be empty when only the output schema is wanted.</summary>
    public static IEstimator<ITransformer> CreateEstimator(MLContext mlContext, string featureColumnName, int featureCount, string? labelColumnName,
        string encodedPayload)
    {
        var lookup = mlContext.Data.LoadFromEnumerable(new[]
        {
            new PayloadRow { Key = NetworkKeyMappingFactory.Key, Payload = encodedPayload.AsMemory() },
        });
        var blocks = FixedSizeBlocks.BlocksFor(featureCount).Select(FixedSizeBlocks.Block).ToArray();
        IEstimator<ITransformer> chain = mlContext.Transforms.CopyColumns(PerturbationColumns.Features, featureColumnName);
        if (labelColumnName is not null)
        {
            chain = chain.Append(mlContext.Transforms.Conversion.ConvertType(PerturbationColumns.Label, labelColumnName, DataKind.UInt32));
        }
        chain = chain
            .Append(mlContext.Transforms.CustomMapping(new NetworkKeyMappingFactory().GetMapping(), NetworkKeyMappingFactory.ContractName))
            .Append(mlContext.Transforms.Conversion.MapValue(PerturbationColumns.Payload, lookup,
                lookup.Schema[nameof(PayloadRow.Key)], lookup.Schema[nameof(PayloadRow.Payload)], ScoringColumns.NetworkKey));
        chain = labelColumnName is null
            ? chain.Append(mlContext.Transforms.CustomMapping(new PerturbationMappingFactory().GetMapping(), PerturbationMappingFactory.ContractName))
            : chain.Append(mlContext.Transforms.CustomMapping(new LabelledPerturbationMappingFactory().GetMapping(), LabelledPerturbationMappingFactory.ContractName));
        return chain
            .Append(mlContext.Transforms.Concatenate(featureColumnName, blocks))
            .Append(mlContext.Transforms.DropColumns(PerturbationColumns.Internal(labelColumnName is not null)));
    }

    private sealed class PayloadRow
    {
        public uint Key { get; set; }

        public ReadOnlyMemory<char> Payload { get; set; }
    }
}
