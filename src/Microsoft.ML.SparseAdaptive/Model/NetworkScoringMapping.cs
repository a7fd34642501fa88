using Microsoft.ML.Data;
using SparseAdaptive.Network;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>Input of <see cref="NetworkScoringMappingFactory"/>.</summary>
internal sealed class NetworkScoringInput
{
    [ColumnName(ScoringColumns.Features)]
    public VBuffer<float> Features;

    [ColumnName(ScoringColumns.Network)]
    public ReadOnlyMemory<char> Network;
}

/// <summary>
/// Output of <see cref="NetworkScoringMappingFactory"/>: the probabilities in fixed-size blocks, the predicted class,
/// and the per-cursor state of the mapping (ML.NET reuses one output object per cursor).
/// </summary>
internal sealed class NetworkScoringOutput : FixedSizeBlocks
{
    [ColumnName(ScoringColumns.PredictedIndex)]
    public uint PredictedIndex;

    // Per-cursor state (not columns: ML.NET maps public members only).
    private ReadOnlyMemory<char> _encoded;
    private NetworkPayload? _payload;
    private float[] _probabilities = [];
    private float[] _denseFeatures = [];

    public NetworkPayload PayloadFor(ReadOnlyMemory<char> encoded)
    {
        // ReadOnlyMemory equality is identity of the underlying string and range: no text comparison per row.
        if (_payload is null || !_encoded.Equals(encoded))
        {
            _payload = NetworkPayloadCache.Resolve(encoded);
            _encoded = encoded;
            _probabilities = new float[_payload.Network.ClassCount];
            _denseFeatures = new float[_payload.Network.InputSize];
            AllocateBlocks(_payload.Network.ClassCount);
        }
        return _payload;
    }

    public Span<float> Probabilities => _probabilities;

    /// <summary>Copies the probabilities into the blocks.</summary>
    public void FillProbabilityBlocks() => FillBlocks(_probabilities);

    public ReadOnlySpan<float> Dense(in VBuffer<float> features)
    {
        if (features.IsDense)
            return features.GetValues();
        Array.Clear(_denseFeatures);
        var values = features.GetValues();
        var indices = features.GetIndices();
        for (var i = 0; i < values.Length; i++)
            _denseFeatures[indices[i]] = values[i];
        return _denseFeatures;
    }
}

/// <summary>Scores one row: runs the network stored in the row's network column on the row's features.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class NetworkScoringMappingFactory : CustomMappingFactory<NetworkScoringInput, NetworkScoringOutput>
{
    public const string ContractName = "SparseAdaptive.Score";

    public override Action<NetworkScoringInput, NetworkScoringOutput> GetMapping() => Map;

    public static void Map(NetworkScoringInput input, NetworkScoringOutput output)
    {
        var payload = output.PayloadFor(input.Network);
        var network = payload.Network;
        payload.CheckFeatureCount(input.Features.Length);
        network.Predict(output.Dense(input.Features), output.Probabilities);
        output.FillProbabilityBlocks();
        output.PredictedIndex = (uint)IndexOfMax(output.Probabilities);
    }

    /// <summary>First index of the largest value (ties go to the lower class).</summary>
    internal static int IndexOfMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return best;
    }
}
