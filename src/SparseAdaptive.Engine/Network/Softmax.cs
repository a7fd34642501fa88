namespace SparseAdaptive.Network;

/// <summary>Softmax of a network's output logits, shared by training and scoring so both give identical probabilities.</summary>
internal static class Softmax
{
    /// <summary>
    /// Turns <paramref name="values"/> (logits) into probabilities in place and returns the index of the largest.
    /// <paramref name="logPartition"/> is log Σ exp(logit), so the cross-entropy of class c is logPartition − logit[c]
    /// without the underflow of −log(probability).
    /// </summary>
    public static int Apply(Span<float> values, out float logPartition)
    {
        int best = IndexOfMax(values);
        float max = values[best];
        float sum = 0f;
        for (int c = 0; c < values.Length; c++)
        {
            values[c] = MathF.Exp(values[c] - max);
            sum += values[c];
        }
        logPartition = max + MathF.Log(sum);
        float inverse = 1f / sum;
        for (int c = 0; c < values.Length; c++)
        {
            values[c] *= inverse;
        }
        return best;
    }

    /// <summary>The first index of the largest value: the predicted class of logits or probabilities (ties go to the lower class).</summary>
    public static int IndexOfMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }
}
