using Chimera.Insight.Statistics;
using Xunit;

namespace Chimera.Insight.Tests.Statistics;

public class MannWhitneyUTests
{
    [Fact]
    public void Exact_p_value_for_small_samples_without_ties()
    {
        // R's wilcox.test documentation example: W = 35; two-sided exact p = 2 * 0.1272 (checked by enumerating
        // all 3003 arrangements).
        double[] x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
        double[] y = [1.15, 0.88, 0.90, 0.74, 1.21];

        Assert.Equal(0.2544122544122544, MannWhitneyU.TwoSidedPValue(x, y), 12);
        Assert.Equal(0.2544122544122544, MannWhitneyU.TwoSidedPValue(y, x), 12);
    }

    [Fact]
    public void Normal_approximation_with_tie_and_continuity_correction()
    {
        // U1 = 31, tie term 18, z = 1.8808280464389862 (worked out by hand from the formulas).
        double[] a = [10, 12, 12, 15, 18, 20, 21, 21, 25, 30];
        double[] b = [14, 16, 16, 19, 22, 24, 27, 28, 29, 31, 33, 35];

        Assert.Equal(0.05999531365517103, MannWhitneyU.TwoSidedPValue(a, b), 9);
    }

    [Fact]
    public void Identical_samples_give_p_one()
    {
        double[] a = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5];
        Assert.Equal(1.0, MannWhitneyU.TwoSidedPValue(a, a), 12);
    }

    [Fact]
    public void Smallest_reachable_p_value_shows_when_samples_are_too_few()
    {
        Assert.True(MannWhitneyU.SmallestPValue(2, 2) > 0.01); // 2 / C(4, 2) = 1/3
        Assert.Equal(2.0 / 252, MannWhitneyU.SmallestPValue(5, 5), 12); // 2 / C(10, 5)
        Assert.True(MannWhitneyU.SmallestPValue(20, 20) < 1e-6);
    }
}
