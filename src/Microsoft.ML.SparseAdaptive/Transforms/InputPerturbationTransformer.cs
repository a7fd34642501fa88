using Microsoft.ML.Data;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Rewrites a SparseAdaptive model's feature column (same name, same size) with an attack or noise computed from
/// the model's own network. Put it before the model: <c>attack.Append(model)</c> scores perturbed inputs.
/// </summary>
/// <remarks>
/// Transforming, schema propagation and saving are delegated to an inner chain of built-in ML.NET transforms, so the
/// transform survives <c>mlContext.Model.Save</c> and <c>Load</c> (which returns that chain, not this type) with no
/// registration call. Each row gets exactly the features the engine's batched <see cref="InputPerturbation"/> gives it.
/// </remarks>
public sealed class InputPerturbationTransformer : ITransformer, ICanSaveModel
{
    private readonly ITransformer _chain;

    internal InputPerturbationTransformer(ITransformer chain, InputPerturbation perturbation, int seed, string featureColumnName, string? labelColumnName)
    {
        _chain = chain;
        Perturbation = perturbation;
        Seed = seed;
        FeatureColumnName = featureColumnName;
        LabelColumnName = labelColumnName;
    }

    /// <summary>The attack or noise applied to each row.</summary>
    public InputPerturbation Perturbation { get; }

    /// <summary>Seed of the perturbation's random choices.</summary>
    public int Seed { get; }

    /// <summary>The feature column that is rewritten.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The label column whose class is attacked, or null when each row's predicted class is attacked.</summary>
    public string? LabelColumnName { get; }

    /// <summary>Always true: each row is perturbed on its own.</summary>
    public bool IsRowToRowMapper => _chain.IsRowToRowMapper;

    /// <summary>The input schema, with the feature column replaced by its perturbed version.</summary>
    /// <param name="inputSchema">Schema with the feature column (and the label column, if one is attacked).</param>
    /// <returns>The output schema.</returns>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _chain.GetOutputSchema(inputSchema);

    /// <summary>Perturbs the data lazily.</summary>
    /// <param name="input">Data with the feature column (and the label column, if one is attacked).</param>
    /// <returns>The data with the feature column rewritten.</returns>
    public IDataView Transform(IDataView input) => _chain.Transform(input);

    /// <summary>Row-to-row mapper, used e.g. by prediction engines.</summary>
    /// <param name="inputSchema">Schema with the feature column (and the label column, if one is attacked).</param>
    /// <returns>A mapper rewriting the feature column.</returns>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _chain.GetRowToRowMapper(inputSchema);

    /// <summary>Saves the transform as its chain of built-in transforms (called by <c>mlContext.Model.Save</c>).</summary>
    /// <param name="ctx">ML.NET's save context.</param>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)_chain).Save(ctx);
}
