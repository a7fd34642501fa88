using Microsoft.ML.Data;
using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// Perturbs the rows of a batched cursor a batch at a time with the engine's <see cref="BlockPerturber"/>: each row gets
/// the features the row-by-row mapping gives it (a row's random stream is keyed by its seed and content, not by its
/// batch), with the same checks and messages.
/// </summary>
internal sealed class PerturbationBatchMapper : BatchRowMapper
{
    private readonly NetworkInputPerturbation _perturbation;
    private readonly BlockPerturber _perturber;
    private readonly ValueGetter<VBuffer<float>> _featureGetter;
    private readonly ValueGetter<uint>? _labelGetter;
    private readonly int _inputSize;
    private readonly float[] _features;
    private readonly int[] _labels;
    private readonly int[] _rows;
    private VBuffer<float> _featureBuffer;

    /// <summary>Reads the feature column of <paramref name="input"/> and, when <paramref name="labelled"/>, its class key column.</summary>
    public PerturbationBatchMapper(NetworkInputPerturbation perturbation, DataViewRow input, bool labelled, int capacity, int threads)
        : base(capacity)
    {
        _perturbation = perturbation;
        _perturber = perturbation.CreatePerturber(capacity, threads);
        _featureGetter = input.GetGetter<VBuffer<float>>(input.Schema[perturbation.Payload.FeatureColumnName]);
        _labelGetter = labelled ? input.GetGetter<uint>(input.Schema[SavedColumns.Label]) : null;
        _inputSize = perturbation.Payload.Network.InputSize;
        _features = new float[capacity * _inputSize];
        _labels = new int[capacity];
        _rows = Enumerable.Range(0, capacity).ToArray();
    }

    /// <summary>Columns of the input the mapper reads.</summary>
    public static string[] InputColumns(string featureColumnName, bool labelled) =>
        labelled ? [featureColumnName, SavedColumns.Label] : [featureColumnName];

    /// <summary>Copies and checks the row's features (and class key).</summary>
    /// <exception cref="InvalidOperationException">The row is of the wrong size, outside the range, or has a bad key; the message names the column.</exception>
    public override void ReadRow(int slot, long row)
    {
        _featureGetter(ref _featureBuffer);
        _perturbation.Payload.CheckFeatureCount(_featureBuffer.Length);
        var features = _features.AsSpan(slot * _inputSize, _inputSize);
        _featureBuffer.CopyTo(features);
        uint? label = null;
        if (_labelGetter is not null)
        {
            uint key = 0;
            _labelGetter(ref key);
            label = key;
        }
        _labels[slot] = _perturbation.CheckRow(features, label);
    }

    /// <summary>The perturbed feature column's getter.</summary>
    public override Delegate GetGetter(DataViewSchema.Column column) => VectorGetter(() => _features.AsSpan(Slot * _inputSize, _inputSize));

    protected override void MapBatch(int count, long firstRow) =>
        _perturber.Perturb(_features, _rows.AsMemory(0, count), _labelGetter is null ? null : _labels, _perturbation.Seed, _features);
}
