using SparseAdaptive.Analysis;

namespace SparseAdaptive.Engine.Tests.Analysis;

public class SpecialFunctionsTests
{
    [Fact]
    public void Log_gamma_matches_factorials_and_the_half_integers()
    {
        SpecialFunctions.LogGamma(10).Should().BeApproximately(Math.Log(362880), 1e-12);
        SpecialFunctions.LogGamma(0.5).Should().BeApproximately(0.5 * Math.Log(Math.PI), 1e-12);
        SpecialFunctions.LogGamma(0.1).Should().BeApproximately(2.252712651734206, 1e-12);
        SpecialFunctions.LogFactorial(0).Should().BeApproximately(0, 1e-13);
        SpecialFunctions.LogFactorial(170).Should().BeApproximately(706.5730622457874, 1e-9);
    }

    [Fact]
    public void Incomplete_beta_matches_polynomial_cases_and_its_symmetry()
    {
        // I_x(1, b) = 1 − (1 − x)^b; I_0.5(2, 3) = 11/16.
        SpecialFunctions.RegularizedIncompleteBeta(1, 4, 0.3).Should().BeApproximately(1 - Math.Pow(0.7, 4), 1e-13);
        SpecialFunctions.RegularizedIncompleteBeta(2, 3, 0.5).Should().BeApproximately(11.0 / 16, 1e-13);
        SpecialFunctions.RegularizedIncompleteBeta(2.5, 0.5, 0.9)
            .Should().BeApproximately(1 - SpecialFunctions.RegularizedIncompleteBeta(0.5, 2.5, 0.1), 1e-13);
    }

    [Fact]
    public void Incomplete_gamma_and_the_normal_distribution_match_known_values()
    {
        // P(1, x) = 1 − e^−x.
        SpecialFunctions.RegularizedGammaP(1, 2).Should().BeApproximately(1 - Math.Exp(-2), 1e-13);
        SpecialFunctions.RegularizedGammaQ(1, 30).Should().BeApproximately(Math.Exp(-30), 1e-25);
        SpecialFunctions.NormalCdf(0).Should().BeApproximately(0.5, 1e-14);
        SpecialFunctions.NormalCdf(1.959963984540054).Should().BeApproximately(0.975, 1e-12);
        SpecialFunctions.NormalCdf(-1).Should().BeApproximately(0.15865525393145707, 1e-13);
        SpecialFunctions.NormalCdf(double.NegativeInfinity).Should().Be(0);
        SpecialFunctions.NormalCdf(double.PositiveInfinity).Should().Be(1);
        SpecialFunctions.NormalCdf(-8).Should().BeApproximately(6.220960574271785e-16, 1e-26);
    }

    [Fact]
    public void Hurwitz_zeta_matches_riemann_zeta_values_and_its_shift()
    {
        SpecialFunctions.HurwitzZeta(2, 1).Should().BeApproximately(Math.PI * Math.PI / 6, 1e-13);
        SpecialFunctions.HurwitzZeta(3, 1).Should().BeApproximately(1.2020569031595942, 1e-13);
        SpecialFunctions.HurwitzZeta(1.5, 1).Should().BeApproximately(2.612375348685488, 1e-12);
        // ζ(s, q) = q^−s + ζ(s, q + 1).
        SpecialFunctions.HurwitzZeta(2.5, 3).Should().BeApproximately(Math.Pow(3, -2.5) + SpecialFunctions.HurwitzZeta(2.5, 4), 1e-14);
    }
}
