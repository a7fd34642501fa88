using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>What a component's mapping reads in memory, where it holds its network itself: the features.</summary>
internal class FeaturesInput
{
    [ColumnName(SavedColumns.Features)]
    public VBuffer<float> Features;
}

/// <summary>What the custom mapping of a saved <see cref="SavedLayout"/> chain reads: also the encoded payload.</summary>
internal class PayloadInput : FeaturesInput
{
    [ColumnName(SavedColumns.Payload)]
    public ReadOnlyMemory<char> Payload;
}

/// <summary>The input of a labelled component's mapping: also the class, as the 1-based class key (0 is missing).</summary>
internal sealed class LabelledPayloadInput : PayloadInput
{
    [ColumnName(SavedColumns.Label)]
    public uint Label;
}

/// <summary>What a labelled component's mapping reads in memory: the features and the 1-based class key (0 is missing).</summary>
internal sealed class LabelledFeaturesInput : FeaturesInput
{
    [ColumnName(SavedColumns.Label)]
    public uint Label;
}
