using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>Input of <see cref="PerturbationMappingFactory"/>: the features and the encoded <see cref="PerturbationPayload"/>.</summary>
internal class PerturbationInput
{
    [ColumnName(PerturbationColumns.Features)]
    public VBuffer<float> Features;

    [ColumnName(PerturbationColumns.Payload)]
    public ReadOnlyMemory<char> Payload;
}

/// <summary>Input of <see cref="LabelledPerturbationMappingFactory"/>: also the class to attack, as the raw label key (1-based; 0 is missing).</summary>
internal sealed class LabelledPerturbationInput : PerturbationInput
{
    [ColumnName(PerturbationColumns.Label)]
    public uint Label;
}

/// <summary>Perturbs one row's features, attacking the class the network predicts for it.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class PerturbationMappingFactory : CustomMappingFactory<PerturbationInput, PerturbationOutput>
{
    public const string ContractName = "SparseAdaptive.Perturb";

    public override Action<PerturbationInput, PerturbationOutput> GetMapping() => Map;

    public static void Map(PerturbationInput input, PerturbationOutput output) => output.Perturb(input, label: null);
}

/// <summary>Perturbs one row's features, attacking the row's label.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class LabelledPerturbationMappingFactory : CustomMappingFactory<LabelledPerturbationInput, PerturbationOutput>
{
    public const string ContractName = "SparseAdaptive.PerturbLabelled";

    public override Action<LabelledPerturbationInput, PerturbationOutput> GetMapping() => Map;

    public static void Map(LabelledPerturbationInput input, PerturbationOutput output) => output.Perturb(input, input.Label);
}
