using SparseAdaptive.Network;
using SparseAdaptive.Training;

namespace SparseAdaptive.Robustness;

/// <summary>
/// How exposed each sample is to a gradient attack, to first order: the L1 norm of the gradient of its cross-entropy
/// loss with respect to its input features (the gradient <see cref="FgsmAttack"/> and <see cref="PgdAttack"/> step
/// along), and its logit margin. An L∞ step of size ε along the gradient's sign raises the loss by about
/// ε × <see cref="InputGradientL1Norms"/> (before clipping), while the margin says how far the logits must move before
/// the prediction changes: a large gradient norm with a small margin marks a sample that breaks at a small ε.
/// </summary>
/// <remarks>
/// Units: the features on the scale the attacks use, for images pixels on [0, 1] (ε is on that scale too); the loss in
/// nats (natural logarithm), so the gradient norm is in nats per unit of pixel value; the margin in logits. Each
/// sample's values depend only on the network and the sample, not on the other samples or the number of threads.
/// </remarks>
public sealed class AttackSensitivity
{
    private AttackSensitivity(double[] inputGradientL1Norms, double[] logitMargins)
    {
        InputGradientL1Norms = inputGradientL1Norms;
        LogitMargins = logitMargins;
    }

    /// <summary>
    /// Per sample, Σᵢ |∂L/∂xᵢ|: the L1 norm of the gradient of its cross-entropy L = −ln softmax(logits)[label] with
    /// respect to its features xᵢ, as FGSM computes it.
    /// </summary>
    public IReadOnlyList<double> InputGradientL1Norms { get; }

    /// <summary>
    /// Per sample, the logit of its label minus the largest logit of another class: positive when it is classified
    /// correctly, negative when misclassified (0 on a tie).
    /// </summary>
    public IReadOnlyList<double> LogitMargins { get; }

    /// <summary>Measures the sensitivity of every sample of <paramref name="samples"/> to attacks on <paramref name="network"/>.</summary>
    /// <param name="network">The network; it is not modified.</param>
    /// <param name="samples">The samples, each measured against its label.</param>
    /// <param name="threads">Threads to use; 0 means all cores. Results do not depend on it.</param>
    /// <exception cref="ArgumentException">The samples' feature or class count does not fit the network.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is negative.</exception>
    public static AttackSensitivity Of(SparseNetwork network, LabeledSamples samples, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(samples);
        InputPerturbation.RequireSamplesFit(network, samples);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);

        int count = samples.Count;
        var gradientNorms = new double[count];
        var logitMargins = new double[count];
        var batch = new AttackBatch(network, Math.Min(InputPerturbation.BatchSize, count), threads == 0 ? Environment.ProcessorCount : threads);
        var rows = new int[batch.Capacity];
        var attackMargins = new float[batch.Capacity];
        for (int first = 0; first < count; first += rows.Length)
        {
            int size = Math.Min(rows.Length, count - first);
            for (int b = 0; b < size; b++)
            {
                rows[b] = first + b;
            }
            // The seed only keys random streams, which nothing here draws from.
            batch.Load(samples.Features, rows.AsMemory(0, size), samples.Labels, seed: 0, predictClasses: false);
            batch.ComputeInputGradient();
            var gradient = batch.InputGradient;
            int offset = first;
            batch.ForEachSample((start, end) =>
            {
                for (int b = start; b < end; b++)
                {
                    // Summed in feature order, so the norm does not depend on the threads.
                    double norm = 0;
                    for (int i = 0; i < batch.InputSize; i++)
                    {
                        norm += Math.Abs(gradient[i, b]);
                    }
                    gradientNorms[offset + b] = norm;
                }
            });
            batch.AttackMarginsOfLastForward(attackMargins);
            for (int b = 0; b < size; b++)
            {
                // The attack's margin is how far another class lies above the label: the opposite sign.
                logitMargins[first + b] = -attackMargins[b];
            }
        }
        return new AttackSensitivity(gradientNorms, logitMargins);
    }
}
