using Chimera.Insight;
using Chimera.Insight.Statistics;
using Xunit;

namespace Chimera.Insight.Tests.Statistics;

public class DescriptiveSummaryTests
{
    // Expected values worked out independently with numpy's linear definition (virtual index (n - 1) * p,
    // interpolated between the closest ranks), by hand for P50/P90: sorted 1.25 3 4.5 7.25 8 9.75 11 12.5 15.5 20.
    private static readonly double[] Data = [12.5, 7.25, 3.0, 9.75, 20.0, 15.5, 1.25, 8.0, 11.0, 4.5];

    [Fact]
    public void Percentiles_follow_numpy_linear_definition()
    {
        var metric = new BenchmarkMetric();
        DescriptiveSummary.Fill(metric, Data, [75, 99.9, 10]);

        Assert.Equal(8.875, metric.P50!.Value, 10);
        Assert.Equal(15.95, metric.P90!.Value, 10);
        Assert.Equal(17.975, metric.P95!.Value, 10);
        Assert.Equal(19.595, metric.P99!.Value, 10);
        Assert.Equal([10, 75, 99.9], metric.Percentiles.Select(p => p.Percentile));
        Assert.Equal(2.825, metric.Percentiles[0].Value, 10);
        Assert.Equal(12.125, metric.Percentiles[1].Value, 10);
        Assert.Equal(19.9595, metric.Percentiles[2].Value, 10);
    }

    [Fact]
    public void Mean_sample_standard_deviation_and_cv()
    {
        var metric = new BenchmarkMetric();
        DescriptiveSummary.Fill(metric, Data, []);

        Assert.Equal(9.275, metric.Mean!.Value, 10);
        Assert.Equal(5.770434703440172, metric.StdDev!.Value, 10); // n - 1
        Assert.Equal(62.2149294171447, metric.CV!.Value, 8);
        Assert.Equal(1.25, metric.Min);
        Assert.Equal(20.0, metric.Max);
    }

    [Fact]
    public void A_single_value_has_no_standard_deviation()
    {
        var metric = new BenchmarkMetric();
        DescriptiveSummary.Fill(metric, [42.0], []);

        Assert.Equal(42.0, metric.Mean);
        Assert.Equal(42.0, metric.P99);
        Assert.Null(metric.StdDev);
        Assert.Null(metric.CV);
    }

    [Fact]
    public void No_values_leave_every_figure_empty()
    {
        var metric = new BenchmarkMetric();
        DescriptiveSummary.Fill(metric, [], [50]);

        Assert.Null(metric.Mean);
        Assert.Null(metric.P50);
        Assert.Empty(metric.Percentiles);
    }
}
