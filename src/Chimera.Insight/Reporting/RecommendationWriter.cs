namespace Chimera.Insight.Reporting;

/// <summary>Recommendations derived deterministically from findings (and, failing those, from the metrics).</summary>
public static class RecommendationWriter
{
    /// <summary>One recommendation per finding kind and model, warnings first; never empty.</summary>
    public static string[] From(IReadOnlyList<Finding>? findings, IReadOnlyList<BenchmarkMetric>? metrics = null)
    {
        var recommendations = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var finding in (findings ?? []).OrderBy(f => f.Severity == FindingSeverity.Warning ? 0 : 1))
        {
            var key = finding.Kind + "|" + finding.Model;
            if (!seen.Add(key))
            {
                continue;
            }

            var text = ForFinding(finding);
            if (!string.IsNullOrEmpty(text) && !recommendations.Contains(text))
            {
                recommendations.Add(text);
            }
        }

        recommendations.AddRange(FromMetrics(metrics ?? []).Where(r => !recommendations.Contains(r)));
        if (recommendations.Count == 0)
        {
            recommendations.Add("Collect raw per-request samples (TTFT, throughput, load, prompt eval and eval durations) so that statistics can be computed and compared.");
        }

        return recommendations.ToArray();
    }

    private static string ForFinding(Finding finding)
    {
        var model = Name(finding.Model);
        var subject = Name(finding.Subject);
        var figures = Figures(finding);
        var evidence = figures.Length > 0 ? " (" + figures + ")" : "";
        var forModel = model.Length > 0 ? " for " + model : "";
        switch (finding.Kind)
        {
            case "BestConfiguration":
                return $"Adopt {Or(subject, "the best configuration")}{forModel}: it measured best{evidence}.";
            case "WorstConfiguration":
                return $"Avoid {Or(subject, "the worst configuration")}{forModel}: it measured worst{evidence}.";
            case "ColdStartPenalty":
                return $"Warm {Or(model, "the model")} up before timing or serving, and report cold and warm figures apart: the first request after a load is much slower{evidence}.";
            case "Reload":
                return $"Keep load-time options such as num_ctx fixed between requests{forModel}: each change reloads the model{evidence}.";
            case "FailureRate":
                return $"Investigate the failed runs{forModel} before trusting its figures; failures are counted apart, never averaged in{evidence}.";
            case "HighVariance":
                return $"Repeat the runs of {Or(subject, "the noisiest group")}{forModel} until its variation settles; rankings on it are not firm yet{evidence}.";
            case "Duplicate":
            case "Redundant":
                return $"Remove duplicated artifacts ({Or(subject, "identical files")}) so that no run is counted twice.";
            case "StaleData":
                return $"Re-run the benchmarks{forModel}: the newest data is old{evidence}.";
            case "MissingMetric":
                return $"Record {Or(subject, "the missing metric")} in every run{forModel}.";
            default:
                return "Review: " + SafeText.Inline(finding.Text, SafeText.SentenceLength);
        }
    }

    private static IEnumerable<string> FromMetrics(IReadOnlyList<BenchmarkMetric> metrics)
    {
        var best = Best(metrics, CanonicalMetric.TokensPerSecond, higher: true);
        if (best is not null)
        {
            yield return $"Where throughput matters, use {MetricNames.Group(best)}: {Numbers.WithUnit(best.Mean, best.Unit)} mean.";
        }

        var fastest = Best(metrics.Where(m => m.Phase != Phase.Cold).ToList(), CanonicalMetric.TtftMs, higher: false);
        if (fastest is not null)
        {
            yield return $"Where responsiveness matters, use {MetricNames.Group(fastest)}: TTFT {Numbers.WithUnit(fastest.Mean, fastest.Unit)} mean.";
        }
    }

    /// <summary>The group with the highest (or lowest) mean of <paramref name="metric"/>: among measured groups when
    /// there are any, else among reported means. A reported spread (a file's StdDev, Min, Max) is never a mean.</summary>
    internal static BenchmarkMetric? Best(IReadOnlyList<BenchmarkMetric> metrics, string metric, bool higher)
    {
        var candidates = metrics.Where(m => string.Equals(m.Metric, metric, StringComparison.OrdinalIgnoreCase) && m.Mean.HasValue && m.Count > 0
                                            && (m.Origin == MetricOrigin.Measured || m.Statistic is null or Statistic.Mean or Statistic.Median)).ToList();
        if (candidates.Any(m => m.Origin == MetricOrigin.Measured))
        {
            candidates = candidates.Where(m => m.Origin == MetricOrigin.Measured).ToList();
        }

        return higher ? candidates.OrderByDescending(m => m.Mean).FirstOrDefault() : candidates.OrderBy(m => m.Mean).FirstOrDefault();
    }

    internal static string Figures(Finding finding) => string.Join(", ", finding.Figures
        .Take(4)
        .Select(f => SafeText.Inline(f.Name, 40) + " " + Numbers.WithUnit(f.Value, SafeText.Inline(f.Unit, 16))));

    private static string Name(string? value) => SafeText.Inline(value, SafeText.NameLength);

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}
