using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparseAdaptive.Engine.Tests.Engine;

/// <summary>A theory skipped, and reported as skipped, where the kernels do not run 512-bit vectors.</summary>
public sealed class Avx512TheoryAttribute : TheoryAttribute
{
    public Avx512TheoryAttribute()
    {
        if (!(Vector512.IsHardwareAccelerated && Avx512F.IsSupported))
        {
            Skip = "The kernels run 512-bit vectors only where the processor has AVX-512 (and DOTNET_EnableAVX512 is not 0).";
        }
    }
}
