namespace SparseAdaptive.Robustness;

/// <summary>
/// Projected gradient descent (Madry et al.), untargeted, in L∞: optionally start at a uniform random point of the
/// ε-ball, then repeat a signed-gradient step of <see cref="StepSize"/>, projection onto the ε-ball around the
/// original features and clipping to the range. The last iterate is returned; with several <see cref="Restarts"/>, the
/// attack runs from that many random starts and keeps, per sample, the restart that pushed it furthest past its class.
/// </summary>
public sealed class PgdAttack : InputPerturbation
{
    /// <summary>Describes a PGD attack.</summary>
    /// <param name="epsilon">Radius of the L∞ ball the features stay in, ≥ 0; 0 leaves the features unchanged.</param>
    /// <param name="stepSize">Size of each step, &gt; 0; by default 2.5 × <paramref name="epsilon"/> / <paramref name="iterations"/>.</param>
    /// <param name="iterations">Number of steps, &gt; 0. Default 10.</param>
    /// <param name="randomStart">Whether to start at a uniform random point of the ball (drawn per sample from the seed). Default true.</param>
    /// <param name="range">The valid feature range; default [0, 1].</param>
    /// <param name="restarts">Number of random starts, &gt; 0 (more than one needs <paramref name="randomStart"/>). Default 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; the message names it.</exception>
    public PgdAttack(float epsilon, float? stepSize = null, int iterations = 10, bool randomStart = true, FeatureRange? range = null, int restarts = 1)
        : base(range)
    {
        Epsilon = AttackArguments.RequireNonNegative(epsilon, nameof(epsilon));
        if (iterations <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, $"{nameof(iterations)} must be positive; got {iterations}.");
        }
        Iterations = iterations;
        StepSize = stepSize is float step ? AttackArguments.RequirePositive(step, nameof(stepSize)) : 2.5f * epsilon / iterations;
        RandomStart = randomStart;
        if (restarts <= 0 || (restarts > 1 && !randomStart))
        {
            throw new ArgumentOutOfRangeException(nameof(restarts), restarts,
                $"{nameof(restarts)} must be positive, and 1 without a random start (every restart would be the same); got {restarts}.");
        }
        Restarts = restarts;
    }

    /// <summary>Radius of the L∞ ball around the original features.</summary>
    public float Epsilon { get; }

    /// <summary>Size of each signed-gradient step.</summary>
    public float StepSize { get; }

    /// <summary>Number of steps.</summary>
    public int Iterations { get; }

    /// <summary>Whether the attack starts at a uniform random point of the ball.</summary>
    public bool RandomStart { get; }

    /// <summary>Number of random starts; each sample keeps the restart that pushed it furthest past its class.</summary>
    public int Restarts { get; }

    internal override void PerturbBatch(AttackBatch batch)
    {
        if (Restarts == 1)
        {
            Attack(batch);
            return;
        }
        // Each restart draws a new start from the samples' random streams, which carry on from the last restart.
        var best = new BestRestart(batch);
        for (int restart = 0; restart < Restarts; restart++)
        {
            Attack(batch);
            best.Consider(batch);
        }
        best.Restore(batch);
    }

    private void Attack(AttackBatch batch)
    {
        var original = batch.Original;
        var inputs = batch.Inputs;
        if (RandomStart)
        {
            batch.ForEachSample((start, end) =>
            {
                for (int b = start; b < end; b++)
                {
                    ref var random = ref batch.Random(b);
                    for (int i = 0; i < batch.InputSize; i++)
                    {
                        inputs[i, b] = Range.Clip(original[i, b] + random.NextSymmetric(Epsilon));
                    }
                }
            });
        }
        for (int step = 0; step < Iterations; step++)
        {
            batch.ComputeInputGradient();
            batch.StepAlongGradientSign(StepSize, Epsilon, Range);
        }
    }
}
