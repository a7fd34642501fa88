using SparseAdaptive.Study.Statistics;

namespace SparseAdaptive.Study.Tests.Statistics;

public class CriticalFractionTests
{
    [Fact]
    public void Interpolates_between_the_levels_around_half_the_clean_value()
    {
        // Half of 0.98 is 0.49, crossed between 0.2 (0.6) and 0.3 (0.3): 0.2 + 0.1 × 0.11 / 0.3.
        double? fc = CriticalFraction.Of([(0.3, 0.3), (0.0, 0.98), (0.2, 0.6), (0.1, 0.9)]);

        fc.Should().NotBeNull();
        fc!.Value.Should().BeApproximately(0.2 + 0.1 * 0.11 / 0.3, 1e-12);
    }

    [Fact]
    public void Takes_the_first_fall_below_half_even_if_the_curve_recovers()
    {
        CriticalFraction.Of([(0.0, 1.0), (0.1, 0.3), (0.2, 0.8)])!.Value.Should().BeApproximately(0.1 * 0.5 / 0.7, 1e-12);
    }

    [Fact]
    public void Exactly_half_is_not_below_half()
    {
        CriticalFraction.Of([(0.0, 1.0), (0.1, 0.5), (0.2, 0.4)])!.Value.Should().BeApproximately(0.1, 1e-12);
        CriticalFraction.Of([(0.0, 1.0), (0.1, 0.5)]).Should().BeNull();
    }

    [Fact]
    public void Is_null_when_the_measure_never_halves() =>
        CriticalFraction.Of([(0.0, 0.9), (0.5, 0.6), (1.0, 0.46)]).Should().BeNull();

    [Fact]
    public void Needs_the_value_at_strength_zero_and_distinct_strengths()
    {
        var noClean = () => CriticalFraction.Of([(0.1, 0.9), (0.2, 0.1)]);
        var repeated = () => CriticalFraction.Of([(0.0, 0.9), (0.2, 0.5), (0.2, 0.1)]);

        noClean.Should().Throw<ArgumentException>().WithParameterName("points");
        repeated.Should().Throw<ArgumentException>().WithParameterName("points");
    }
}
