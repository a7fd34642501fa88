namespace SparseAdaptive.Network;

/// <summary>
/// The weight gradient of one link over a block of <see cref="BatchBuffer.BlockLanes"/> samples held as four vectors
/// of output gradient and four of input, summed exactly as the weight-gradient kernels sum a block (even 16-lane vectors
/// into one accumulator and odd into the other, or even and odd 8-lane vectors; then across).
/// </summary>
internal interface IBlockDot<TVector> where TVector : struct
{
    static abstract float BlockDot(TVector g0, TVector g1, TVector g2, TVector g3, TVector x0, TVector x1, TVector x2, TVector x3);
}
