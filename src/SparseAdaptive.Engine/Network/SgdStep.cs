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
