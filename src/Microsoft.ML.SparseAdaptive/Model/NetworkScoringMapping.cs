using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using SparseAdaptive.Network;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Output of <see cref="NetworkScoringMappingFactory"/>: the probabilities in fixed-size blocks, the predicted class,
/// and the per-cursor state of the mapping (ML.NET reuses one output object per cursor, so a saved chain's payload
/// is decoded once per cursor).
/// </summary>
internal sealed class NetworkScoringOutput : FixedSizeBlocks
{
    [ColumnName(SavedColumns.PredictedIndex)]
    public uint PredictedIndex;

    // Per-cursor state (not columns: ML.NET maps public members only).
    private ReadOnlyMemory<char> _encoded;
    private ModelPayload? _decoded;
    private ModelPayload? _payload;
    private float[] _probabilities = [];
    private float[] _features = [];

    /// <summary>Scores one row with the network of <paramref name="payload"/>.</summary>
    /// <param name="payload">The network and how to treat a row that cannot be scored.</param>
    /// <param name="features">The row's features.</param>
    /// <param name="hint">What the message of a row that cannot be scored adds (<see cref="ModelPayload.RowHint"/>), or null.</param>
    public void Score(ModelPayload payload, in VBuffer<float> features, string? hint)
    {
        if (!ReferenceEquals(payload, _payload))
        {
            _payload = payload;
            _probabilities = new float[payload.Network.ClassCount];
            _features = new float[payload.Network.InputSize];
            AllocateBlocks(payload.Network.ClassCount);
        }
        payload.CheckFeatureCount(features.Length);
        features.CopyTo(_features);
        payload.Network.Predict(_features, _probabilities);
        PredictedIndex = payload.IsScorable(_features, _probabilities, row: null, hint)
            ? (uint)Softmax.IndexOfMax(_probabilities)
            : NetworkScoringMappingFactory.NoClass;
        FillBlocks(_probabilities);
    }

    /// <summary>The payload of a saved chain's row, decoded once per cursor.</summary>
    public ModelPayload Decode(ReadOnlyMemory<char> encoded)
    {
        // ReadOnlyMemory equality is identity of the underlying string and range: no text comparison per row.
        if (_decoded is null || !_encoded.Equals(encoded))
        {
            _decoded = ModelPayload.Decode(encoded.Span);
            _encoded = encoded;
        }
        return _decoded;
    }
}

/// <summary>Scores one row: runs the network stored in the row's payload column on the row's features.</summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class NetworkScoringMappingFactory : CustomMappingFactory<PayloadInput, NetworkScoringOutput>
{
    public const string ContractName = "SparseAdaptive.Score";

    /// <summary>The predicted index of a row that cannot be scored: no class, so PredictedLabel is the missing key.</summary>
    public const uint NoClass = uint.MaxValue;

    public override Action<PayloadInput, NetworkScoringOutput> GetMapping() => Map;

    // Only a chain loaded by ML.NET maps rows here (a model's own chain holds its network): the hint says how to have the row named.
    public static void Map(PayloadInput input, NetworkScoringOutput output) => output.Score(output.Decode(input.Payload), input.Features, ModelPayload.RowHint);
}
