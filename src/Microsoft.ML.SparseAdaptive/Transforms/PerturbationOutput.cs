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
    private ModelPayload? _payload;
    private InputPerturbation? _perturbation;
    private int _seed;
    private RowPerturber? _perturber;
    private float[] _features = [];

    /// <summary>Perturbs a row's features against <paramref name="label"/> (a raw key) or, when null, the predicted class.</summary>
    public void Perturb(PayloadInput input, uint? label)
    {
        var payload = PayloadFor(input.Payload);
        var network = payload.Network;
        string column = payload.FeatureColumnName;
        payload.CheckFeatureCount(input.Features.Length);
        input.Features.CopyTo(_features);
        var range = _perturbation!.Range;
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
            throw new InvalidOperationException($"The label column has a missing or out-of-range key ({key}), or a value that is not one of the model's {network.ClassCount} classes.");
        }
        _perturber!.Perturb(_features, label is uint k ? (int)k - 1 : null, _seed, _features);
        FillBlocks(_features);
    }

    private ModelPayload PayloadFor(ReadOnlyMemory<char> encoded)
    {
        // ReadOnlyMemory equality is identity of the underlying string and range: no text comparison per row.
        if (_payload is null || !_encoded.Equals(encoded))
        {
            _payload = ModelPayload.Decode(encoded.Span);
            _encoded = encoded;
            var options = PerturbationSettings.Read(_payload.Settings
                ?? throw new InvalidDataException("The SparseAdaptive input perturbation stored in the model has no settings."));
            _perturbation = options.CreatePerturbation();
            _seed = options.Seed ?? throw new InvalidDataException("The SparseAdaptive input perturbation stored in the model has no seed.");
            var network = _payload.Network;
            _perturber = new RowPerturber(_perturbation, network);
            _features = new float[network.InputSize];
            AllocateBlocks(network.InputSize);
        }
        return _payload;
    }
}
