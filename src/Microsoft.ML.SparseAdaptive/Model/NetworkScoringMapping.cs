using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Network;
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
/// Output of <see cref="NetworkScoringMappingFactory"/>, and the per-cursor state of the mapping (ML.NET reuses one
/// output object per cursor).
/// </summary>
/// <remarks>
/// A custom mapping's output sizes come from compile-time attributes only (a size given at run time is lost when the
/// model is loaded), but the class count is known only at run time. So the probabilities are written into fixed-size
/// blocks of 1, 2, 4, ... 32768 values, and a built-in Concatenate joins the blocks picked by the binary digits of the
/// class count into a known-size Score vector.
/// </remarks>
internal sealed class NetworkScoringOutput
{
    /// <summary>Number of blocks: class counts up to 2^16 - 1.</summary>
    public const int BlockCount = 16;

    [ColumnName(ScoringColumns.BlockPrefix + "0"), VectorType(1)] public float[] Block0 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "1"), VectorType(2)] public float[] Block1 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "2"), VectorType(4)] public float[] Block2 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "3"), VectorType(8)] public float[] Block3 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "4"), VectorType(16)] public float[] Block4 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "5"), VectorType(32)] public float[] Block5 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "6"), VectorType(64)] public float[] Block6 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "7"), VectorType(128)] public float[] Block7 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "8"), VectorType(256)] public float[] Block8 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "9"), VectorType(512)] public float[] Block9 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "10"), VectorType(1024)] public float[] Block10 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "11"), VectorType(2048)] public float[] Block11 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "12"), VectorType(4096)] public float[] Block12 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "13"), VectorType(8192)] public float[] Block13 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "14"), VectorType(16384)] public float[] Block14 = [];
    [ColumnName(ScoringColumns.BlockPrefix + "15"), VectorType(32768)] public float[] Block15 = [];

    [ColumnName(ScoringColumns.PredictedIndex)]
    public uint PredictedIndex;

    // Per-cursor state (not columns: ML.NET maps public members only).
    private ReadOnlyMemory<char> _encoded;
    private NetworkPayload? _payload;
    private float[] _probabilities = [];
    private float[] _denseFeatures = [];
    private int[] _blocks = [];

    public NetworkPayload PayloadFor(ReadOnlyMemory<char> encoded)
    {
        // ReadOnlyMemory equality is identity of the underlying string and range: no text comparison per row.
        if (_payload is null || !_encoded.Equals(encoded))
        {
            _payload = NetworkPayloadCache.Resolve(encoded);
            _encoded = encoded;
            _probabilities = new float[_payload.Network.ClassCount];
            _denseFeatures = new float[_payload.Network.InputSize];
            _blocks = ScoringColumns.BlocksFor(_payload.Network.ClassCount);
            foreach (var block in _blocks)
                BlockField(block) = new float[1 << block];
        }
        return _payload;
    }

    public Span<float> Probabilities => _probabilities;

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

    /// <summary>Copies the probabilities into the blocks, in the order Concatenate joins them.</summary>
    public void FillBlocks()
    {
        var offset = 0;
        foreach (var block in _blocks)
        {
            var size = 1 << block;
            _probabilities.AsSpan(offset, size).CopyTo(BlockField(block));
            offset += size;
        }
    }

    private ref float[] BlockField(int block)
    {
        switch (block)
        {
            case 0: return ref Block0;
            case 1: return ref Block1;
            case 2: return ref Block2;
            case 3: return ref Block3;
            case 4: return ref Block4;
            case 5: return ref Block5;
            case 6: return ref Block6;
            case 7: return ref Block7;
            case 8: return ref Block8;
            case 9: return ref Block9;
            case 10: return ref Block10;
            case 11: return ref Block11;
            case 12: return ref Block12;
            case 13: return ref Block13;
            case 14: return ref Block14;
            case 15: return ref Block15;
            default: throw new ArgumentOutOfRangeException(nameof(block));
        }
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
        if (input.Features.Length != network.InputSize)
            throw new InvalidOperationException(
                $"Feature column '{payload.FeatureColumnName}' has {input.Features.Length} values in this row, " +
                $"but the SparseAdaptive network was trained on {network.InputSize}.");
        network.Predict(output.Dense(input.Features), output.Probabilities);
        output.FillBlocks();
        output.PredictedIndex = (uint)IndexOfMax(output.Probabilities);
    }

    /// <summary>First index of the largest value (ties go to the lower class).</summary>
    private static int IndexOfMax(ReadOnlySpan<float> values)
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
