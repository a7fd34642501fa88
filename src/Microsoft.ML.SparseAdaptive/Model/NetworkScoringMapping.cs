using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Output of <see cref="NetworkScoringMappingFactory"/>: the probabilities in fixed-size blocks, the predicted class,
/// and the per-cursor state of the mapping (ML.NET reuses one output object per cursor, so the payload is decoded
/// once per cursor).
/// </summary>
internal sealed class NetworkScoringOutput : FixedSizeBlocks
{
    [ColumnName(SavedColumns.PredictedIndex)]
    public uint PredictedIndex;

    // Per-cursor state (not columns: ML.NET maps public members only).
    private ReadOnlyMemory<char> _encoded;
    private ModelPayload? _payload;
    private float[] _probabilities = [];
    private float[] _features = [];

    /// <summary>Scores one row with the network of <paramref name="input"/>'s payload.</summary>
    public void Score(PayloadInput input)
    {
        var payload = PayloadFor(input.Payload);
        payload.CheckFeatureCount(input.Features.Length);
        input.Features.CopyTo(_features);
        payload.Network.Predict(_features, _probabilities);
        PredictedIndex = payload.IsScorable(_features, _probabilities, row: null)
            ? (uint)NetworkScoringMappingFactory.IndexOfMax(_probabilities)
            : NetworkScoringMappingFactory.NoClass;
        FillBlocks(_probabilities);
    }

    private ModelPayload PayloadFor(ReadOnlyMemory<char> encoded)
    {
        // ReadOnlyMemory equality is identity of the underlying string and range: no text comparison per row.
        if (_payload is null || !_encoded.Equals(encoded))
        {
            _payload = ModelPayload.Decode(encoded.Span);
            _encoded = encoded;
            _probabilities = new float[_payload.Network.ClassCount];
            _features = new float[_payload.Network.InputSize];
            AllocateBlocks(_payload.Network.ClassCount);
        }
        return _payload;
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

    public static void Map(PayloadInput input, NetworkScoringOutput output) => output.Score(input);

    /// <summary>First index of the largest value (ties go to the lower class).</summary>
    internal static int IndexOfMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }
}
