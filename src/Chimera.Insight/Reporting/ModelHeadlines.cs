namespace Chimera.Insight.Reporting;

/// <summary>
/// The headline of one model, from its own groups only: the configuration with the best warm throughput,
/// that configuration's warm throughput and TTFT (mean, p95 and how many values back each), the cold-start
/// penalty, and how many of its runs failed.
/// </summary>
internal sealed class ModelHeadline
{
    public string Model { get; set; } = "";
    /// <summary>The group the throughput headline comes from; null when the model has no throughput.</summary>
    public BenchmarkMetric? Throughput { get; set; }
    /// <summary>Warm TTFT of the same configuration where there is one, else the model's best-covered warm TTFT group.</summary>
    public BenchmarkMetric? Ttft { get; set; }
    /// <summary>The ColdStartPenalty finding of the model, if any.</summary>
    public Finding? ColdStart { get; set; }
    /// <summary>Runs (values and failures) of the model's best-covered metric, and how many of them failed.</summary>
    public int Runs { get; set; }
    public int Failed { get; set; }
    public int Groups { get; set; }
    public int SingleValueGroups { get; set; }
    /// <summary>How many configurations the model's warm throughput was measured with.</summary>
    public int Configurations { get; set; }

    /// <summary>True when the throughput group is the model's BestConfiguration finding (not merely its best-covered group).</summary>
    public bool IsBestConfiguration { get; set; }

    public double FailureRate => Runs > 0 ? 100.0 * Failed / Runs : 0;
}

internal static class ModelHeadlines
{
    /// <summary>Groups with fewer values than this are passed over for a headline when better-covered ones exist.</summary>
    private const int PreferredCount = 2;

