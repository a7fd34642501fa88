using SparseAdaptive.Study.Statistics;

namespace SparseAdaptive.Study.Tests.Statistics;

public class StudentTTests
{
    [Theory]
    [InlineData(2.776, 4, 0.05)]
    [InlineData(4.604, 4, 0.01)]
    [InlineData(12.706, 1, 0.05)]
    [InlineData(3.169, 10, 0.01)]
    [InlineData(2.042, 30, 0.05)]
    public void Two_sided_p_values_match_the_printed_t_table(double t, int degreesOfFreedom, double p)
    {
        StudentT.TwoSidedPValue(t, degreesOfFreedom).Should().BeApproximately(p, 2e-4);
        StudentT.TwoSidedPValue(-t, degreesOfFreedom).Should().BeApproximately(p, 2e-4);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(7.0)]
    public void Matches_the_closed_forms_for_one_and_two_degrees_of_freedom(double t)
    {
        // ν = 1 is the Cauchy distribution; for ν = 2, P(|T| ≥ t) = 1 − t / √(2 + t²).
        StudentT.Cdf(t, 1).Should().BeApproximately(0.5 + Math.Atan(t) / Math.PI, 1e-12);
        StudentT.TwoSidedPValue(t, 2).Should().BeApproximately(1 - t / Math.Sqrt(2 + t * t), 1e-12);
        StudentT.Cdf(-t, 2).Should().BeApproximately((1 - t / Math.Sqrt(2 + t * t)) / 2, 1e-12);
    }

    [Fact]
    public void Is_symmetric_about_zero_and_tends_to_the_normal()
    {
        StudentT.Cdf(0, 7).Should().Be(0.5);
        StudentT.TwoSidedPValue(0, 7).Should().Be(1);
        StudentT.TwoSidedPValue(1.959964, 1e7).Should().BeApproximately(0.05, 1e-5);
        StudentT.TwoSidedPValue(double.PositiveInfinity, 3).Should().Be(0);
    }

    [Fact]
    public void Refuses_degrees_of_freedom_that_are_not_positive()
    {
        var act = () => StudentT.TwoSidedPValue(1, 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("degreesOfFreedom");
    }

    [Fact]
    public void A_confidence_interval_carries_the_paired_t_test_p_value()
    {
        // Differences 1, 2, 6: mean 3, sd √7, t = 3 / (√7 / √3) on 2 degrees of freedom.
        var interval = ConfidenceInterval.Of([1.0, 2.0, 6.0]);

        double t = 3 / (Math.Sqrt(7) / Math.Sqrt(3));
        interval.PValue.Should().BeApproximately(1 - t / Math.Sqrt(2 + t * t), 1e-12);
        ConfidenceInterval.Of([0.0, 0.0]).PValue.Should().Be(1, "no difference at all");
        ConfidenceInterval.Of([0.5, 0.5]).PValue.Should().Be(0, "the same difference every time");
        double.IsNaN(ConfidenceInterval.Of([0.5]).PValue).Should().BeTrue("one value allows no test");
    }

    [Fact]
    public void A_formatted_interval_shows_a_value_that_rounds_to_zero_without_a_sign()
    {
        var interval = new ConfidenceInterval(-0.00001, -0.0185, 0.0185, 10);

        interval.Format(signed: true).Should().Be("0.00 [−1.85, +1.85]");
        interval.Format().Should().Be("0.00 [-1.85, 1.85]");
        new ConfidenceInterval(0.5, 0.4, 0.6, 1).Format(signed: true).Should().Be("+50.00 (1 seed)");
    }
}
