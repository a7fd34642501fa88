using SparseAdaptive.Network;

namespace SparseAdaptive.Data;

/// <summary>
/// Which samples of a training set are held out for validation: a seeded uniform random choice of
/// round(fraction × count) samples, the rest kept for training, each part in its original order.
/// </summary>
public static class ValidationSplit
{
    // A stream of its own, so the split does not move when other uses of the seed change.
    private const long SplitStream = 3L << 20;

    /// <summary>Splits the sample indices 0 … <paramref name="count"/> − 1 into training and validation indices.</summary>
    /// <param name="count">Number of samples.</param>
    /// <param name="fraction">Fraction held out for validation, in (0, 1); at least one sample lands on each side.</param>
    /// <param name="seed">Seed of the choice: the same seed gives the same split.</param>
    /// <returns>The training and the validation indices, each ascending; together they are every index exactly once.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in (0, 1), or it leaves one side empty.</exception>
    public static (int[] Train, int[] Validation) Indices(int count, double fraction, int seed)
    {
        if (!(fraction is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"The validation fraction must be in (0, 1); got {fraction}.");
        }
        int held = (int)Math.Round(fraction * count, MidpointRounding.AwayFromZero);
        if (held < 1 || held >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction,
                $"A validation fraction of {fraction} of {count} samples holds out {held}: both sides need at least one sample.");
        }
        var order = Enumerable.Range(0, count).ToArray();
        var random = new SeededRandom(seed, SplitStream);
        random.Shuffle(order.AsSpan());
        var validation = order[..held];
        var train = order[held..];
        Array.Sort(validation);
        Array.Sort(train);
        return (train, validation);
    }

    /// <summary>Copies the rows <paramref name="indices"/> of a row-major matrix of <paramref name="width"/> columns.</summary>
    internal static T[] Rows<T>(T[] matrix, int width, int[] indices)
    {
        var rows = new T[(long)indices.Length * width];
        for (int i = 0; i < indices.Length; i++)
        {
            Array.Copy(matrix, (long)indices[i] * width, rows, (long)i * width, width);
        }
        return rows;
    }
}
