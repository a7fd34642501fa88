using SparseAdaptive.Study.Findings;
using SparseAdaptive.Study.Statistics;

namespace SparseAdaptive.Study.Tests;

public class AnswerCausesTests
{
    private static Comparison Test(Contrast contrast, double mean, bool rejected) => new(
        DataSetName.Mnist, null, RunMeasure.CleanAccuracy, contrast,
        new ConfidenceInterval(mean, mean - 0.001, mean + 0.001, 10) { PValue = 0.001 },
        new HolmDecision(0.001, rejected ? 0.01 : 0.5, rejected));

    [Fact]
    public void A_resolved_contrast_of_the_other_sign_works_against_the_difference_instead_of_carrying_it()
    {
        var total = Test(Contrast.AdaptiveStatic, 0.03, rejected: true);
        string text = AnswerSection.Causes(total,
            [Test(Contrast.Weights, 0.06, true), Test(Contrast.Wiring, 0.001, false), Test(Contrast.Degrees, -0.025, true)]);

        text.Should().Be("It comes from the weights and training history on the adapted topology (adaptive − fresh-weights +6.00 [+5.90, +6.10], "
            + "p_Holm 0.01); the adapted degree sequence (config-model − static −2.50 [−2.60, −2.40], p_Holm 0.01) works against it; "
            + "the other contrasts are not resolved.");
    }

    [Fact]
    public void Without_a_resolved_contrast_of_its_sign_no_cause_is_named_as_carrying_it()
    {
        var total = Test(Contrast.AdaptiveStatic, -0.03, rejected: true);
        string text = AnswerSection.Causes(total,
            [Test(Contrast.Weights, 0.02, true), Test(Contrast.Wiring, -0.01, false), Test(Contrast.Degrees, -0.04, false)]);

        text.Should().StartWith("No contrast of its sign survives correction; the weights and training history")
            .And.Contain("works against it").And.NotContain("comes from");
    }

    [Fact]
    public void With_nothing_resolved_every_contrast_is_listed_with_its_evidence()
    {
        var total = Test(Contrast.AdaptiveStatic, 0.03, rejected: true);
        string text = AnswerSection.Causes(total,
            [Test(Contrast.Weights, 0.01, false), Test(Contrast.Wiring, 0.01, false), Test(Contrast.Degrees, 0.01, false)]);

        text.Should().StartWith("No single cause survives correction: the weights and training history on the adapted topology +1.00")
            .And.Contain("where the adapted links are, beyond their degrees +1.00").And.Contain("the adapted degree sequence +1.00");
    }
}
