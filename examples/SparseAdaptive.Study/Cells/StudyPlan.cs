using System.Globalization;

namespace SparseAdaptive.Study.Cells;

/// <summary>
/// Every cell a study is made of, in an order that runs each cell after the cells it depends on: per training seed and
/// data set, one training cell per kind, the null models trained from the adaptive network, the parameter sweeps'
/// variants (first seeds only), a measurement cell per trained network, then the transfer attacks among the main kinds.
/// Seeds come first, so that a study stopped halfway has every data set and kind at its first seeds.
/// </summary>
internal sealed class StudyPlan
{
    /// <summary>The kinds among which transfer attacks are crafted and scored.</summary>
    public static readonly NetworkKind[] TransferKinds = [NetworkKind.Adaptive, NetworkKind.Static, NetworkKind.Dense, NetworkKind.DenseEqualLinks];

    private readonly List<StudyCell> _cells;

    /// <summary>The plan of the study <paramref name="options"/> describe.</summary>
    public StudyPlan(StudyOptions options)
    {
        _cells = [];
        for (int seed = 0; seed < options.Seeds; seed++)
        {
            foreach (var dataSet in options.DataSets)
            {
                var main = options.Kinds.Where(k => !k.IsNullModel()).Select(kind => new TrainingCell(options, dataSet, kind, seed)).ToList();
                var adaptive = main.FirstOrDefault(c => c.Kind == NetworkKind.Adaptive);
                var nulls = adaptive is null ? [] : options.Kinds.Where(k => k.IsNullModel())
                    .Select(kind => new TrainingCell(options, dataSet, kind, seed, adaptive: adaptive));
                var variants = seed >= options.VariantSeeds ? [] : options.Kinds
                    .SelectMany(kind => options.Variants(kind).Select(variant => new TrainingCell(options, dataSet, kind, seed, variant)));
                var trained = main.Concat(nulls).Concat(variants).ToArray();
                _cells.AddRange(trained);
                _cells.AddRange(trained.Select(cell => new MeasurementCell(options, cell)));
                var transferred = main.Where(c => TransferKinds.Contains(c.Kind)).ToArray();
                if (transferred.Length > 1)
                {
                    _cells.Add(new TransferCell(options, dataSet, seed, transferred));
                }
            }
        }
    }

    /// <summary>Every cell; a cell's index here is its number on the command line (<c>--cells</c>).</summary>
    public IReadOnlyList<StudyCell> Cells => _cells;

    /// <summary>The training cells, in plan order.</summary>
    public IEnumerable<TrainingCell> TrainingCells => Cells.OfType<TrainingCell>();

    /// <summary>The measurement cells, in plan order.</summary>
    public IEnumerable<MeasurementCell> MeasurementCells => Cells.OfType<MeasurementCell>();

    /// <summary>The transfer cells, in plan order.</summary>
    public IEnumerable<TransferCell> TransferCells => Cells.OfType<TransferCell>();

    /// <summary>
    /// The cells a run should consider, in plan order: those of <paramref name="stage"/> (all stages when null), then
    /// those of the numbered <paramref name="ranges"/> (all when null), then the ones of <paramref name="shard"/>.
    /// </summary>
    public IReadOnlyList<StudyCell> Select(int? stage, string? ranges, Shard? shard)
    {
        var numbers = ranges is null ? null : ParseRanges(ranges, Cells.Count);
        var selected = Cells.Where((cell, i) => (stage is null || cell.Stage == stage) && (numbers is null || numbers.Contains(i))).ToArray();
        return shard is Shard part ? part.Of(selected) : selected;
    }

    /// <summary>The number of <paramref name="cell"/> in <see cref="Cells"/>.</summary>
    public int IndexOf(StudyCell cell) => _cells.IndexOf(cell);

    /// <summary>The highest stage of the plan: how many rounds of dependent cells follow the training cells.</summary>
    public int LastStage => Cells.Max(c => c.Stage);

    /// <summary>
    /// Cell numbers from a list such as "0-9,14": single numbers and inclusive ranges, comma-separated.
    /// </summary>
    /// <exception cref="ArgumentException">A part does not parse, a range runs backwards, or a number is outside the plan; the message names --cells.</exception>
    public static SortedSet<int> ParseRanges(string ranges, int count)
    {
        var numbers = new SortedSet<int>();
        foreach (string part in ranges.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] ends = part.Split('-');
            if (ends.Length is < 1 or > 2 || !ends.All(e => int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                throw new ArgumentException($"--cells: '{part}' is neither a cell number nor a range such as 0-9.");
            }
            int first = int.Parse(ends[0], CultureInfo.InvariantCulture);
            int last = int.Parse(ends[^1], CultureInfo.InvariantCulture);
            if (last < first)
            {
                throw new ArgumentException($"--cells: the range '{part}' runs backwards.");
            }
            if (last >= count)
            {
                throw new ArgumentException($"--cells: the plan has cells 0 to {count - 1}; '{part}' goes beyond.");
            }
            for (int n = first; n <= last; n++)
            {
                numbers.Add(n);
            }
        }
        if (numbers.Count == 0)
        {
            throw new ArgumentException("--cells must name at least one cell.");
        }
        return numbers;
    }
}
