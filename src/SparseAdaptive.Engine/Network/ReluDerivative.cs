using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>The ReLU/dropout derivative every input-gradient kernel applies to its sums, written once so their results agree.</summary>
internal static class ReluDerivative
{
    /// <summary>
    /// A gradient times the ReLU/dropout derivative: <paramref name="scale"/> where <paramref name="activation"/> is
    /// positive, zero elsewhere (a product, then a selection: the two roundings every input-gradient kernel ends with).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TOps>(TV gradient, TV activation, TV scale)
        where TV : struct
        where TOps : struct, IVectorOps<TV> =>
        TOps.WherePositive(activation, TOps.Multiply(gradient, scale));

    /// <summary>Multiplies a gradient by the ReLU/dropout derivative: <paramref name="derivativeScale"/> where the activation is positive, zero elsewhere.</summary>
    public static void Apply<TV, TOps>(Span<float> gradient, ReadOnlySpan<float> activation, float derivativeScale)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        TV scale = TOps.Broadcast(derivativeScale);
        ref float gateBase = ref MemoryMarshal.GetReference(activation);
        ref float gradientBase = ref MemoryMarshal.GetReference(gradient);
        for (int at = 0; at < gradient.Length; at += TOps.Count)
        {
            ref float d = ref Unsafe.Add(ref gradientBase, at);
            TOps.Store(Apply<TV, TOps>(TOps.Load(ref d), TOps.Load(ref Unsafe.Add(ref gateBase, at)), scale), ref d);
        }
    }
}
