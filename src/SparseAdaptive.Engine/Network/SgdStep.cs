namespace SparseAdaptive.Network;

/// <summary>The hyper-parameters of one momentum SGD step: <c>v = μ·v + (g + λ·w); w -= lr·v</c> (no decay on biases).</summary>
internal readonly record struct SgdStep(float LearningRate, float Momentum, float L2Regularization);
