using Microsoft.ML.SparseAdaptive.Model;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>Perturbs one row's features of a saved chain, attacking the class the network predicts for it.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class PerturbationMappingFactory : CustomMappingFactory<PayloadInput, PerturbationOutput>
{
    public const string ContractName = "SparseAdaptive.Perturb";

    public override Action<PayloadInput, PerturbationOutput> GetMapping() => Map;

    public static void Map(PayloadInput input, PerturbationOutput output) => output.Perturb(output.Decode(input.Payload), input.Features, label: null);
}

/// <summary>Perturbs one row's features of a saved chain, attacking the row's label.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class LabelledPerturbationMappingFactory : CustomMappingFactory<LabelledPayloadInput, PerturbationOutput>
{
    public const string ContractName = "SparseAdaptive.PerturbLabelled";

    public override Action<LabelledPayloadInput, PerturbationOutput> GetMapping() => Map;

    public static void Map(LabelledPayloadInput input, PerturbationOutput output) => output.Perturb(output.Decode(input.Payload), input.Features, input.Label);
}
