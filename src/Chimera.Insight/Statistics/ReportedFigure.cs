namespace Chimera.Insight.Statistics;

/// <summary>A Reported group states the figure its files gave (in Mean, with Min and Max across files); the spread and
/// percentiles of copies of one figure, or of a few summaries, are no figures the files hold: they are left empty.</summary>
internal static class ReportedFigure
{
    public static void KeepStated(BenchmarkMetric metric)
    {
        metric.StdDev = null;
        metric.CV = null;
        metric.P50 = null;
        metric.P90 = null;
        metric.P95 = null;
        metric.P99 = null;
        metric.Percentiles = [];
    }
}
