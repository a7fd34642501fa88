using Microsoft.ML.Data;
using SparseAdaptive.Network;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Scores up to <see cref="Capacity"/> rows at once with the engine's batched forward pass, which gives the same
/// probabilities, bit for bit, as <see cref="SparseNetwork.Predict"/> on each row (what the saved chain runs), and
/// treats rows that cannot be scored as the chain does (<see cref="ModelPayload.IsScorable"/>).
/// </summary>
internal sealed class NetworkBatchScorer
{
    private readonly ModelPayload _payload;
    private readonly BatchPropagator _propagator;
    private readonly float[] _features;
    private readonly int[] _rows;
    private readonly float[] _probabilities;
    private readonly uint[] _predicted;

    public NetworkBatchScorer(ModelPayload payload, int capacity, int threads)
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
        _payload.CheckFeatureCount(features.Length);
        features.CopyTo(Features(row));
    }

    /// <summary>Scores the first <paramref name="count"/> slots, which hold rows <paramref name="firstRow"/> onwards of the data.</summary>
    public void Score(int count, long firstRow)
    {
        Count = count;
        if (count == 0)
        {
            return;
        }
        _propagator.Load(_features, _rows.AsMemory(0, count));
        _propagator.Forward();
        for (int row = 0; row < count; row++)
        {
            var probabilities = _probabilities.AsSpan(row * _payload.Network.ClassCount, _payload.Network.ClassCount);
            _propagator.Probabilities(row, probabilities);
            _predicted[row] = _payload.IsScorable(Features(row), probabilities, firstRow + row)
                ? (uint)Softmax.IndexOfMax(probabilities)
                : NetworkScoringMappingFactory.NoClass;
        }
    }

    public ReadOnlySpan<float> Probabilities(int row) =>
        _probabilities.AsSpan(row * _payload.Network.ClassCount, _payload.Network.ClassCount);

    /// <summary>The PredictedLabel key: the class index plus one, or 0 (missing) for a row that could not be scored.</summary>
    public uint PredictedKey(int row) => _predicted[row] == NetworkScoringMappingFactory.NoClass ? 0 : _predicted[row] + 1;

    private Span<float> Features(int row) => _features.AsSpan(row * _payload.Network.InputSize, _payload.Network.InputSize);
}
