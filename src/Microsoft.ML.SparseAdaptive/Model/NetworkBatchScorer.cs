using Microsoft.ML.Data;
using SparseAdaptive.Network;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Scores up to <see cref="Capacity"/> rows at once with the engine's batched forward pass, which gives the same
/// probabilities, bit for bit, as <see cref="SparseNetwork.Predict"/> on each row (what the saved chain runs).
/// </summary>
internal sealed class NetworkBatchScorer
{
    private readonly NetworkPayload _payload;
    private readonly BatchPropagator _propagator;
    private readonly float[] _features;
    private readonly int[] _rows;
    private readonly float[] _probabilities;
    private readonly uint[] _predicted;

    public NetworkBatchScorer(NetworkPayload payload, int capacity, int threads)
    {
        var network = payload.Network;
        _payload = payload;
        _propagator = new BatchPropagator(network, capacity, threads, BatchGradients.None);
        _features = new float[capacity * network.InputSize];
        _rows = Enumerable.Range(0, capacity).ToArray();
        _probabilities = new float[capacity * network.ClassCount];
        _predicted = new uint[capacity];
    }

    public int Capacity => _rows.Length;

    /// <summary>Rows in the batch last scored.</summary>
    public int Count { get; private set; }

    /// <summary>Copies one row's features (dense or sparse) into slot <paramref name="row"/> of the next batch.</summary>
    /// <exception cref="InvalidOperationException">The row does not have the network's input size.</exception>
    public void SetFeatures(int row, in VBuffer<float> features)
    {
        int inputSize = _payload.Network.InputSize;
        _payload.CheckFeatureCount(features.Length);
        features.CopyTo(_features.AsSpan(row * inputSize, inputSize));
    }

    /// <summary>Scores the first <paramref name="count"/> slots.</summary>
    public void Score(int count)
    {
        Count = count;
        if (count == 0)
            return;
        _propagator.Load(_features, _rows.AsMemory(0, count));
        _propagator.Forward();
        int classCount = _payload.Network.ClassCount;
        for (int row = 0; row < count; row++)
        {
            var probabilities = _probabilities.AsSpan(row * classCount, classCount);
            _propagator.Probabilities(row, probabilities);
            _predicted[row] = (uint)NetworkScoringMappingFactory.IndexOfMax(probabilities);
        }
    }

    public ReadOnlySpan<float> Probabilities(int row) =>
        _probabilities.AsSpan(row * _payload.Network.ClassCount, _payload.Network.ClassCount);

    /// <summary>Index of the most probable class, chosen as the row-by-row mapping chooses it.</summary>
    public uint PredictedIndex(int row) => _predicted[row];
}
