using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Output of the perturbation mappings, which perturb one row per call (a row mapper, a shuffled cursor, a loaded
/// chain): the perturbed features in fixed-size blocks, and the per-cursor state (ML.NET reuses one output object per
/// cursor, so a saved chain's payload is decoded once per cursor).
/// </summary>
internal sealed class PerturbationOutput : FixedSizeBlocks
{
    private static readonly ReadOnlyMemory<int> FirstRow = new[] { 0 };

    // Per-cursor state (not columns: ML.NET maps public members only).
    private ReadOnlyMemory<char> _encoded;
    private NetworkInputPerturbation? _decoded;
    private NetworkInputPerturbation? _perturbation;
    private BlockPerturber? _perturber;
    private float[] _features = [];
    private readonly int[] _label = new int[1];

    /// <summary>Perturbs a row's features against <paramref name="label"/> (a raw key) or, when null, the predicted class.</summary>
    public void Perturb(NetworkInputPerturbation perturbation, in VBuffer<float> features, uint? label)
    {
        if (!ReferenceEquals(perturbation, _perturbation))
        {
            _perturbation = perturbation;
            _perturber = perturbation.CreatePerturber(capacity: 1, threads: 1);
            _features = new float[perturbation.Payload.Network.InputSize];
            AllocateBlocks(_features.Length);
        }
        perturbation.Payload.CheckFeatureCount(features.Length);
        features.CopyTo(_features);
        _label[0] = perturbation.CheckRow(_features, label);
        _perturber!.Perturb(_features, FirstRow, label is null ? null : _label, perturbation.Seed, _features);
        FillBlocks(_features);
    }

    /// <summary>The perturbation of a saved chain's row, decoded once per cursor.</summary>
    public NetworkInputPerturbation Decode(ReadOnlyMemory<char> encoded)
    {
        // ReadOnlyMemory equality is identity of the underlying string and range: no text comparison per row.
        if (_decoded is null || !_encoded.Equals(encoded))
        {
            _decoded = NetworkInputPerturbation.Decode(encoded.Span);
            _encoded = encoded;
        }
        return _decoded;
    }
}
