using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>Input of <see cref="NetworkKeyMappingFactory"/>: reads no column.</summary>
internal sealed class NetworkKeyInput
{
}

/// <summary>Output of <see cref="NetworkKeyMappingFactory"/>: the constant key under which the network is stored.</summary>
internal sealed class NetworkKeyOutput
{
    [ColumnName(SavedColumns.NetworkKey)]
    public uint Key;
}

/// <summary>
/// Adds a constant key column to every row; a built-in value mapping then looks the encoded network up under that key
/// (custom mappings cannot hold state themselves: ML.NET recreates them with a parameterless constructor on load).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class NetworkKeyMappingFactory : CustomMappingFactory<NetworkKeyInput, NetworkKeyOutput>
{
    public const string ContractName = "SparseAdaptive.NetworkKey";

    /// <summary>The key of the single row of the network lookup table.</summary>
    public const uint Key = 1;

    public override Action<NetworkKeyInput, NetworkKeyOutput> GetMapping() => Map;

    public static void Map(NetworkKeyInput input, NetworkKeyOutput output) => output.Key = Key;
}
