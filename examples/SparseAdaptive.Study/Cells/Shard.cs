using System.Globalization;

namespace SparseAdaptive.Study.Cells;

/// <summary>
/// One of <see cref="Count"/> parts of a list of cells, for one task of an array job. The parts are balanced by the
/// cells' estimated times (longest first, each to the part with the least so far), and every cell is in exactly one.
/// </summary>
/// <param name="Index">Which part, from 0 (as Slurm numbers array tasks).</param>
/// <param name="Count">How many parts.</param>
internal readonly record struct Shard(int Index, int Count)
{
    /// <summary>Parses "K/N" with 0 ≤ K &lt; N.</summary>
    /// <exception cref="ArgumentException">The text is not of that form; the message names --shard.</exception>
    public static Shard Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            || count < 1 || index >= count)
        {
            throw new ArgumentException($"--shard takes K/N with 0 ≤ K < N (part K of N, counted from 0); got '{text}'.");
        }
        return new Shard(index, count);
    }

    /// <summary>The cells of this part, in their order in <paramref name="cells"/>.</summary>
    public IReadOnlyList<StudyCell> Of(IReadOnlyList<StudyCell> cells)
    {
        var load = new double[Count];
        var part = new int[cells.Count];
        // Ties go to the earlier cell and the lower part, so every task computes the same split.
        foreach (int i in Enumerable.Range(0, cells.Count).OrderByDescending(i => cells[i].EstimatedSeconds).ThenBy(i => i))
        {
            int lightest = Array.IndexOf(load, load.Min());
            part[i] = lightest;
            load[lightest] += cells[i].EstimatedSeconds;
        }
        int index = Index;
        return cells.Where((_, i) => part[i] == index).ToArray();
    }
}
