using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Options of neuron removal (see <see cref="NeuronRemoval"/>): a fraction of each hidden layer's neurons lose every
/// link in and out, at random or hubs first. Use with <c>mlContext.Transforms.PerturbWeights</c> or <c>RemoveNeurons</c>.
/// </summary>
public sealed class NeuronRemovalOptions : NetworkPerturbationOptions
{
    /// <summary>Fraction of each chosen hidden layer's neurons to remove, in [0, 1]. Default 0.1.</summary>
    public double Fraction { get; set; } = 0.1;

    /// <summary>Which neurons go first. Default <see cref="NeuronOrder.Random"/>; the hub orders ignore the seed.</summary>
    public NeuronOrder Order { get; set; } = NeuronOrder.Random;

    /// <summary>
    /// The one hidden layer to remove neurons from, ≥ 0, as the index of the layer producing it (0 for the first hidden
    /// layer); null (the default) for every hidden layer.
    /// </summary>
    public int? HiddenLayer { get; set; }

    internal override NetworkPerturbation CreatePerturbation() => new NeuronRemoval(Fraction, Order, HiddenLayer);
}
