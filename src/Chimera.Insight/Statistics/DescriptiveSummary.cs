using MathNet.Numerics.Statistics;

namespace Chimera.Insight.Statistics;

/// <summary>The descriptive statistics of one group's values: MathNet.Numerics does the arithmetic.
/// Quantiles use linear interpolation between closest ranks (Hyndman-Fan type 7, numpy's default,
/// MathNet's <see cref="QuantileDefinition.R7"/>).</summary>
public static class DescriptiveSummary
{
    /// <summary>The standard percentiles every metric carries.</summary>
    public static readonly double[] StandardPercentiles = [50, 90, 95, 99];

    /// <summary>Fills Mean, StdDev (sample, n - 1), Min, P50, P90, P95, P99, Max, CV (only where no value is negative)
    /// and the extra percentiles. With no values every figure stays null.</summary>
    public static void Fill(BenchmarkMetric metric, IReadOnlyList<double> values, IReadOnlyList<double> extraPercentiles)
    {
        if (values.Count == 0)
        {
            return;
        }

        var sorted = values is ValueBuffer buffer ? buffer.ToArray() : values.ToArray();
        Array.Sort(sorted);
        metric.Mean = ArrayStatistics.Mean(sorted);
        metric.StdDev = sorted.Length > 1 ? ArrayStatistics.StandardDeviation(sorted) : null;
        metric.Min = sorted[0];
        metric.Max = sorted[sorted.Length - 1];
        metric.P50 = Percentile(sorted, 50);
        metric.P90 = Percentile(sorted, 90);
        metric.P95 = Percentile(sorted, 95);
        metric.P99 = Percentile(sorted, 99);
        // A coefficient of variation means something only for a quantity that cannot be negative (a time, a rate):
        // for signed figures (deltas) the mean can sit near zero and the ratio says nothing.
        metric.CV = metric.StdDev is { } sd && metric.Mean is { } mean && mean != 0 && sorted[0] >= 0 ? sd / mean * 100 : null;
        metric.Percentiles = extraPercentiles
            .Where(p => !DescriptiveSummary.StandardPercentiles.Contains(p))
            .Distinct()
            .OrderBy(p => p)
            .Select(p => new PercentileValue { Percentile = p, Value = Percentile(sorted, p) })
            .ToArray();
        metric.Summary = ReferenceEquals(values, metric.ValueList) ? CarriedSummary.Of(metric) : null;
    }

    /// <summary>The percentile (0..100) of sorted values, type 7 (numpy's linear).</summary>
    public static double Percentile(double[] sortedValues, double percentile) =>
        SortedArrayStatistics.QuantileCustom(sortedValues, percentile / 100.0, QuantileDefinition.R7);
}

/// <summary>The statistics of a measured metric as computed from its values (those very values): a metric piped on
/// unchanged (to New-InsightReport, or measured again) takes them back instead of sorting its values once more. A copy
/// of the figures, so that a property set on the public object afterwards is not taken for a computed one.</summary>
internal sealed class CarriedSummary
{
    private object values = new();
    private double? mean, stdDev, min, max, p50, p90, p95, p99, cv;
    private (double Percentile, double Value)[] percentiles = [];

    public static CarriedSummary Of(BenchmarkMetric metric) => new()
    {
        values = metric.ValuesIdentity,
        mean = metric.Mean, stdDev = metric.StdDev, min = metric.Min, max = metric.Max,
        p50 = metric.P50, p90 = metric.P90, p95 = metric.P95, p99 = metric.P99, cv = metric.CV,
        percentiles = metric.Percentiles.Select(p => (p.Percentile, p.Value)).ToArray(),
    };

    /// <summary>Whether these are the statistics of <paramref name="metric"/>'s values as they are.</summary>
    public bool Describes(BenchmarkMetric metric) => ReferenceEquals(values, metric.ValuesIdentity);

    /// <summary>Whether they hold exactly the extra percentiles <paramref name="extraPercentiles"/> asks for.</summary>
    public bool HasPercentiles(IReadOnlyList<double> extraPercentiles) =>
        percentiles.Select(p => p.Percentile).SequenceEqual(
            extraPercentiles.Where(p => !DescriptiveSummary.StandardPercentiles.Contains(p)).Distinct().OrderBy(p => p));

    /// <summary>Sets the statistics on a metric built of the same values.</summary>
    public void ApplyTo(BenchmarkMetric metric)
    {
        metric.Mean = mean;
        metric.StdDev = stdDev;
        metric.Min = min;
        metric.Max = max;
        metric.P50 = p50;
        metric.P90 = p90;
        metric.P95 = p95;
        metric.P99 = p99;
        metric.CV = cv;
        metric.Percentiles = percentiles.Select(p => new PercentileValue { Percentile = p.Percentile, Value = p.Value }).ToArray();
        metric.Summary = metric.ValueCount > 0 ? Of(metric) : null;
    }
}
