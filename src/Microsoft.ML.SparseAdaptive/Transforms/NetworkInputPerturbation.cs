using Microsoft.ML.SparseAdaptive.Model;
using SparseAdaptive.Robustness;

namespace Microsoft.ML.SparseAdaptive.Transforms;

/// <summary>
/// An input perturbation bound to the network it is computed from: what a perturbation's mappings and batched cursors
/// run, decoded once (by the transformer, or by a saved chain's mapping from its payload).
/// </summary>
/// <param name="Payload">The model's feature column, network and handling (its settings are unused here).</param>
/// <param name="Perturbation">The attack or noise.</param>
/// <param name="Seed">Seed of its random choices.</param>
internal sealed record NetworkInputPerturbation(ModelPayload Payload, InputPerturbation Perturbation, int Seed)
{
    /// <summary>Reads the payload of a saved perturbation chain.</summary>
    /// <exception cref="InvalidDataException">The payload is corrupt or holds no readable settings.</exception>
    public static NetworkInputPerturbation Decode(ReadOnlySpan<char> encoded)
    {
        var payload = ModelPayload.Decode(encoded);
        var options = PerturbationSettings.Read(payload.Settings
            ?? throw new InvalidDataException("The SparseAdaptive input perturbation stored in the model has no settings."));
        return new NetworkInputPerturbation(payload, options.CreatePerturbation(), options.Seed!.Value);
    }

    /// <summary>A perturber of blocks of up to <paramref name="capacity"/> rows; one per cursor.</summary>
    public BlockPerturber CreatePerturber(int capacity, int threads) => new(Perturbation, Payload.Network, capacity, threads);

    /// <summary>
    /// Rejects a row the perturbation cannot take: a feature outside its range, or a missing or out-of-range class key.
    /// Returns the attacked class (key − 1), or 0 when the row has no label.
    /// </summary>
    /// <param name="features">The row's features, of the network's input size.</param>
    /// <param name="label">The row's class key, or null when the predicted class is attacked.</param>
    /// <exception cref="InvalidOperationException">The row is rejected; the message names the column.</exception>
    public int CheckRow(ReadOnlySpan<float> features, uint? label)
    {
        var range = Perturbation.Range;
        for (int i = 0; i < features.Length; i++)
        {
            if (!range.Contains(features[i]))
            {
                throw new InvalidOperationException(
                    $"Feature column '{Payload.FeatureColumnName}' has the value {features[i]} at index {i}, outside the valid range [{range.Min}, {range.Max}] of the perturbation.");
            }
        }
        if (label is not uint key)
        {
            return 0;
        }
        if (key == 0 || key > Payload.Network.ClassCount)
        {
            throw new InvalidOperationException(
                $"The label column has a missing or out-of-range key ({key}), or a value that is not one of the model's {Payload.Network.ClassCount} classes.");
        }
        return (int)key - 1;
    }
}
