using SparseAdaptive.Study.Statistics;

namespace SparseAdaptive.Study.Tests.Statistics;

public class HolmBonferroniTests
{
    [Fact]
    public void Matches_a_hand_computed_family_and_keeps_the_input_order()
    {
        // Sorted: 0.005 × 4 = 0.02, 0.01 × 3 = 0.03, 0.03 × 2 = 0.06, 0.04 × 1 = 0.04 → 0.06 (monotone).
        // 0.04 alone would pass 0.05, but the step-down stopped at 0.03.
        var decisions = HolmBonferroni.Correct([0.01, 0.04, 0.03, 0.005], alpha: 0.05);

        decisions.Select(d => d.PValue).Should().Equal(0.01, 0.04, 0.03, 0.005);
        decisions.Select(d => d.AdjustedPValue).Should().Equal([0.03, 0.06, 0.06, 0.02], (a, b) => Math.Abs(a - b) < 1e-12);
        decisions.Select(d => d.Rejected).Should().Equal(true, false, false, true);
    }

    [Fact]
    public void Caps_adjusted_values_at_one_and_treats_ties_alike()
    {
        HolmBonferroni.Correct([0.5, 0.9]).Select(d => d.AdjustedPValue).Should().Equal(1.0, 1.0);
        HolmBonferroni.Correct([0.02, 0.02, 0.5]).Select(d => d.AdjustedPValue).Should()
            .Equal([0.06, 0.06, 0.5], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Rejects_more_than_bonferroni_where_the_step_down_allows()
    {
        // Bonferroni (× 3) rejects only the first at 0.05; Holm goes on: 0.02 × 2 = 0.04, 0.045 × 1 = 0.045.
        HolmBonferroni.Correct([0.01, 0.02, 0.045]).Select(d => d.Rejected).Should().Equal(true, true, true);
    }

    [Fact]
    public void An_empty_family_has_no_decisions() => HolmBonferroni.Correct([]).Should().BeEmpty();

    [Fact]
    public void Refuses_p_values_outside_the_unit_interval_and_a_bad_level()
    {
        var negative = () => HolmBonferroni.Correct([0.1, -0.01]);
        var nan = () => HolmBonferroni.Correct([double.NaN]);
        var level = () => HolmBonferroni.Correct([0.1], alpha: 1);

        negative.Should().Throw<ArgumentException>().WithParameterName("pValues").WithMessage("P-value 1 is -0.01*");
        nan.Should().Throw<ArgumentException>().WithParameterName("pValues");
        level.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("alpha");
    }
}
