using System.Runtime.Intrinsics.X86;

namespace SparseAdaptive.Engine.Tests.Engine;

/// <summary>Instruction sets a test can require.</summary>
public enum Isa
{
    /// <summary>AVX (256-bit float shuffles).</summary>
    Avx,

    /// <summary>AVX-512 Foundation.</summary>
    Avx512F,
}

/// <summary>A theory skipped, and reported as skipped, on a processor without <see cref="Isa"/>.</summary>
public sealed class IsaTheoryAttribute : TheoryAttribute
{
    public IsaTheoryAttribute(Isa isa)
    {
        bool supported = isa switch
        {
            Isa.Avx => Avx.IsSupported,
            Isa.Avx512F => Avx512F.IsSupported,
            _ => throw new ArgumentOutOfRangeException(nameof(isa)),
        };
        if (!supported)
        {
            Skip = $"This processor has no {isa}.";
        }
    }
}
