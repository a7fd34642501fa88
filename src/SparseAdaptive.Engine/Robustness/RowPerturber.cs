using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Perturbs one sample at a time (a row of an ML.NET pipeline) with the batch code of an
/// <see cref="InputPerturbation"/>, so a row gets exactly the features it would get in a batch. Not thread-safe:
/// one per cursor.
/// </summary>
internal sealed class RowPerturber
{
    private static readonly int[] FirstRow = [0];

    private readonly InputPerturbation _perturbation;
    private readonly AttackBatch _batch;
    private readonly float[] _features;
    private readonly int[] _label = new int[1];

    public RowPerturber(InputPerturbation perturbation, SparseNetwork network)
    {
        _perturbation = perturbation;
        _batch = new AttackBatch(network, capacity: 1, threads: 1);
        _features = new float[network.InputSize];
    }

    /// <summary>
    /// Writes the perturbed <paramref name="features"/> to <paramref name="destination"/>, attacking
    /// <paramref name="label"/> or, when null, the predicted class. The caller has checked sizes, range and label.
    /// </summary>
    public void Perturb(ReadOnlySpan<float> features, int? label, int seed, Span<float> destination)
    {
        features.CopyTo(_features);
        _label[0] = label ?? 0;
        bool usesLabels = _perturbation.UsesLabels;
        _batch.Load(_features, FirstRow, usesLabels && label is not null ? _label : null, seed, predictClasses: usesLabels);
        _perturbation.PerturbBatch(_batch);
        _batch.Store(_features, FirstRow);
        _features.CopyTo(destination);
    }
}
