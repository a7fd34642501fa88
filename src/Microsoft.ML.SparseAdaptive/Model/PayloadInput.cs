using Microsoft.ML.Data;

namespace Microsoft.ML.SparseAdaptive.Model;

/// <summary>What the custom mapping of every <see cref="SavedLayout"/> chain reads: the features and the encoded payload.</summary>
internal class PayloadInput
{
    [ColumnName(SavedColumns.Features)]
    public VBuffer<float> Features;

    [ColumnName(SavedColumns.Payload)]
    public ReadOnlyMemory<char> Payload;
}

/// <summary>The input of a labelled component's mapping: also the class, as the 1-based class key (0 is missing).</summary>
internal sealed class LabelledPayloadInput : PayloadInput
{
    [ColumnName(SavedColumns.Label)]
    public uint Label;
}
