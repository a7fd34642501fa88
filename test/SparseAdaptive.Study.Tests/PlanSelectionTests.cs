using SparseAdaptive.Study.Cells;

namespace SparseAdaptive.Study.Tests;

public class PlanSelectionTests
{
    private static readonly StudyPlan Plan = new(TestStudies.Quick);

    [Fact]
    public void The_quick_plan_trains_every_kind_of_every_seed_before_the_transfer_cell_that_reads_them()
    {
        Plan.Cells.Should().HaveCount(2 * 2 * 5, "2 data sets × 2 seeds × (4 training cells + 1 transfer cell)");
        foreach (var (cell, dependency) in Plan.Cells.SelectMany(c => c.Dependencies.Select(d => (c, d))))
        {
            Plan.IndexOf(dependency).Should().BeInRange(0, Plan.IndexOf(cell) - 1);
        }
        Plan.Cells.Select(c => c.Stage).Distinct().Should().BeEquivalentTo([0, 1]);
        Plan.TransferCells.Should().OnlyContain(c => c.Stage == 1 && c.Dependencies.Count == 4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(25)]
    public void Every_cell_is_in_exactly_one_shard(int count)
    {
        var shards = Enumerable.Range(0, count).Select(k => Plan.Select(null, null, new Shard(k, count))).ToArray();

        shards.SelectMany(s => s).Select(Plan.IndexOf).Order().Should().Equal(Enumerable.Range(0, Plan.Cells.Count));
        foreach (var shard in shards)
        {
            shard.Select(Plan.IndexOf).Should().BeInAscendingOrder("a task runs its cells in plan order");
        }
    }

    [Fact]
    public void Shards_are_balanced_by_estimated_time()
    {
        var loads = Enumerable.Range(0, 4).Select(k => Plan.Select(0, null, new Shard(k, 4)).Sum(c => c.EstimatedSeconds)).ToArray();
        double longest = Plan.Select(0, null, null).Max(c => c.EstimatedSeconds);

        (loads.Max() - loads.Min()).Should().BeLessThanOrEqualTo(longest, "no part is heavier than another by more than one cell");
    }

    [Fact]
    public void Cells_and_stages_select_by_number_in_plan_order()
    {
        Plan.Select(null, "0-2,14", null).Select(Plan.IndexOf).Should().Equal(0, 1, 2, 14);
        Plan.Select(1, null, null).Should().Equal(Plan.TransferCells);
        Plan.Select(0, "3-5", null).Select(Plan.IndexOf).Should().Equal([3, 5], "cell 4 is a transfer cell, of stage 1");
    }

    [Theory]
    [InlineData("3-1", "--cells: the range '3-1' runs backwards.")]
    [InlineData("0-20", "--cells: the plan has cells 0 to 19; '0-20' goes beyond.")]
    [InlineData("a", "--cells: 'a' is neither a cell number nor a range such as 0-9.")]
    [InlineData("-1", "--cells: '-1' is neither a cell number nor a range such as 0-9.")]
    [InlineData(",", "--cells must name at least one cell.")]
    public void Bad_cell_lists_are_refused_naming_the_option(string ranges, string message)
    {
        var act = () => Plan.Select(null, ranges, null);

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("1/0")]
    [InlineData("2")]
    [InlineData("-1/4")]
    [InlineData("a/b")]
    public void Bad_shards_are_refused_naming_the_option(string text)
    {
        var act = () => Shard.Parse(text);

        act.Should().Throw<ArgumentException>().WithMessage($"--shard takes K/N with 0 ≤ K < N (part K of N, counted from 0); got '{text}'.");
    }
}
