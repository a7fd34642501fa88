using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Engine.Tests.Analysis;

public class DegreeFittingTests
{
    private const int SampleSize = 20_000;

    [Fact]
    public void Small_samples_match_the_closed_form_estimates_and_likelihoods()
    {
        // Poisson on 1, 2, 3: λ = 2, ln L = 6 ln 2 − 6 − ln 12. Geometric on 0, 1, 2, 3: p = 1 / (1 + 1.5), ln L = 4 ln p + 6 ln(1 − p).
        var poisson = DegreeFitting.Poisson([1, 2, 3]);
        var geometric = DegreeFitting.Geometric([0, 1, 2, 3]);

        poisson.Parameters[0].Should().BeApproximately(2, 1e-6);
        poisson.LogLikelihood.Should().BeApproximately(6 * Math.Log(2) - 6 - Math.Log(12), 1e-9);
        geometric.Parameters[0].Should().BeApproximately(0.4, 1e-6);
        geometric.LogLikelihood.Should().BeApproximately(4 * Math.Log(0.4) + 6 * Math.Log(0.6), 1e-9);
        geometric.Probability(2).Should().BeApproximately(0.4 * 0.36, 1e-6);
        poisson.FreeParameterCount.Should().Be(1);
    }

    [Fact]
    public void Recovers_a_poisson_rate_from_the_whole_sample_and_from_a_truncated_tail()
    {
        var degrees = Sample(seed: 1, (ref SeededRandom random) => Poisson(ref random, 10));

        DegreeFitting.Poisson(degrees).Parameters[0].Should().BeApproximately(10, 0.2);
        var tail = DegreeFitting.Poisson(degrees, minDegree: 8);
        tail.Parameters[0].Should().BeApproximately(10, 0.3, "the truncated likelihood corrects for the missing low degrees");
        tail.SampleSize.Should().Be(degrees.Count(k => k >= 8));
        tail.LogProbability(7).Should().Be(double.NegativeInfinity);
        Enumerable.Range(8, 60).Sum(tail.Probability).Should().BeApproximately(1, 1e-9);
    }

    [Fact]
    public void Recovers_binomial_negative_binomial_and_geometric_parameters()
    {
        var binomial = Sample(seed: 2, (ref SeededRandom random) => Binomial(ref random, 50, 0.2));
        var negativeBinomial = Sample(seed: 3, (ref SeededRandom random) => Geometric(ref random, 0.25) + Geometric(ref random, 0.25) + Geometric(ref random, 0.25));
        var geometric = Sample(seed: 4, (ref SeededRandom random) => Geometric(ref random, 0.2));

        DegreeFitting.Binomial(binomial, trials: 50).Parameters.Should().Equal([50, 0.2], (a, b) => Math.Abs(a - b) < 0.004);
        var fitted = DegreeFitting.NegativeBinomial(negativeBinomial).Parameters;
        fitted[0].Should().BeApproximately(3, 0.3);
        fitted[1].Should().BeApproximately(0.25, 0.02);
        DegreeFitting.Geometric(geometric).Parameters[0].Should().BeApproximately(0.2, 0.004);
        DegreeFitting.Geometric(geometric, minDegree: 5).Parameters[0].Should().BeApproximately(0.2, 0.008, "memoryless: the tail has the same p");
    }

    [Theory]
    [InlineData(2.0, 0.5)]
    [InlineData(1.0, 1.0)]
    public void Recovers_lognormal_parameters_with_or_without_zero_degrees(double mu, double sigma)
    {
        var degrees = Sample(seed: 5, (ref SeededRandom random) => (int)Math.Floor(Math.Exp(mu + sigma * Normal(ref random))));

        var fitted = DegreeFitting.Lognormal(degrees).Parameters;

        fitted[0].Should().BeApproximately(mu, 0.03);
        fitted[1].Should().BeApproximately(sigma, 0.03);
    }

    [Theory]
    [InlineData(2.5, 1)]
    [InlineData(2.2, 5)]
    public void Recovers_a_power_law_exponent(double alpha, int minDegree)
    {
        var degrees = Sample(seed: 6, (ref SeededRandom random) => PowerLaw(ref random, alpha, minDegree));

        var fit = DegreeFitting.PowerLaw(degrees, minDegree);

        fit.Parameters[0].Should().BeApproximately(alpha, 0.05);
        fit.Probability(minDegree).Should().BeApproximately((double)degrees.Count(k => k == minDegree) / degrees.Length, 0.01);
    }

    [Fact]
    public void Chooses_the_start_of_a_power_law_tail_by_kolmogorov_smirnov_distance()
    {
        // Half the neurons from a Poisson body below 10, half from a power law with exponent 2.5 from 10 on.
        var degrees = Sample(seed: 7, (ref SeededRandom random) => Uniform(ref random) < 0.5 ? Poisson(ref random, 3) : PowerLaw(ref random, 2.5, 10));

        var tail = PowerLawTail.Of(degrees);

        tail.Fit.MinDegree.Should().BeInRange(8, 14);
        tail.Fit.Parameters[0].Should().BeApproximately(2.5, 0.1);
        tail.KolmogorovSmirnovDistance.Should().BeLessThan(0.02);
    }

