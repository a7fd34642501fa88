using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparseAdaptive.Network;

/// <summary>
/// Weight update of a fully connected layer with at least <see cref="MinRows"/> neurons, as a matrix product:
/// <c>Σ_samples outputGradient[j]·input[i]</c> for a register tile of neurons × two vectors of inputs, reading the
/// inputs transposed (sample-major in panels, <see cref="Transpose"/>), so each load serves several neurons. The sparse kernels
/// take each link alone and end every block with a sum across a vector; here each link's gradient is one chain of fused
/// multiply-adds over the samples in order (block by block), whichever thread or tile computes it.
/// </summary>
internal readonly ref struct DenseWeightUpdate(SparseLayer layer, BatchBuffer transposedInput, BatchBuffer outputGradient, int blocks, int rowStart,
    int rowEnd, float[] weightVelocity, SgdStep step) : ILayerKernel
{
    /// <summary>Fewer neurons than this would not repay transposing the inputs (the output layer of a classifier).</summary>
    public const int MinRows = 16;

    /// <summary>Inputs per panel of the transposed block: the two vectors of a register tile.</summary>
    public static int PanelWidth => 2 * KernelDriver.VectorFloats;

    /// <summary>Floats of one transposed block of <paramref name="neurons"/>: whole panels.</summary>
    public static int TransposedLength(int neurons) => (neurons + PanelWidth - 1) / PanelWidth * PanelWidth * BatchBuffer.BlockLanes;

    /// <summary>
    /// Writes one block of <paramref name="neurons"/> × <see cref="BatchBuffer.BlockLanes"/> values sample-major in
    /// panels of <see cref="PanelWidth"/> inputs (<c>[panel][lane][input in panel]</c>), so a register tile reads its
    /// inputs for every sample from one contiguous run of memory.
    /// </summary>
    public static void Transpose(ReadOnlySpan<float> block, Span<float> transposed, int neurons)
    {
        const int lanes = BatchBuffer.BlockLanes;
        const int tile = TileTranspose.Size;
        int panel = PanelWidth;
        if (block.Length < neurons * lanes || transposed.Length < TransposedLength(neurons))
        {
            throw new ArgumentException("The block and its transposed copy must hold every neuron's lanes.");
        }
        ref float source = ref MemoryMarshal.GetReference(block);
        ref float destination = ref MemoryMarshal.GetReference(transposed);
        ReadOnlySpan<nint> tileRows = [0, lanes, 2 * lanes, 3 * lanes, 4 * lanes, 5 * lanes, 6 * lanes, 7 * lanes];
        int tiled = TileTranspose.IsSupported ? neurons / tile * tile : 0;
        for (int i = 0; i < tiled; i += tile)
        {
            for (int lane = 0; lane < lanes; lane += tile)
            {
                TileTranspose.Tile(ref Unsafe.Add(ref source, (nint)i * lanes + lane), tileRows, ref Unsafe.Add(ref destination, Packed(i, lane, panel)), panel);
            }
        }
        for (int i = tiled; i < neurons; i++)
        {
            for (int lane = 0; lane < lanes; lane++)
            {
                Unsafe.Add(ref destination, Packed(i, lane, panel)) = Unsafe.Add(ref source, (nint)i * lanes + lane);
            }
        }
    }

    // Where input i of sample lane lies in a transposed block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Packed(int input, int lane, int panel) =>
        (nint)(input / panel) * panel * BatchBuffer.BlockLanes + (nint)lane * panel + input % panel;

    void ILayerKernel.Run<TV16, TV16Ops, TV, TOps, TIndex>(TIndex[] sources) =>
        Update<TV, TOps>(layer, transposedInput, outputGradient, blocks, rowStart, rowEnd, weightVelocity, step);

    private static void Update<TV, TOps>(SparseLayer layer, BatchBuffer transposedInput, BatchBuffer outputGradient, int blocks, int rowStart, int rowEnd,
        float[] velocity, SgdStep step)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        int inputs = layer.InputSize;
        int span = 2 * TOps.Count;
        var vectorStep = new SgdVectorStep<TV, TOps>(step);
        var operands = new Operands(ref transposedInput.Start, transposedInput.BlockPitch, ref outputGradient.Start, outputGradient.BlockPitch,
            inputs, blocks);
        // Panels of inputs outermost: a panel (every sample of the batch) stays in the first-level cache while all the
        // rows use it. What is left is the traffic of the weights and momentum, read and written once per batch.
        int tiled = inputs / span * span;
        for (int i = 0; i < tiled; i += span)
        {
            int row = rowStart;
            for (; row + DenseTile.Rows <= rowEnd; row += DenseTile.Rows)
            {
                Tile<TV, TOps>(operands, row, DenseTile.Rows, i, layer.Weights, velocity, vectorStep);
            }
            for (; row < rowEnd; row++)
            {
                Tile<TV, TOps>(operands, row, 1, i, layer.Weights, velocity, vectorStep);
            }
        }
        for (int row = rowStart; row < rowEnd; row++)
        {
            Tail(operands, row, tiled, layer.Weights, velocity, step);
        }
    }

    private readonly ref struct Operands(ref float inputs, nint inputPitch, ref float gradients, nint gradientPitch, int inputCount, int blocks)
    {
        public readonly ref float Inputs = ref inputs;
        public readonly ref float Gradients = ref gradients;
        public readonly nint InputPitch = inputPitch;
        public readonly nint GradientPitch = gradientPitch;
        public readonly int InputCount = inputCount;
        public readonly int Blocks = blocks;
    }

    // Rows [row, row + rows) × inputs [first, first + two vectors): rows is DenseTile.Rows or 1, so the JIT keeps the
    // accumulators of a full tile in registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<TV, TOps>(in Operands o, int row, int rows, int first, float[] weights, float[] velocity, in SgdVectorStep<TV, TOps> step)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        const int lanes = BatchBuffer.BlockLanes;
        int width = TOps.Count;
        TV a00 = TOps.Zero, a01 = TOps.Zero, a10 = TOps.Zero, a11 = TOps.Zero, a20 = TOps.Zero, a21 = TOps.Zero;
        TV a30 = TOps.Zero, a31 = TOps.Zero, a40 = TOps.Zero, a41 = TOps.Zero, a50 = TOps.Zero, a51 = TOps.Zero;
        for (int block = 0; block < o.Blocks; block++)
        {
            ref float x = ref Unsafe.Add(ref o.Inputs, block * o.InputPitch + Packed(first, 0, 2 * width));
            ref float g = ref Unsafe.Add(ref o.Gradients, block * o.GradientPitch + (nint)row * lanes);
            for (nint lane = 0; lane < lanes; lane++)
            {
                ref float xl = ref Unsafe.Add(ref x, lane * 2 * width);
                TV x0 = TOps.Load(ref xl);
                TV x1 = TOps.Load(ref Unsafe.Add(ref xl, width));
                ref float gl = ref Unsafe.Add(ref g, lane);
                TV g0 = TOps.Broadcast(gl);
                a00 = TOps.MultiplyAdd(x0, g0, a00);
                a01 = TOps.MultiplyAdd(x1, g0, a01);
                if (rows == DenseTile.Rows)
                {
                    TV g1 = TOps.Broadcast(Unsafe.Add(ref gl, lanes));
                    a10 = TOps.MultiplyAdd(x0, g1, a10);
                    a11 = TOps.MultiplyAdd(x1, g1, a11);
                    TV g2 = TOps.Broadcast(Unsafe.Add(ref gl, 2 * lanes));
                    a20 = TOps.MultiplyAdd(x0, g2, a20);
                    a21 = TOps.MultiplyAdd(x1, g2, a21);
                    TV g3 = TOps.Broadcast(Unsafe.Add(ref gl, 3 * lanes));
                    a30 = TOps.MultiplyAdd(x0, g3, a30);
                    a31 = TOps.MultiplyAdd(x1, g3, a31);
                    TV g4 = TOps.Broadcast(Unsafe.Add(ref gl, 4 * lanes));
                    a40 = TOps.MultiplyAdd(x0, g4, a40);
                    a41 = TOps.MultiplyAdd(x1, g4, a41);
                    TV g5 = TOps.Broadcast(Unsafe.Add(ref gl, 5 * lanes));
                    a50 = TOps.MultiplyAdd(x0, g5, a50);
                    a51 = TOps.MultiplyAdd(x1, g5, a51);
                }
            }
        }
        int at = row * o.InputCount + first;
        Step(a00, a01, weights, velocity, at, step);
        if (rows == DenseTile.Rows)
        {
            Step(a10, a11, weights, velocity, at + o.InputCount, step);
            Step(a20, a21, weights, velocity, at + 2 * o.InputCount, step);
            Step(a30, a31, weights, velocity, at + 3 * o.InputCount, step);
            Step(a40, a41, weights, velocity, at + 4 * o.InputCount, step);
            Step(a50, a51, weights, velocity, at + 5 * o.InputCount, step);
        }
    }

    // The tile's two vectors of links of one row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<TV, TOps>(TV gradient0, TV gradient1, float[] weights, float[] velocity, int at, in SgdVectorStep<TV, TOps> step)
        where TV : struct
        where TOps : struct, IVectorOps<TV>
    {
        step.Apply(ref weights[at], ref velocity[at], gradient0);
        step.Apply(ref weights[at + TOps.Count], ref velocity[at + TOps.Count], gradient1);
    }

    // Inputs past the last full tile, one link at a time: the same chain of fused multiply-adds as a vector lane.
    private static void Tail(in Operands o, int row, int first, float[] weights, float[] velocity, SgdStep step)
    {
        const int lanes = BatchBuffer.BlockLanes;
        int panel = PanelWidth;
        for (int i = first; i < o.InputCount; i++)
        {
            float sum = 0f;
            for (int block = 0; block < o.Blocks; block++)
            {
                ref float g = ref Unsafe.Add(ref o.Gradients, block * o.GradientPitch + (nint)row * lanes);
                for (int lane = 0; lane < lanes; lane++)
                {
                    float x = Unsafe.Add(ref o.Inputs, block * o.InputPitch + Packed(i, lane, panel));
                    sum = MathF.FusedMultiplyAdd(x, Unsafe.Add(ref g, lane), sum);
                }
            }
            step.Apply(weights, velocity, row * o.InputCount + i, sum);
        }
    }
}
