using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Output of the perturbation mappings: the perturbed features in fixed-size blocks, and the per-cursor state
/// (ML.NET reuses one output object per cursor).
/// </summary>
internal sealed class PerturbationOutput : FixedSizeBlocks
{
    // Per-cursor state (not columns: ML.NET maps public members only).
    private ReadOnlyMemory<char> _encoded;
    private PerturbationPayload? _payload;
    private RowPerturber? _perturber;
    private float[] _features = [];

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
        FillBlocks(_features);
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
            AllocateBlocks(network.InputSize);
        }
        return _payload;
    }
}
