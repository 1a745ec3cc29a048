namespace Chimera.Insight.Statistics;

/// <summary>A Reported group states the figure its files gave (in Mean; the mean of them where several files state one).
/// The spread, extremes and percentiles of a few summaries are not those of the requests they summarise, and no file
/// states them: they are left empty rather than made up.</summary>
internal static class ReportedFigure
{
    public static void KeepStated(BenchmarkMetric metric)
    {
        metric.StdDev = null;
        metric.Min = null;
        metric.Max = null;
        metric.CV = null;
        metric.P50 = null;
        metric.P90 = null;
        metric.P95 = null;
        metric.P99 = null;
        metric.Percentiles = [];
    }
}
