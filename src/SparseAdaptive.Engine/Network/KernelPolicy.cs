namespace SparseAdaptive.Network;

/// <summary>
/// Which kernels a <see cref="BatchPropagator"/> gives its layers: it builds each layer's <see cref="LayerPlan"/>. Passed
/// to the propagator, never switched globally, so propagators of both policies can run side by side.
/// </summary>
internal sealed class KernelPolicy
{
    private KernelPolicy(bool denseKernels) => DenseKernels = denseKernels;

    /// <summary>Fully connected layers on the dense kernels, every other layer on the sparse ones: what training and scoring run.</summary>
    public static KernelPolicy Default { get; } = new(denseKernels: true);

    /// <summary>The sparse kernels on every link, fully connected layers included: the path dense layers took before, kept to compare against.</summary>
    public static KernelPolicy SparseKernelsOnly { get; } = new(denseKernels: false);

    /// <summary>Whether fully connected layers run the dense kernels.</summary>
    public bool DenseKernels { get; }

    /// <summary>Whether <paramref name="layer"/>'s forward and input gradient run the dense kernels.</summary>
    public bool RunsDense(SparseLayer layer) => DenseKernels && layer.IsDense;

    /// <summary>Whether <paramref name="layer"/>'s weights are updated as dense register tiles (<see cref="DenseWeightUpdate"/>).</summary>
    public bool UpdatesDenseTiles(SparseLayer layer) => RunsDense(layer) && layer.OutputSize >= DenseWeightUpdate.MinRows;

    /// <summary>
    /// The plan of <paramref name="layer"/> as its links are now, for what <paramref name="needs"/> says will be run;
    /// <paramref name="previous"/> (the layer's plan for older links) lends the buffers that still fit.
    /// </summary>
    public LayerPlan Plan(SparseLayer layer, PlanNeeds needs = default, LayerPlan? previous = null) => new(layer, this, needs, previous);
}

/// <summary>What a <see cref="LayerPlan"/> must be ready to run besides the forward pass.</summary>
/// <param name="InputGradient">The gradient with respect to the layer's inputs.</param>
/// <param name="WeightUpdate">The weight update, over batches of up to <paramref name="Blocks"/> blocks.</param>
/// <param name="LinkShares">Each block's share of the link gradients, computed in the training pass.</param>
/// <param name="Blocks">Blocks of <see cref="BatchBuffer.BlockLanes"/> samples in a batch.</param>
internal readonly record struct PlanNeeds(bool InputGradient, bool WeightUpdate, bool LinkShares, int Blocks);
