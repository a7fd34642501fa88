using System.Runtime.CompilerServices;

namespace SparseAdaptive.Network;

/// <summary>The hyper-parameters of one momentum SGD step: <c>v = μ·v + (g + λ·w); w -= lr·v</c> (no decay on biases).</summary>
internal readonly record struct SgdStep(float LearningRate, float Momentum, float L2Regularization)
{
    /// <summary>One step of link <paramref name="link"/> given its gradient summed over the batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(float[] weights, float[] velocity, int link, float gradientSum)
    {
        float gradient = gradientSum + L2Regularization * weights[link];
        velocity[link] = Momentum * velocity[link] + gradient;
        weights[link] -= LearningRate * velocity[link];
    }

    /// <summary>One step of bias <paramref name="row"/> given its gradient summed over the batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ApplyToBias(float[] biases, float[] velocity, int row, float gradientSum)
    {
        velocity[row] = Momentum * velocity[row] + gradientSum;
        biases[row] -= LearningRate * velocity[row];
    }
}

/// <summary>
/// An <see cref="SgdStep"/> broadcast to vectors, for kernels that step a vector of consecutive links at once: each lane
/// makes the roundings of <see cref="SgdStep.Apply"/> (no fused multiply-adds), so the bits are those of the scalar step.
/// </summary>
internal readonly struct SgdVectorStep<TV, TOps>(SgdStep step)
    where TV : struct
    where TOps : struct, IVectorOps<TV>
{
    private readonly TV _learningRate = TOps.Broadcast(step.LearningRate);
    private readonly TV _momentum = TOps.Broadcast(step.Momentum);
    private readonly TV _l2Regularization = TOps.Broadcast(step.L2Regularization);

    /// <summary>One step of the links at <paramref name="weight"/> and on, given their gradients summed over the batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref float weight, ref float velocity, TV gradientSum)
    {
        TV w = TOps.Load(ref weight);
        TV newVelocity = TOps.Add(TOps.Multiply(_momentum, TOps.Load(ref velocity)), TOps.Add(gradientSum, TOps.Multiply(_l2Regularization, w)));
        TOps.Store(newVelocity, ref velocity);
        TOps.Store(TOps.Subtract(w, TOps.Multiply(_learningRate, newVelocity)), ref weight);
    }
}
