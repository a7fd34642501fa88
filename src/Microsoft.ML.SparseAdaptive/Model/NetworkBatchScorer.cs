using Microsoft.ML.Data;
using SparseAdaptive.Network;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>
/// Scores up to <see cref="BatchRowMapper.Capacity"/> rows at once with the engine's batched forward pass, which gives
/// the same probabilities, bit for bit, as <see cref="SparseNetwork.Predict"/> on each row (what the saved chain runs),
/// and treats rows that cannot be scored as the chain does (<see cref="ModelPayload.IsScorable"/>).
/// </summary>
internal sealed class NetworkBatchScorer : BatchRowMapper
{
    private readonly ModelPayload _payload;
    private readonly BatchPropagator _propagator;
    private readonly ValueGetter<VBuffer<float>> _featureGetter;
    private readonly float[] _features;
    private readonly int[] _rows;
    private readonly float[] _probabilities;
    private readonly uint[] _predicted;
    private VBuffer<float> _featureBuffer;

    public NetworkBatchScorer(ModelPayload payload, DataViewRow input, int capacity, int threads)
        : base(capacity)
    {
        var network = payload.Network;
        _payload = payload;
        _propagator = new BatchPropagator(network, capacity, threads, BatchGradients.None);
        _featureGetter = input.GetGetter<VBuffer<float>>(input.Schema[payload.FeatureColumnName]);
        _features = new float[capacity * network.InputSize];
        _rows = Enumerable.Range(0, capacity).ToArray();
        _probabilities = new float[capacity * network.ClassCount];
        _predicted = new uint[capacity];
    }

    /// <summary>Copies the row's features (dense or sparse) into slot <paramref name="slot"/> of the next batch.</summary>
    /// <exception cref="InvalidOperationException">The row does not have the network's input size.</exception>
    public override void ReadRow(int slot, long row)
    {
        _featureGetter(ref _featureBuffer);
        _payload.CheckFeatureCount(_featureBuffer.Length);
        _featureBuffer.CopyTo(Features(slot));
    }

    /// <summary>Score's and PredictedLabel's getters.</summary>
    public override Delegate GetGetter(DataViewSchema.Column column) => column.Name switch
    {
        SavedColumns.Score => VectorGetter(() => Probabilities(Slot)),
        SavedColumns.PredictedLabel => (ValueGetter<uint>)((ref uint value) => value = PredictedKey(Slot)),
        _ => throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' is not a score column."),
    };

    protected override void MapBatch(int count, long firstRow)
    {
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

    private ReadOnlySpan<float> Probabilities(int row) =>
        _probabilities.AsSpan(row * _payload.Network.ClassCount, _payload.Network.ClassCount);

    /// <summary>The PredictedLabel key: the class index plus one, or 0 (missing) for a row that could not be scored.</summary>
    private uint PredictedKey(int row) => _predicted[row] == NetworkScoringMappingFactory.NoClass ? 0 : _predicted[row] + 1;

    private Span<float> Features(int row) => _features.AsSpan(row * _payload.Network.InputSize, _payload.Network.InputSize);
}
