using SparseAdaptive.Analysis;
using SparseAdaptive.Network;

namespace SparseAdaptive.Engine.Tests.Analysis;

public class NearBlankPixelsTests
{
    // Four pixels, two images: pixel means 0, 0.015, 0.5 and 0.03.
    private static readonly float[] Images = [0f, 0.03f, 1f, 0.04f, 0f, 0f, 0f, 0.02f];

    [Fact]
    public void Pixels_below_the_mean_intensity_threshold_are_near_blank()
    {
        var blank = NearBlankPixels.Of(Images, 4);

        blank.Count.Should().Be(2);
        blank.UniformShare.Should().Be(0.5);
        Enumerable.Range(0, 4).Select(blank.IsBlank).Should().Equal(true, true, false, false);
        NearBlankPixels.Of(Images, 4, threshold: 0.6).Count.Should().Be(4);
    }

    [Fact]
    public void The_link_share_and_ratio_count_first_layer_links_by_source_pixel()
    {
        // Five links leave pixel 0 (blank) twice, pixel 1 (blank) once, pixel 2 twice, pixel 3 never.
        var first = SparseLayer.FromLinks(4, 3,
            [new Link(0, 0, 1f), new Link(0, 1, 1f), new Link(1, 2, 1f), new Link(2, 0, 1f), new Link(2, 2, 1f)], new float[3]);
        var output = SparseLayer.FromLinks(3, 2, [new Link(0, 0, 1f), new Link(1, 1, 1f)], new float[2]);
        var network = SparseNetwork.FromLayers([first, output]);
        var blank = NearBlankPixels.Of(Images, 4);

        blank.LinkShare(network).Should().Be(0.6);
        blank.Ratio(network).Should().BeApproximately(1.2, 1e-12);
    }

    [Fact]
    public void Bad_input_is_rejected_with_its_reason()
    {
        var act = () => NearBlankPixels.Of(Images.AsSpan(0, 7), 4);
        act.Should().Throw<ArgumentException>().WithMessage("*whole number of images*");
        var none = NearBlankPixels.Of(Images, 4, threshold: 0);
        var network = SparseNetwork.FromLayers([SparseLayer.FromLinks(4, 2, [new Link(0, 0, 1f)], new float[2]), SparseLayer.FromLinks(2, 2, [new Link(0, 0, 1f)], new float[2])]);
        none.Invoking(b => b.Ratio(network)).Should().Throw<InvalidOperationException>();
        NearBlankPixels.Of(Images, 2).Invoking(b => b.LinkShare(network)).Should().Throw<ArgumentException>().WithMessage("*4 inputs, not 2 pixels*");
    }
}
