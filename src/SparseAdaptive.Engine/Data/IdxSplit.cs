namespace SparseAdaptive.Data;

/// <summary>
/// Which part of an IDX data set (MNIST layout) to read.
/// </summary>
public enum IdxSplit
{
    /// <summary>The training part: files named <c>train-images-idx3-ubyte</c> and <c>train-labels-idx1-ubyte</c>.</summary>
    Train,

    /// <summary>The test part: files named <c>t10k-images-idx3-ubyte</c> and <c>t10k-labels-idx1-ubyte</c>.</summary>
    Test,
}
