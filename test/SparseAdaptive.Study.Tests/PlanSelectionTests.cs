using SparseAdaptive.Study.Cells;

namespace SparseAdaptive.Study.Tests;

public class PlanSelectionTests
{
    private static readonly StudyPlan Plan = new(TestStudies.Quick);

    [Fact]
    public void The_quick_plan_runs_every_cell_after_the_cells_it_reads()
    {
        // Per data set: seed 0 trains 5 main kinds, 2 null models and 5 variants, measures the 12 and runs 1 transfer
        // cell; seed 1 has no variants.
        Plan.Cells.Should().HaveCount(2 * (25 + 15));
        foreach (var (cell, dependency) in Plan.Cells.SelectMany(c => c.Dependencies.Select(d => (c, d))))
        {
            Plan.IndexOf(dependency).Should().BeInRange(0, Plan.IndexOf(cell) - 1);
        }
        Plan.Cells.Select(c => c.Stage).Distinct().Should().BeEquivalentTo([0, 1, 2]);
        Plan.TransferCells.Should().OnlyContain(c => c.Stage == 1 && c.Dependencies.Count == 4);
        Plan.TrainingCells.Where(c => c.Kind.IsNullModel()).Should().OnlyContain(c => c.Stage == 1
            && ((TrainingCell)c.Dependencies.Single()).Kind == NetworkKind.Adaptive && c.Dependencies.Single().Seed == c.Seed && c.Dependencies.Single().DataSet == c.DataSet);
        Plan.MeasurementCells.Should().HaveCount(Plan.TrainingCells.Count()).And.OnlyContain(c => c.Stage == c.Trained.Stage + 1);
        Plan.TrainingCells.Where(c => c.Variant is not null).Select(c => c.What).Distinct()
            .Should().BeEquivalentTo(["adaptive sparsity-0.98", "static sparsity-0.98", "adaptive zeta-0.3", "adaptive new-link-scale-0", "adaptive schedule-constant"]);
        Plan.TrainingCells.Where(c => c.Variant is not null).Should().OnlyContain(c => c.Seed == 0);
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
        Plan.Select(1, null, null).Should().OnlyContain(c => c.Stage == 1).And.Contain(Plan.TransferCells);
        Plan.Select(0, "3-7", null).Select(Plan.IndexOf).Should().Equal([3, 4, 7], "cells 5 and 6 are null models, of stage 1");
    }

    [Theory]
    [InlineData("3-1", "--cells: the range '3-1' runs backwards.")]
    [InlineData("0-80", "--cells: the plan has cells 0 to 79; '0-80' goes beyond.")]
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
