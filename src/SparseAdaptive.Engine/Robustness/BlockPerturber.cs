using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// Perturbs samples a block at a time with the batch code of an <see cref="InputPerturbation"/>: the blocks of
/// <see cref="InputPerturbation.Apply(SparseNetwork, float[], int, int)"/>, of an ML.NET cursor, or a single row of a
/// row mapper. A sample's result does not depend on its block (see <see cref="AttackBatch"/>). Not thread-safe: one
/// per cursor.
/// </summary>
internal sealed class BlockPerturber
{
    private readonly InputPerturbation _perturbation;
    private readonly AttackBatch _batch;

    public BlockPerturber(InputPerturbation perturbation, SparseNetwork network, int capacity, int threads)
    {
        _perturbation = perturbation;
        _batch = new AttackBatch(network, capacity, threads);
    }

    /// <summary>Samples per block.</summary>
    public int Capacity => _batch.Capacity;

    /// <summary>
    /// Writes the perturbed samples <paramref name="rows"/> of the row-major <paramref name="features"/> to the same
    /// rows of <paramref name="destination"/> (which may be <paramref name="features"/>), attacking
    /// <c>labels[row]</c> or, when <paramref name="labels"/> is null, each sample's predicted class. The caller has
    /// checked sizes, range and labels.
    /// </summary>
    public void Perturb(float[] features, ReadOnlyMemory<int> rows, int[]? labels, int seed, float[] destination)
    {
        bool usesLabels = _perturbation.UsesLabels;
        _batch.Load(features, rows, usesLabels ? labels : null, seed, predictClasses: usesLabels);
        _perturbation.PerturbBatch(_batch);
        _batch.Store(destination, rows.Span);
    }
}
