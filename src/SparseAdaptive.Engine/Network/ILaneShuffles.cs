namespace SparseAdaptive.Network;

/// <summary>
/// The two steps that sum several vectors across their lanes at once, each with exactly the additions
/// <c>Vector512.Sum</c> / <c>Vector256.Sum</c> make on one vector (see <see cref="WideRowGradients"/>).
/// </summary>
internal interface ILaneShuffles<TVector> where TVector : struct
{
    /// <summary>In every 128-bit block: <c>[a0 + a1, a2 + a3, b0 + b1, b2 + b3]</c>.</summary>
    static abstract TVector PairWithinBlocks(TVector a, TVector b);

    /// <summary>Adjacent 128-bit blocks added: <c>[a.B0 + a.B1, a.B2 + a.B3, b.B0 + b.B1, b.B2 + b.B3]</c> (512 bits) or <c>[a.B0 + a.B1, b.B0 + b.B1]</c> (256 bits).</summary>
    static abstract TVector PairBlocks(TVector a, TVector b);
}
