using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>
/// vLLM <c>benchmark_serving.py --save-result</c> / <c>vllm bench serve</c> results and SGLang <c>bench_serving</c> runs:
/// one object per run. Summary keys are <c>{mean|median|std|pN}_{ttft|tpot|itl|e2el}_ms</c> (SGLang: <c>e2e_latency</c>;
/// older vLLM: <c>*_latency_ms</c>), Reported, covering <c>completed</c> requests with <c>failed</c> ones beside; ITL is per
/// gap between streamed chunks, TPOT per request ((e2e - TTFT) / (output tokens - 1)). <c>output_throughput</c> is the
/// run's aggregate (SystemTokensPerSecond), <c>request_throughput</c> its RequestsPerSecond. Raw per-request lists
/// (<c>ttfts</c> and <c>e2els</c> in seconds, <c>itls</c> per request per gap, <c>output_lens</c>, <c>errors</c>) are
/// measured instead of the summary latencies they stand behind. A run with no completed request writes 0.0 everywhere:
/// those are placeholders, read as its failed requests and no figure.
/// </summary>
internal static partial class ServingResults
{
    private static readonly Regex SummaryKey = SummaryKeyRegex();
    [GeneratedRegex(@"^(?<stat>mean|median|std|p\d+(?:\.\d+)?)_(?<metric>ttft|tpot|itl|e2el|e2e_latency|latency)_ms$", RegexOptions.CultureInvariant)]
    private static partial Regex SummaryKeyRegex();

    /// <summary>vLLM: a run object with <c>completed</c> and its summary keys or raw lists.</summary>
    public static bool IsVllm(JsonElement o) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty("completed", out _)
        && !IsSglang(o)
        && (o.TryGetProperty("mean_ttft_ms", out _) || o.TryGetProperty("median_ttft_ms", out _) || o.TryGetProperty("ttfts", out _)
            || (o.TryGetProperty("request_throughput", out _) && o.TryGetProperty("output_throughput", out _)));

    /// <summary>SGLang: its own names (<c>e2e_latency</c>, retokenized totals, dataset lengths) or its backend.</summary>
    public static bool IsSglang(JsonElement o) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty("completed", out _)
        && (o.TryGetProperty("mean_e2e_latency_ms", out _) || o.TryGetProperty("median_e2e_latency_ms", out _)
            || o.TryGetProperty("total_output_tokens_retokenized", out _)
            || (ProducerFigures.Text(o, "backend") is { } backend && backend.StartsWith("sglang", StringComparison.OrdinalIgnoreCase)
                && o.TryGetProperty("median_ttft_ms", out _)));

    public static void Read(JsonElement run, string producer, string location, string? runLabel, Dimensions inherited, SampleSink sink)
    {
        var dimensions = inherited.Clone();
        dimensions.Producer = producer;
        dimensions.Run = runLabel;
        dimensions.Model = ProducerFigures.Text(run, "model_id") ?? ProducerFigures.Text(run, "model") ?? ProducerFigures.Text(run, "tokenizer_id")
            ?? dimensions.Model;
        dimensions.Concurrency = ProducerFigures.Whole(ProducerFigures.Number(run, "max_concurrency")) ?? dimensions.Concurrency;
        if (ProducerFigures.Text(run, "date") is { } date)
        {
            dimensions.Timestamp = ParseDate(date) ?? dimensions.Timestamp;
        }

        var completed = ProducerFigures.Whole(ProducerFigures.Number(run, "completed"));
        var failed = ProducerFigures.Whole(ProducerFigures.Number(run, "failed"))
                     ?? (ProducerFigures.Whole(ProducerFigures.Number(run, "num_prompts")) is { } prompts && completed is { } done && prompts > done
                         ? prompts - done
                         : null);
        var measured = ReadRequests(run, location, dimensions, sink);

        var summary = new BenchmarkRecord(dimensions, location);
        if (completed == 0)
        {
            // Nothing completed: every figure of the run is a placeholder. Its failures show in the groups it names.
            summary.MarkFailed(string.Format(CultureInfo.InvariantCulture, ProducerStrings.AllRequestsFailed, failed ?? 0,
                FirstError(run) ?? ProducerStrings.NoErrorGiven));
            summary.FailedRequestCount = Math.Max(1, failed ?? 1);
        }
        else
        {
            summary.RequestCount = completed;
            summary.FailedRequestCount = failed;
        }

        foreach (var property in run.EnumerateObject())
        {
            if (SummaryField(property.Name, measured) is not { } field)
            {
                continue;
            }

            if (summary.Failed)
            {
                summary.AddMissing(field.Mapping);
            }
            else if (ProducerFigures.Number(property.Value) is { } value)
            {
                ProducerFigures.Add(sink, summary, field.Mapping, value * field.Scale, property.Name);
            }
        }

        sink.Add(summary);
    }

