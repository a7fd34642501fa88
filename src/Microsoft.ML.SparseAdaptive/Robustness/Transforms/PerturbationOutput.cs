using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;

namespace Microsoft.ML.SparseAdaptive.Robustness.Transforms;

/// <summary>
/// Output of the perturbation mappings, and their per-cursor state (ML.NET reuses one output object per cursor).
/// </summary>
/// <remarks>
/// A custom mapping's vector sizes must be fixed at compile time (a size set at run time is lost when the model is
/// loaded), so, as the trainer layer does for scores, the perturbed features are written into blocks of 1, 2, 4, ...
/// 32768 values and a built-in Concatenate joins the blocks picked by the binary digits of the feature count.
/// </remarks>
internal sealed class PerturbationOutput
{
    /// <summary>Number of blocks: feature counts up to 2^16 − 1.</summary>
    public const int BlockCount = 16;

    [ColumnName(PerturbationColumns.BlockPrefix + "0"), VectorType(1)] public float[] Block0 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "1"), VectorType(2)] public float[] Block1 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "2"), VectorType(4)] public float[] Block2 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "3"), VectorType(8)] public float[] Block3 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "4"), VectorType(16)] public float[] Block4 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "5"), VectorType(32)] public float[] Block5 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "6"), VectorType(64)] public float[] Block6 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "7"), VectorType(128)] public float[] Block7 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "8"), VectorType(256)] public float[] Block8 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "9"), VectorType(512)] public float[] Block9 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "10"), VectorType(1024)] public float[] Block10 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "11"), VectorType(2048)] public float[] Block11 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "12"), VectorType(4096)] public float[] Block12 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "13"), VectorType(8192)] public float[] Block13 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "14"), VectorType(16384)] public float[] Block14 = [];
    [ColumnName(PerturbationColumns.BlockPrefix + "15"), VectorType(32768)] public float[] Block15 = [];

    // Per-cursor state (not columns: ML.NET maps public members only).
    private ReadOnlyMemory<char> _encoded;
    private PerturbationPayload? _payload;
    private RowPerturber? _perturber;
    private float[] _features = [];
    private int[] _blocks = [];

    /// <summary>The number of features, in blocks from smallest to largest, as Concatenate joins them.</summary>
    public static int[] BlocksFor(int featureCount) => ScoringColumns.BlocksFor(featureCount);

    /// <summary>Perturbs a row's features against <paramref name="label"/> (a raw key) or, when null, the predicted class.</summary>
    public void Perturb(PerturbationInput input, uint? label)
    {
        var payload = PayloadFor(input.Payload);
        var network = payload.Network.Network;
        string column = payload.Network.FeatureColumnName;
        if (input.Features.Length != network.InputSize)
        {
            throw new InvalidOperationException(
                $"Feature column '{column}' has {input.Features.Length} values in this row, but the SparseAdaptive network takes {network.InputSize}.");
        }
        input.Features.CopyTo(_features);
        var range = payload.Perturbation.Range;
        for (int i = 0; i < _features.Length; i++)
        {
            if (!range.Contains(_features[i]))
            {
                throw new InvalidOperationException(
                    $"Feature column '{column}' has the value {_features[i]} at index {i}, outside the valid range [{range.Min}, {range.Max}] of the perturbation.");
            }
        }
        if (label is uint key && (key == 0 || key > network.ClassCount))
        {
            throw new InvalidOperationException($"The label column has a missing or out-of-range key ({key}); the model has {network.ClassCount} classes.");
        }
        _perturber!.Perturb(_features, label is uint k ? (int)k - 1 : null, payload.Seed, _features);
        FillBlocks();
    }

    private PerturbationPayload PayloadFor(ReadOnlyMemory<char> encoded)
    {
        // ReadOnlyMemory equality is identity of the underlying string and range: no text comparison per row.
        if (_payload is null || !_encoded.Equals(encoded))
        {
            _payload = PerturbationPayload.Decode(encoded);
            _encoded = encoded;
            var network = _payload.Network.Network;
            _perturber = new RowPerturber(_payload.Perturbation, network);
            _features = new float[network.InputSize];
            _blocks = BlocksFor(network.InputSize);
            foreach (var block in _blocks)
            {
                BlockField(block) = new float[1 << block];
            }
        }
        return _payload;
    }

    private void FillBlocks()
    {
        int offset = 0;
        foreach (var block in _blocks)
        {
            int size = 1 << block;
            _features.AsSpan(offset, size).CopyTo(BlockField(block));
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
