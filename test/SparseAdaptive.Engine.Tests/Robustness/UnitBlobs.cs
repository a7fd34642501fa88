using SparseAdaptive.TestSupport;
using SparseAdaptive.Training;

namespace SparseAdaptive.Engine.Tests.Robustness;

/// <summary>Gaussian blobs (see <see cref="SmallNetworks.Blobs"/>) clipped to [0, 1], the range input attacks accept by default.</summary>
internal static class UnitBlobs
{
    public static LabeledSamples Create(int count, int features, int classes, int seed, float spread = 0.25f)
    {
        var blobs = SmallNetworks.Blobs(count, features, classes, seed, spread: spread);
        return new LabeledSamples(blobs.Features.Select(x => Math.Clamp(x, 0f, 1f)).ToArray(), blobs.Labels, features, classes);
    }
}