    private static (FieldMapping Mapping, double Scale)? SummaryField(string name, HashSet<string> measured)
    {
        switch (name)
        {
            case "output_throughput":
                return (ProducerFigures.Field(CanonicalMetric.SystemTokensPerSecond, Insight.Statistic.Mean), 1);
            case "request_throughput":
                return (ProducerFigures.Field(CanonicalMetric.RequestsPerSecond, Insight.Statistic.Mean), 1);
            case "total_token_throughput":
            case "total_throughput":
            case "input_throughput":
                // Prompt tokens counted in (or alone): not an output rate.
                return (ProducerFigures.OwnField(name, "tok/s", Insight.Statistic.Mean), 1);
            case "request_goodput":
                return (ProducerFigures.OwnField(name, "req/s", Insight.Statistic.Mean), 1);
        }

        var match = SummaryKey.Match(name);
        if (!match.Success)
        {
            return null;
        }

        var metric = match.Groups["metric"].Value switch
        {
            "ttft" => CanonicalMetric.TtftMs,
            "tpot" => CanonicalMetric.TpotMs,
            "itl" => CanonicalMetric.ItlMs,
            _ => CanonicalMetric.TotalMs,
        };

        // A latency measured from the raw lists is not reported again beside them.
        if (measured.Contains(metric))
        {
            return null;
        }

        return ProducerFigures.Statistic(match.Groups["stat"].Value) is { } statistic ? (ProducerFigures.Field(metric, statistic), 1) : null;
    }

    /// <summary>The raw per-request lists, one record per request: returns the metrics they measure.</summary>
    private static HashSet<string> ReadRequests(JsonElement run, string location, Dimensions dimensions, SampleSink sink)
    {
        var ttfts = Array(run, "ttfts");
        var e2els = Array(run, "e2els");
        var itls = Array(run, "itls");
        var outputs = Array(run, "output_lens");
        var measured = new HashSet<string>(StringComparer.Ordinal);
        if (ttfts is null && e2els is null && itls is null)
        {
            return measured;
        }

        if (ttfts is not null)
        {
            measured.Add(CanonicalMetric.TtftMs);
        }

        if (e2els is not null)
        {
            measured.Add(CanonicalMetric.TotalMs);
        }

        if (itls is not null)
        {
            measured.Add(CanonicalMetric.ItlMs);
        }

        if (ttfts is not null && e2els is not null && outputs is not null)
        {
            measured.Add(CanonicalMetric.TpotMs);
        }

        var count = Math.Max(ttfts?.Count ?? 0, Math.Max(e2els?.Count ?? 0, itls?.Count ?? 0));
        var inputs = Array(run, "input_lens");
        var errors = Array(run, "errors");
        var records = new List<BenchmarkRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var record = new BenchmarkRecord(dimensions, location + ".requests[" + i.ToString(CultureInfo.InvariantCulture) + "]");
            var ttft = At(ttfts, i);
            var e2el = At(e2els, i);
            var output = At(outputs, i);
            var error = errors is not null && i < errors.Count && errors[i].ValueKind == JsonValueKind.String ? errors[i].GetString() : null;
            if (RecordRules.IsError(error) || (errors is null && ttft is 0 && output is 0 or null && (e2el ?? 0) == 0))
            {
                record.MarkFailed(RecordRules.IsError(error) ? error! : ProducerStrings.RequestProducedNothing, isErrorText: true);
                foreach (var metric in measured)
                {
                    record.AddMissing(ProducerFigures.Field(metric, null));
                }

                records.Add(record);
                sink.Add(record);
                continue;
            }

            AddSeconds(sink, record, CanonicalMetric.TtftMs, ttft, "ttfts");
            AddSeconds(sink, record, CanonicalMetric.TotalMs, e2el, "e2els");
            if (output is { } tokens)
            {
                ProducerFigures.Add(sink, record, ProducerFigures.Field(CanonicalMetric.OutputTokens, null), tokens, "output_lens");
                if (ttft is { } t && e2el is { } e && tokens > 1)
                {
                    ProducerFigures.Add(sink, record, DerivedTpot, (e - t) * 1000 / (tokens - 1), "tpot");
                }
            }

            if (At(inputs, i) is { } prompt)
            {
                ProducerFigures.Add(sink, record, ProducerFigures.Field(CanonicalMetric.PromptTokens, null), prompt, "input_lens");
            }

            if (itls is not null && i < itls.Count && itls[i].ValueKind == JsonValueKind.Array)
            {
                foreach (var gap in itls[i].EnumerateArray())
                {
                    AddSeconds(sink, record, CanonicalMetric.ItlMs, ProducerFigures.Number(gap), "itls");
                }
            }

            records.Add(record);
            sink.Add(record);
        }

        return measured;
    }

    private static readonly FieldMapping DerivedTpot = ProducerFigures.Field(CanonicalMetric.TpotMs, null).With(m => m.IsDerived = true);

    private static void AddSeconds(SampleSink sink, BenchmarkRecord record, string metric, double? seconds, string name)
    {
        if (seconds is { } s)
        {
            ProducerFigures.Add(sink, record, ProducerFigures.Field(metric, null), s * 1000, name);
        }
    }

    private static List<JsonElement>? Array(JsonElement run, string name) =>
        run.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : null;

    private static double? At(List<JsonElement>? list, int index) => list is not null && index < list.Count ? ProducerFigures.Number(list[index]) : null;

    private static string? FirstError(JsonElement run)
    {
        if (run.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in errors.EnumerateArray())
            {
                if (error.ValueKind == JsonValueKind.String && RecordRules.IsError(error.GetString()))
                {
                    return NumberText.Shorten(error.GetString()!);
                }
            }
        }

        return null;
    }

    /// <summary>vLLM's <c>20250131-142512</c>, else ISO 8601.</summary>
    private static DateTime? ParseDate(string text) =>
        DateTime.TryParseExact(text, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : Dimensions.ParseTimestamp(text);
}
