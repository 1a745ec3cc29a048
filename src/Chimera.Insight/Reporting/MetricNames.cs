namespace Chimera.Insight.Reporting;

/// <summary>Canonical metric names, their display names and the order reports list them in.</summary>
public static class MetricNames
{

    /// <summary>The headline figures: throughput and time to first token.</summary>
    public static readonly string[] Headline = [CanonicalMetric.TokensPerSecond, CanonicalMetric.TtftMs];

    /// <summary>The phases of one call and its token counts.</summary>
    public static readonly string[] CallPhases = [CanonicalMetric.TotalMs, CanonicalMetric.LoadMs, CanonicalMetric.PromptEvalMs, CanonicalMetric.EvalMs, CanonicalMetric.OutputTokens, CanonicalMetric.PromptTokens, CanonicalMetric.LatencyMs, CanonicalMetric.CompileMs];

    private static readonly Dictionary<string, string> Display = new(StringComparer.OrdinalIgnoreCase)
    {
        [CanonicalMetric.TokensPerSecond] = "Throughput",
        [CanonicalMetric.TtftMs] = "TTFT",
        [CanonicalMetric.LoadMs] = "Load",
        [CanonicalMetric.PromptEvalMs] = "Prompt eval",
        [CanonicalMetric.EvalMs] = "Eval",
        [CanonicalMetric.TotalMs] = "Total duration",
        [CanonicalMetric.PromptTokens] = "Prompt tokens",
        [CanonicalMetric.OutputTokens] = "Output tokens",
        [CanonicalMetric.LatencyMs] = "Latency",
        [CanonicalMetric.CompileMs] = "Compile time",
    };

    /// <summary>"Throughput" for CanonicalMetric.TokensPerSecond, the metric's own name otherwise.</summary>
    public static string DisplayName(string metric) => Display.TryGetValue(metric, out var name) ? name : metric;

    /// <summary>True when a higher value is better (throughput); times and counts of failures are lower-is-better.</summary>
    public static bool HigherIsBetter(string metric) =>
        string.Equals(metric, CanonicalMetric.TokensPerSecond, StringComparison.OrdinalIgnoreCase) ||
        metric.IndexOf("PerSecond", StringComparison.OrdinalIgnoreCase) >= 0 ||
        metric.IndexOf("Throughput", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>Sort key: headline metrics first, then the call phases, then the rest by name.</summary>
    public static int Rank(string metric)
    {
        var headline = Array.FindIndex(Headline, m => string.Equals(m, metric, StringComparison.OrdinalIgnoreCase));
        if (headline >= 0)
        {
            return headline;
        }

        var phase = Array.FindIndex(CallPhases, m => string.Equals(m, metric, StringComparison.OrdinalIgnoreCase));
        return phase >= 0 ? 10 + phase : 100;
    }

    /// <summary>"gemma3:270m · num_gpu=80, num_ctx=512 · Warm": the group a metric belongs to, sanitised.</summary>
    public static string Group(BenchmarkMetric metric) => Group(metric, omitConfiguration: false, omitBackend: false);

    /// <summary>The group label without the parts every group shares (stated once elsewhere).</summary>
    public static string Group(BenchmarkMetric metric, bool omitConfiguration, bool omitBackend)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(metric.Model))
        {
            parts.Add(SafeText.Inline(metric.Model));
        }

        var configuration = omitConfiguration ? "" : Configuration(metric);
        if (configuration.Length > 0)
        {
            parts.Add(configuration);
        }

        if (!omitBackend && !string.IsNullOrWhiteSpace(metric.Backend))
        {
            parts.Add(SafeText.Inline(metric.Backend, 40));
        }

        if (metric.Phase.HasValue)
        {
            parts.Add(metric.Phase.Value.ToString());
        }

        if (!string.IsNullOrWhiteSpace(metric.Prompt))
        {
            parts.Add("prompt " + SafeText.Inline(metric.Prompt, 40));
        }

        if (!string.IsNullOrWhiteSpace(metric.Source))
        {
            parts.Add(SafeText.Inline(System.IO.Path.GetFileName(metric.Source), 60));
        }

        return parts.Count == 0 ? "all data" : string.Join(" · ", parts);
    }

    /// <summary>The metric's configuration text, or one built from its parts.</summary>
    public static string Configuration(BenchmarkMetric metric)
    {
        if (!string.IsNullOrWhiteSpace(metric.Configuration))
        {
            return SafeText.Inline(metric.Configuration, 120);
        }

        var parts = new List<string>();
        foreach (var option in RunSettings.Options)
        {
            if (metric.Settings[option] is { } value)
            {
                parts.Add(option.Name + "=" + Numbers.Setting(option, value));
            }
        }

        if (!string.IsNullOrWhiteSpace(metric.Quantization)) parts.Add("quantization=" + SafeText.Inline(metric.Quantization, 20));
        return string.Join(", ", parts);
    }
}
