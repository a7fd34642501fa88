using SparseAdaptive.Data;
using SparseAdaptive.Training;

namespace SparseAdaptive.Benchmarks;

/// <summary>MNIST as engine samples, read from the data directory <c>build/data.sh</c> fills.</summary>
internal static class MnistData
{
    public const int Classes = 10;

    public static LabeledSamples Load(string dataDirectory, IdxSplit split, int? maxCount = null)
    {
        var data = IdxDataset.Load(Path.Combine(dataDirectory, "mnist"), split, maxCount);
        return new LabeledSamples(data.Features, data.Labels.Select(l => (int)l).ToArray(), data.FeatureCount, Classes);
    }

    /// <summary>The first <paramref name="count"/> samples (copied).</summary>
    public static LabeledSamples Head(LabeledSamples samples, int count) =>
        new(samples.Features.AsSpan(0, count * samples.FeatureCount).ToArray(), samples.Labels[..count], samples.FeatureCount, samples.ClassCount);
}
