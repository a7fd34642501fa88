using SparseAdaptive.Study.Findings;
using SparseAdaptive.Topology;
using SparseAdaptive.Training;

namespace SparseAdaptive.Study.Tests;

public class VariantPointTests
{
    private static VariantPoint At(TrainingVariant? variant) => new(variant, 0.99, 0.5, [], []);

    [Fact]
    public void The_family_tests_the_main_runs_and_the_sparsity_and_zeta_points_but_not_the_ablation()
    {
        At(null).IsTested.Should().BeTrue();
        At(new TrainingVariant(VariantParameter.Sparsity, 0.95)).IsTested.Should().BeTrue();
        At(new TrainingVariant(VariantParameter.RewireFraction, 0.3)).IsTested.Should().BeTrue();
        At(new TrainingVariant(VariantParameter.NewLinkWeightScale, 0)).IsTested.Should().BeFalse();
        At(new TrainingVariant(VariantParameter.RewireSchedule, (int)RewireSchedule.Constant)).IsTested.Should().BeFalse();
    }

    [Fact]
    public void A_new_link_scale_point_changes_only_the_new_links_initial_weight()
    {
        var variant = new TrainingVariant(VariantParameter.NewLinkWeightScale, 0);
        var settings = new TrainingSettings();
        var before = new TrainingSettings();

        variant.ApplyTo(settings);

        variant.Name.Should().Be("new-link-scale-0");
        settings.NewLinkWeightScale.Should().Be(0).And.NotBe(before.NewLinkWeightScale);
        settings.Sparsity.Should().Be(before.Sparsity);
        settings.RewireFraction.Should().Be(before.RewireFraction);
    }

    [Fact]
    public void A_schedule_point_changes_only_how_zeta_changes_over_the_epochs()
    {
        var variant = new TrainingVariant(VariantParameter.RewireSchedule, (int)RewireSchedule.Constant);
        var settings = new TrainingSettings();
        var before = new TrainingSettings();

        variant.ApplyTo(settings);

        variant.Name.Should().Be("schedule-constant");
        variant.ValueText.Should().Be("constant");
        settings.RewireSchedule.Should().Be(RewireSchedule.Constant).And.NotBe(before.RewireSchedule);
        settings.RewireFraction.Should().Be(before.RewireFraction);
        settings.RewireEnd.Should().Be(before.RewireEnd);
        settings.NewLinkWeightScale.Should().Be(before.NewLinkWeightScale);
    }
}
