namespace Chimera.Insight.Statistics;

/// <summary>
/// What each producer computes under a canonical metric, where producers differ, so that a comparison across
/// producers compares like with like: a vLLM ITL (per gap between streamed chunks) is not an AIPerf or LLMPerf ITL (a
/// per-request average), a GuideLLM TPOT includes the first token where vLLM's does not, and a per-request rate that
/// counts the time to first token is not one that starts after it. Metrics not listed here (TTFT, end-to-end latency,
/// token counts, a serving run's aggregate throughput and request rate) are defined alike by every producer.
/// </summary>
public static class ProducerDefinitions
{
    private const string PerGap = "per gap between streamed chunks, over all gaps of all requests";
    private const string PerRequestAfterFirst = "per request, (end-to-end - TTFT) / (output tokens - 1)";
    private const string PerRequestWithFirst = "per request, end-to-end / output tokens (TTFT included)";
    private const string RateAfterFirst = "per request, output tokens over the time after the first token";
    private const string RateWithFirst = "per request, output tokens over the end-to-end latency (TTFT included)";
    private const string RateEval = "per request, eval_count / eval_duration (generation only, no prefill)";
    private const string RateBatch = "per test, generated tokens / generation time of a batch run (no serving)";

    private static readonly Dictionary<(string Producer, string Metric), string> Definitions = new()
    {
        [("vllm", CanonicalMetric.ItlMs)] = PerGap,
        [("sglang", CanonicalMetric.ItlMs)] = PerGap,
        [("aiperf", CanonicalMetric.ItlMs)] = PerRequestAfterFirst,
        [("genai-perf", CanonicalMetric.ItlMs)] = PerRequestAfterFirst,
        [("guidellm", CanonicalMetric.ItlMs)] = PerRequestAfterFirst,
        [("llmperf", CanonicalMetric.ItlMs)] = "per request, the sum of its gaps / output tokens",
        [("vllm", CanonicalMetric.TpotMs)] = PerRequestAfterFirst,
        [("sglang", CanonicalMetric.TpotMs)] = PerRequestAfterFirst,
        [("guidellm", CanonicalMetric.TpotMs)] = PerRequestWithFirst,
        [("aiperf", CanonicalMetric.TokensPerSecond)] = RateAfterFirst,
        [("genai-perf", CanonicalMetric.TokensPerSecond)] = RateAfterFirst,
        [("llmperf", CanonicalMetric.TokensPerSecond)] = RateWithFirst,
        [("ollama", CanonicalMetric.TokensPerSecond)] = RateEval,
        [("llama-bench", CanonicalMetric.TokensPerSecond)] = RateBatch,
        [("llama-bench", CanonicalMetric.PromptTokensPerSecond)] = "per test, prompt tokens / prompt processing time of a batch run",
        [("ollama", CanonicalMetric.PromptTokensPerSecond)] = "per request, prompt_eval_count / prompt_eval_duration",
    };

    /// <summary>What <paramref name="producer"/> computes under <paramref name="metric"/>, when producers differ on it.</summary>
    public static string? Of(string? producer, string metric) =>
        producer is not null && Definitions.TryGetValue((producer, metric), out var definition) ? definition : null;

    /// <summary>Why two metrics of different producers are not the same figure; null when they are (or a producer is
    /// not known, or both are the same producer).</summary>
    public static string? Mismatch(BenchmarkMetric reference, BenchmarkMetric difference)
    {
        var a = reference.Producer;
        var b = difference.Producer;
        if (a is null || b is null || string.Equals(a, b, StringComparison.Ordinal))
        {
            return null;
        }

        var left = Of(a, reference.Metric);
        var right = Of(b, difference.Metric);
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return null;
        }

        return $"{reference.Metric} is defined differently: {a} computes it {left ?? "as its own definition states"}; {b} {right ?? "as its own definition states"}";
    }

    /// <summary>The keys comparisons match groups by: the producer is never one (runs of two tools are compared, and
    /// <see cref="Mismatch"/> says where their definitions differ).</summary>
    public static GroupingKeys MatchingKeys(GroupingKeys keys) => keys & ~GroupingKeys.Producer;
}