    [Fact]
    public void Vuong_prefers_the_true_model_on_a_clear_case()
    {
        var poissonDegrees = Sample(seed: 8, (ref SeededRandom random) => Poisson(ref random, 10));
        var powerLawDegrees = Sample(seed: 9, (ref SeededRandom random) => PowerLaw(ref random, 2.5, 5));

        var poissonFirst = VuongTest.Compare(DegreeFitting.Poisson(poissonDegrees), DegreeFitting.Geometric(poissonDegrees), poissonDegrees);
        var exponentialFirst = VuongTest.Compare(
            DegreeFitting.Geometric(powerLawDegrees, minDegree: 5), DegreeFitting.PowerLaw(powerLawDegrees, 5), powerLawDegrees);

        poissonFirst.Statistic.Should().BeGreaterThan(10);
        poissonFirst.LogLikelihoodRatio.Should().BePositive();
        poissonFirst.PValue.Should().BeLessThan(1e-6);
        exponentialFirst.Statistic.Should().BeLessThan(-10, "a negative z favours the second model, the power law");
        exponentialFirst.PValue.Should().BeLessThan(1e-6);
    }

    [Fact]
    public void Vuong_finds_no_difference_between_identical_or_indistinguishable_models()
    {
        var degrees = Sample(seed: 10, (ref SeededRandom random) => Poisson(ref random, 10));
        var poisson = DegreeFitting.Poisson(degrees);

        var same = VuongTest.Compare(poisson, poisson, degrees);
        var nearly = VuongTest.Compare(poisson, DegreeFitting.Binomial(degrees, trials: 100_000), degrees);

        same.Should().Be(new VuongTest(0, 0, 1));
        Math.Abs(nearly.Statistic).Should().BeLessThan(2);
        nearly.PValue.Should().BeGreaterThan(0.05);
    }

    [Fact]
    public void The_zero_share_counts_neurons_without_links() => DegreeFitting.ZeroShare([0, 3, 0, 1]).Should().Be(0.5);

    [Fact]
    public void Bad_samples_and_mismatched_fits_are_refused()
    {
        var negative = () => DegreeFitting.Poisson([2, -1]);
        var tooMany = () => DegreeFitting.Binomial([2, 7], trials: 5);
        var emptyTail = () => DegreeFitting.Geometric([1, 2], minDegree: 3);
        var noPowerLawAtZero = () => DegreeFitting.PowerLaw([1, 2], minDegree: 0);
        var differentTails = () => VuongTest.Compare(DegreeFitting.Poisson([1, 2, 3]), DegreeFitting.Poisson([1, 2, 3], minDegree: 2), [1, 2, 3]);
        var otherSample = () => VuongTest.Compare(DegreeFitting.Poisson([1, 2, 3]), DegreeFitting.Geometric([1, 2, 3]), [1, 2]);

        negative.Should().Throw<ArgumentException>().WithParameterName("degrees").WithMessage("Degree 1 is -1*");
        tooMany.Should().Throw<ArgumentException>().WithParameterName("degrees");
        emptyTail.Should().Throw<ArgumentException>().WithParameterName("minDegree");
        noPowerLawAtZero.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minDegree");
        differentTails.Should().Throw<ArgumentException>().WithParameterName("second");
        otherSample.Should().Throw<ArgumentException>().WithParameterName("degrees");
    }

    private delegate int Draw(ref SeededRandom random);

    private static int[] Sample(int seed, Draw draw)
    {
        var random = new SeededRandom(seed);
        var degrees = new int[SampleSize];
        for (int i = 0; i < degrees.Length; i++)
        {
            degrees[i] = draw(ref random);
        }
        return degrees;
    }

    private static double Uniform(ref SeededRandom random) => ((random.NextUInt64() >> 11) + 0.5) / (1UL << 53);

    private static int Poisson(ref SeededRandom random, double rate)
    {
        double limit = Math.Exp(-rate), product = Uniform(ref random);
        int k = 0;
        for (; product > limit; k++)
        {
            product *= Uniform(ref random);
        }
        return k;
    }

    private static int Binomial(ref SeededRandom random, int trials, double p)
    {
        int successes = 0;
        for (int trial = 0; trial < trials; trial++)
        {
            successes += Uniform(ref random) < p ? 1 : 0;
        }
        return successes;
    }

    private static int Geometric(ref SeededRandom random, double p) => (int)Math.Floor(Math.Log(Uniform(ref random)) / Math.Log(1 - p));

    private static double Normal(ref SeededRandom random) =>
        Math.Sqrt(-2 * Math.Log(Uniform(ref random))) * Math.Cos(2 * Math.PI * Uniform(ref random));

    // Exact inversion: the largest k with P(K ≥ k) = ζ(α, k) / ζ(α, k_min) ≥ u.
    private static int PowerLaw(ref SeededRandom random, double alpha, int minDegree)
    {
        double target = Uniform(ref random) * SpecialFunctions.HurwitzZeta(alpha, minDegree);
        long low = minDegree, high = 1L << 30;
        while (low < high)
        {
            long middle = (low + high + 1) / 2;
            (low, high) = SpecialFunctions.HurwitzZeta(alpha, middle) >= target ? (middle, high) : (low, middle - 1);
        }
        return (int)low;
    }
}
