using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// The one layout in which this library saves a component (a model or an input perturbation) as a chain of built-in,
/// saveable ML.NET transforms; ML.NET's model-saving API is internal, so nothing else survives <c>Model.Save</c>:
/// <list type="number">
/// <item>CopyColumns: the user's feature column to the internal name the mappings read;</item>
/// <item>for a labelled component: the label, a key or a raw class value, to the class key as UInt32;</item>
/// <item>CustomMapping (<see cref="NetworkKeyMappingFactory"/>): a constant key column;</item>
/// <item>MapValue: that key to the encoded <see cref="ModelPayload"/>, the only row of its lookup table;</item>
/// <item>CustomMapping (the component's own): its output vector in fixed-size blocks;</item>
/// <item>Concatenate: the blocks to a known-size vector;</item>
/// <item>the component's own built-in steps (a model's <see cref="ClassScorer"/>), then DropColumns: the internal columns.</item>
/// </list>
/// <see cref="SavedModelReader"/> finds a component in a loaded model by its key mapping, the first custom step.
/// </summary>
internal static class SavedLayout
{
    /// <summary>
    /// The chain's estimator. <paramref name="encodedPayload"/> may be empty when only the output schema is wanted,
    /// and null for a chain used in memory only, whose mapping holds the network itself (it reads no payload column,
    /// so no payload is encoded; such a chain is never saved).
    /// </summary>
    /// <param name="mlContext">Context the built-in estimators are created in.</param>
    /// <param name="featureColumnName">The user's feature column.</param>
    /// <param name="label">How the label column becomes the class key, or null when the component reads no label.</param>
    /// <param name="encodedPayload">The component's <see cref="ModelPayload"/> text, or null in memory.</param>
    /// <param name="mapping">The component's custom mapping, reading <see cref="PayloadInput"/> columns (<see cref="FeaturesInput"/> in memory).</param>
    /// <param name="mappingColumns">Columns the mapping adds besides the blocks (and the joined vector, when later steps
    /// turn it into the outputs), dropped at the end.</param>
    /// <param name="outputColumnName">Name of the vector the blocks are joined into.</param>
    /// <param name="outputSize">Size of that vector.</param>
    /// <param name="then">Built-in steps after the join, or null.</param>
    /// <exception cref="NotSupportedException"><paramref name="outputSize"/> exceeds what the fixed-size blocks can carry.</exception>
    public static IEstimator<ITransformer> CreateEstimator(MLContext mlContext, string featureColumnName, LabelConversion? label,
        string? encodedPayload, IEstimator<ITransformer> mapping, string[] mappingColumns, string outputColumnName, int outputSize, IEstimator<ITransformer>? then)
    {
        if (outputSize > FixedSizeBlocks.MaximumSize)
        {
            throw new NotSupportedException(
                $"Column '{outputColumnName}' would hold {outputSize} values; a SparseAdaptive component can carry vectors of at most " +
                $"{FixedSizeBlocks.MaximumSize} values through ML.NET's saved transforms.");
        }
        var internalColumns = new List<string> { SavedColumns.Features };
        internalColumns.AddRange(mappingColumns);
        var steps = new List<IEstimator<ITransformer>> { mlContext.Transforms.CopyColumns(SavedColumns.Features, featureColumnName) };
        label?.AddSteps(steps, mlContext, internalColumns);
        if (encodedPayload is not null)
        {
            var lookup = mlContext.Data.LoadFromEnumerable(new[]
            {
                new PayloadRow { Key = NetworkKeyMappingFactory.Key, Payload = encodedPayload.AsMemory() },
            });
            steps.Add(mlContext.Transforms.CustomMapping(new NetworkKeyMappingFactory().GetMapping(), NetworkKeyMappingFactory.ContractName));
            steps.Add(mlContext.Transforms.Conversion.MapValue(SavedColumns.Payload, lookup,
                lookup.Schema[nameof(PayloadRow.Key)], lookup.Schema[nameof(PayloadRow.Payload)], SavedColumns.NetworkKey));
            internalColumns.AddRange([SavedColumns.NetworkKey, SavedColumns.Payload]);
        }
        steps.Add(mapping);
        steps.Add(mlContext.Transforms.Concatenate(outputColumnName, FixedSizeBlocks.BlocksFor(outputSize).Select(FixedSizeBlocks.Block).ToArray()));
        if (then is not null)
        {
            steps.Add(then);
        }
        internalColumns.AddRange(FixedSizeBlocks.AllBlocks());
        steps.Add(mlContext.Transforms.DropColumns(internalColumns.ToArray()));
        // One flat chain: the reader finds the whole component in the chain that holds its key mapping.
        return steps.Aggregate(new EstimatorChain<ITransformer>(), (chain, step) => chain.Append(step));
    }

    /// <summary>Fits the chain on an empty view with only the feature column (no built-in step here reads rows).</summary>
    public static ITransformer Fit(IEstimator<ITransformer> estimator, MLContext mlContext, string featureColumnName, int featureCount) =>
        estimator.Fit(EmptyData(mlContext, featureColumnName, featureCount));

    /// <summary>The schema of the only column a model reads: its feature vector.</summary>
    public static DataViewSchema FeatureSchema(string featureColumnName, int featureCount)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(featureColumnName, new VectorDataViewType(NumberDataViewType.Single, featureCount));
        return builder.ToSchema();
    }

    private static IDataView EmptyData(MLContext mlContext, string featureColumnName, int featureCount)
    {
        var definition = SchemaDefinition.Create(typeof(FeatureRow));
        definition[0].ColumnName = featureColumnName;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return mlContext.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), definition);
    }

    private sealed class PayloadRow
    {
        public uint Key { get; set; }

        public ReadOnlyMemory<char> Payload { get; set; }
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