    /// <summary>One headline per named model that has throughput or TTFT, by model name.</summary>
    public static IReadOnlyList<ModelHeadline> Of(IReadOnlyList<BenchmarkMetric> metrics, IReadOnlyList<Finding> findings) =>
        metrics.Where(m => !string.IsNullOrWhiteSpace(m.Model))
            .GroupBy(m => m.Model!, StringComparer.Ordinal)
            .Where(g => g.Any(m => IsHeadlineMetric(m.Metric)))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Build(g.Key, g.ToList(), findings))
            .ToList();

    private static bool IsHeadlineMetric(string metric) =>
        metric is CanonicalMetric.TokensPerSecond or CanonicalMetric.TtftMs;

    private static ModelHeadline Build(string model, IReadOnlyList<BenchmarkMetric> groups, IReadOnlyList<Finding> findings)
    {
        var throughput = Pick(groups.Where(m => m.Metric == CanonicalMetric.TokensPerSecond && m.Phase != Phase.Cold), higherIsBetter: true);
        var warmTtft = groups.Where(m => m.Metric == CanonicalMetric.TtftMs && m.Phase != Phase.Cold).ToList();
        var ttft = throughput is null ? null : Pick(warmTtft.Where(m => SameSetting(m, throughput)), higherIsBetter: false);
        if (ttft is null || (ttft.Origin == MetricOrigin.Reported && warmTtft.Any(m => m.Origin == MetricOrigin.Measured && m.Count > 0)))
        {
            // Measured values elsewhere say more than a reported figure of the same configuration.
            ttft = Pick(warmTtft, higherIsBetter: false);
        }
        var (runs, failed) = RunsAndFailures(groups);
        var bestFinding = findings.FirstOrDefault(f => f.Kind == "BestConfiguration" && f.Model == model);
        return new ModelHeadline
        {
            Model = model,
            IsBestConfiguration = throughput is not null && bestFinding is not null && bestFinding.Subject == throughput.Configuration,
            Throughput = throughput,
            Ttft = ttft,
            ColdStart = findings.FirstOrDefault(f => f.Kind == "ColdStartPenalty" && f.Model == model),
            Runs = runs,
            Failed = failed,
            Groups = groups.Count,
            SingleValueGroups = groups.Count(m => m.Count == 1),
            Configurations = groups.Where(m => m.Metric == CanonicalMetric.TokensPerSecond && m.Phase != Phase.Cold && m.Configuration is not null)
                .Select(m => m.Configuration).Distinct(StringComparer.Ordinal).Count(),
        };
    }

    /// <summary>The best group by mean among measured ones (reported means when none was measured), passing over
    /// groups of a single value when better-covered groups exist.</summary>
    private static BenchmarkMetric? Pick(IEnumerable<BenchmarkMetric> groups, bool higherIsBetter)
    {
        var usable = groups.Where(m => m.Mean.HasValue && m.Count > 0
                                       && (m.Origin == MetricOrigin.Measured || m.Statistic is null or Statistic.Mean or Statistic.Median)).ToList();
        if (usable.Any(m => m.Origin == MetricOrigin.Measured))
        {
            usable = usable.Where(m => m.Origin == MetricOrigin.Measured).ToList();
        }

        if (usable.Any(m => m.Count >= PreferredCount))
        {
            usable = usable.Where(m => m.Count >= PreferredCount).ToList();
        }

        var ordered = higherIsBetter ? usable.OrderByDescending(m => m.Mean) : usable.OrderBy(m => m.Mean);
        return ordered.ThenByDescending(m => m.Count).FirstOrDefault();
    }

    private static bool SameSetting(BenchmarkMetric a, BenchmarkMetric b) =>
        a.Configuration == b.Configuration && a.Backend == b.Backend && a.Prompt == b.Prompt;

    /// <summary>Of the model's measured metrics, the one with the most runs: its runs and failures over every group.</summary>
    private static (int Runs, int Failed) RunsAndFailures(IReadOnlyList<BenchmarkMetric> groups) =>
        groups.Where(m => m.Origin == MetricOrigin.Measured)
            .GroupBy(m => m.Metric, StringComparer.Ordinal)
            .Select(g => (Runs: g.Sum(m => m.Count + m.FailedCount), Failed: g.Sum(m => m.FailedCount)))
            .OrderByDescending(t => t.Runs).ThenByDescending(t => t.Failed)
            .FirstOrDefault();

    /// <summary>"**78.4 tok/s** (p95 79.1, n=12)"; "n=1" says plainly that one value stands for the group.</summary>
    private static string Figure(BenchmarkMetric metric, bool bold)
    {
        var text = Numbers.WithUnit(metric.Mean, SafeText.Inline(metric.Unit, 16));
        if (bold) text = "**" + text + "**";
        var details = new List<string>();
        if (metric.Origin == MetricOrigin.Reported)
        {
            details.Add("reported " + (metric.Statistic ?? "mean").ToLowerInvariant());
        }

        if (metric.P95.HasValue && metric.Count > 1)
        {
            details.Add("p95 " + Numbers.Format(metric.P95));
        }

        details.Add("n=" + Numbers.Integer(metric.Count));
        return text + " (" + string.Join(", ", details) + ")";
    }

    /// <summary>The configuration (and backend, prompt) a headline figure belongs to, or "one configuration".</summary>
    public static string Setting(BenchmarkMetric metric)
    {
        var parts = new[] { MetricNames.Configuration(metric), metric.Backend, metric.Prompt }
            .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => SafeText.Inline(p, 80)).ToList();
        return parts.Count == 0 ? "configuration not recorded" : string.Join(", ", parts);
    }

    /// <summary>One line per model for the Markdown and offline narrative: every figure with its subject and count.</summary>
    public static string Sentence(ModelHeadline headline)
    {
        var parts = new List<string>();
        if (headline.Throughput is { } throughput)
        {
            var best = headline.Configurations <= 1 ? ""
                : headline.IsBestConfiguration ? $" (best of {Numbers.Integer(headline.Configurations)} configurations)"
                : $" (best-covered of {Numbers.Integer(headline.Configurations)} configurations)";
            parts.Add($"warm throughput {Figure(throughput, bold: true)} with {Setting(throughput)}{best}");
        }

        if (headline.Ttft is { } ttft)
        {
            parts.Add($"warm TTFT {Figure(ttft, bold: true)}" + (headline.Throughput is { } t && SameSettingText(t, ttft) ? "" : $" with {Setting(ttft)}"));
        }

        if (headline.ColdStart is { } cold)
        {
            parts.Add($"cold start {ColdText(cold)}");
        }

        if (headline.Runs > 0)
        {
            parts.Add(headline.Failed > 0
                ? $"{Numbers.Integer(headline.Failed)} of {Numbers.Integer(headline.Runs)} runs failed ({Numbers.Percent(headline.FailureRate)})"
                : "none of its runs failed");
        }

        return $"**{SafeText.Inline(headline.Model, SafeText.NameLength)}**: " + string.Join("; ", parts) + ".";
    }

    private static bool SameSettingText(BenchmarkMetric a, BenchmarkMetric b) => Setting(a) == Setting(b);

    /// <summary>"3456.92 ms mean (n=12) against a warm median of 83.90 ms, 41.2x"; a finding without those
    /// figures (one written elsewhere) is quoted as it stands.</summary>
    public static string ColdText(Finding cold)
    {
        double Value(string name) => cold.Figures.FirstOrDefault(f => f.Name == name)?.Value ?? 0;
        if (!new[] { "ColdMean", "WarmMedian", "ColdCount", "WarmCount" }.All(n => cold.Figures.Any(f => f.Name == n)))
        {
            return "(" + SafeText.Inline(cold.Text, SafeText.SentenceLength).TrimEnd('.') + ")";
        }

        var unit = cold.Figures.FirstOrDefault(f => f.Name == "ColdMean")?.Unit ?? "ms";
        return $"{Numbers.WithUnit(Value("ColdMean"), unit)} mean (n={Numbers.Integer((int)Value("ColdCount"))}) against a warm median of " +
               $"{Numbers.WithUnit(Value("WarmMedian"), unit)} (n={Numbers.Integer((int)Value("WarmCount"))}), {Numbers.Format(Value("Ratio"), 1)}x";
    }
}
