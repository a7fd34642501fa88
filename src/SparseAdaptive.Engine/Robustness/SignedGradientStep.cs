using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SparseAdaptive.Network;

namespace SparseAdaptive.Robustness;

/// <summary>
/// The step of FGSM and PGD over one block of an <see cref="AttackBatch"/>, lane by lane:
/// <c>x ← clip(min(max(x + step · sign(g), o − radius), o + radius))</c>, with <c>o</c> the original features and
/// <c>clip</c> the feature range. Each lane gets the operations a scalar loop would make, in the same order (no fused
/// multiply-add), so a sample's bits do not depend on the vector width; an infinite radius leaves the step unprojected.
/// </summary>
internal readonly ref struct SignedGradientStep : IElementwiseKernel
{
    private readonly Span<float> _inputs;
    private readonly ReadOnlySpan<float> _original;
    private readonly ReadOnlySpan<float> _gradient;
    private readonly float _step;
    private readonly float _radius;
    private readonly FeatureRange _range;

    /// <param name="inputs">The block's current inputs (<see cref="BatchBuffer.Block"/>), rewritten.</param>
    /// <param name="original">The block's original inputs, as long.</param>
    /// <param name="gradient">The block's input gradient, as long.</param>
    /// <param name="step">How far each feature moves along the sign of its gradient.</param>
    /// <param name="radius">The L∞ distance from the original that the step is projected back to; infinity for none.</param>
    /// <param name="range">The valid feature range.</param>
    public SignedGradientStep(Span<float> inputs, ReadOnlySpan<float> original, ReadOnlySpan<float> gradient, float step, float radius, FeatureRange range)
    {
        if (inputs.Length % BatchBuffer.BlockLanes != 0 || original.Length != inputs.Length || gradient.Length != inputs.Length)
        {
            throw new ArgumentException("The inputs, originals and gradients must be whole blocks of the same length.", nameof(inputs));
        }
        _inputs = inputs;
        _original = original;
        _gradient = gradient;
        _step = step;
        _radius = radius;
        _range = range;
    }

    public void Run<TV, TOps>()
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        ref float inputs = ref MemoryMarshal.GetReference(_inputs);
        ref float original = ref MemoryMarshal.GetReference(_original);
        ref float gradient = ref MemoryMarshal.GetReference(_gradient);
        TV step = TOps.Broadcast(_step), radius = TOps.Broadcast(_radius);
        TV min = TOps.Broadcast(_range.Min), max = TOps.Broadcast(_range.Max);
        for (int k = 0; k < _inputs.Length; k += TOps.Count)
        {
            TV origin = TOps.Load(ref Unsafe.Add(ref original, k));
            TV moved = TOps.Add(TOps.Load(ref Unsafe.Add(ref inputs, k)), TOps.Multiply(step, TOps.Sign(TOps.Load(ref Unsafe.Add(ref gradient, k)))));
            TV projected = TOps.Min(TOps.Max(moved, TOps.Subtract(origin, radius)), TOps.Add(origin, radius));
            TOps.Store(TOps.Min(TOps.Max(projected, min), max), ref Unsafe.Add(ref inputs, k));
        }
    }
}
