using System.Globalization;
using System.Management.Automation;

namespace Chimera.Insight.Commands;

/// <summary>Warnings for input that gives nothing to measure: none at all, files without benchmark data, and -Metric
/// names that match no metric (naming the known ones).</summary>
internal static class InputWarnings
{
    /// <summary>How many files a warning names before "and N more".</summary>
    private const int Named = 3;

    public static void Write(Cmdlet cmdlet, IReadOnlyList<BenchmarkMetric> metrics, int files, Func<int> otherSources, string[]? metricPatterns)
    {
        // The other sources are counted only when no metric came out: joining the sources of many metrics costs.
        if (metrics.Count == 0 && files == 0 && otherSources() == 0)
        {
            cmdlet.WriteWarning("No input reached the command: give it benchmark files or folders (-Path, or Get-BenchmarkInventory's output), samples or metrics.");
            return;
        }

        if (metricPatterns is { Length: > 0 })
        {
            var unmatched = metricPatterns.Where(p => !metrics.Any(m => Matches(p, m.Metric))).ToList();
            if (unmatched.Count > 0)
            {
                cmdlet.WriteWarning(UnknownMetrics(unmatched));
                return;
            }
        }

        if (metrics.Count == 0)
        {
            cmdlet.WriteWarning(string.Format(CultureInfo.InvariantCulture,
                "No benchmark data in the {0} file(s) and {1} other source(s) read: no value of a metric was found (see -Verbose for what each file held).",
                files, otherSources()));
        }
    }

    /// <summary>"-Metric 'NoSuchMetric' matches no metric in the data. Known metrics: TtftMs, ..."</summary>
    public static string UnknownMetrics(IReadOnlyList<string> patterns) =>
        $"-Metric {string.Join(", ", patterns.Select(p => "'" + p + "'"))} matches no metric in the data. Known metrics: " +
        string.Join(", ", MetricNameCompleter.Known()) + ".";

    public static bool Matches(string pattern, string metric) =>
        new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant).IsMatch(metric);
}
