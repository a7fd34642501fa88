namespace SparseAdaptive.Network;

/// <summary>
/// One link (connection) of a layer: from input neuron <see cref="Source"/> to output neuron <see cref="Target"/>.
/// </summary>
/// <param name="Source">Index of the neuron in the layer's input, in [0, InputSize).</param>
/// <param name="Target">Index of the neuron in the layer's output, in [0, OutputSize).</param>
/// <param name="Weight">The link's weight.</param>
public readonly record struct Link(int Source, int Target, float Weight);
