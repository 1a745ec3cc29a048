using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>
/// GuideLLM's <c>benchmarks.json</c>: one benchmark per strategy or rate, each with
/// <c>metrics.{name}.{successful|incomplete|errored|total}</c> distributions (mean, median, std_dev, min, max,
/// percentiles p001..p999; numbers or text). Only the successful requests' figures are read, Reported, covering the
/// successful requests, with the errored ones failed; incomplete requests (cancelled at the end) are said, not counted.
/// Warm-up and cool-down requests are outside GuideLLM's metrics already. <c>request_latency</c> is in seconds.
/// GuideLLM's <c>inter_token_latency_ms</c> is per request (e2e - TTFT) / (output tokens - 1); its
/// <c>time_per_output_token_ms</c> is per request e2e / output tokens (TTFT included); <c>output_tokens_per_second</c> is
/// the run's aggregate.
/// </summary>
internal static partial class GuideLlmReport
{
    private static readonly Regex PercentileText = PercentileTextRegex();
    [GeneratedRegex(@"'?(p\d+)'?\s*:\s*([-+0-9.eE]+)", RegexOptions.CultureInvariant)]
    private static partial Regex PercentileTextRegex();

    public static bool Is(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("benchmarks", out var benchmarks) && benchmarks.ValueKind == JsonValueKind.Array
        && benchmarks.GetArrayLength() > 0 && benchmarks[0].ValueKind == JsonValueKind.Object && benchmarks[0].TryGetProperty("metrics", out var metrics)
        && metrics.ValueKind == JsonValueKind.Object && metrics.EnumerateObject().Any(m => m.Value.ValueKind == JsonValueKind.Object && m.Value.TryGetProperty("successful", out _));

    private static (string Metric, double Scale, bool Own)? Metric(string name) => name switch
    {
        "request_latency" => (CanonicalMetric.TotalMs, 1000, false),
        "time_to_first_token_ms" => (CanonicalMetric.TtftMs, 1, false),
        "inter_token_latency_ms" => (CanonicalMetric.ItlMs, 1, false),
        "time_per_output_token_ms" => (CanonicalMetric.TpotMs, 1, false),
        "output_tokens_per_second" => (CanonicalMetric.SystemTokensPerSecond, 1, false),
        "requests_per_second" => (CanonicalMetric.RequestsPerSecond, 1, false),
        "prompt_token_count" => (CanonicalMetric.PromptTokens, 1, false),
        "output_token_count" => (CanonicalMetric.OutputTokens, 1, false),
        "tokens_per_second" => ("tokens_per_second", 1, true),
        _ => null,
    };

    public static void Read(JsonElement root, Dimensions inherited, SampleSink sink)
    {
        var benchmarks = root.GetProperty("benchmarks");
        var total = benchmarks.GetArrayLength();
        var index = 0;
        foreach (var benchmark in benchmarks.EnumerateArray())
        {
            index++;
            var location = "$.benchmarks[" + (index - 1).ToString(CultureInfo.InvariantCulture) + "]";
            if (benchmark.ValueKind != JsonValueKind.Object || !benchmark.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var dimensions = inherited.Clone();
            dimensions.Producer = "guidellm";
            dimensions.Run = total > 1 ? index.ToString(CultureInfo.InvariantCulture) : null;
            dimensions.Model = ModelOf(benchmark) ?? dimensions.Model;
            dimensions.Concurrency = ConcurrencyOf(benchmark) ?? dimensions.Concurrency;
            if (ProducerFigures.Number(benchmark, "start_time") is { } start)
            {
                dimensions.Timestamp = Dimensions.FromEpoch(start) ?? dimensions.Timestamp;
            }

            var totals = Totals(benchmark);
            if (totals.Incomplete is > 0)
            {
                sink.Note(location, string.Format(CultureInfo.InvariantCulture, ProducerStrings.GuideLlmIncomplete, location, totals.Incomplete));
            }

            foreach (var property in metrics.EnumerateObject())
            {
                if (Metric(property.Name) is not { } metric || property.Value.ValueKind != JsonValueKind.Object
                    || !property.Value.TryGetProperty("successful", out var successful) || successful.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var record = new BenchmarkRecord(dimensions, location + ".metrics." + property.Name);
                if (totals.Successful == 0)
                {
                    record.MarkFailed(string.Format(CultureInfo.InvariantCulture, ProducerStrings.AllRequestsFailed, totals.Errored ?? 0, ProducerStrings.NoErrorGiven));
                    record.FailedRequestCount = Math.Max(1, totals.Errored ?? 1);
                    record.AddMissing(Field(metric, Insight.Statistic.Mean));
                    sink.Add(record);
                    continue;
                }

                record.RequestCount = totals.Successful;
                record.FailedRequestCount = totals.Errored;
                foreach (var stat in successful.EnumerateObject())
                {
                    if (stat.Name == "percentiles")
                    {
                        ReadPercentiles(stat.Value, record, metric, sink, property.Name);
                    }
                    else if (stat.Name is "mean" or "median" or "std_dev" or "min" or "max" && ProducerFigures.Number(stat.Value) is { } value)
                    {
                        ProducerFigures.Add(sink, record, Field(metric, ProducerFigures.Statistic(stat.Name)), value * metric.Scale, property.Name + "." + stat.Name);
                    }
                }

                sink.Add(record);
            }
        }
    }

    private static FieldMapping Field((string Metric, double Scale, bool Own) metric, string? statistic) =>
        metric.Own ? ProducerFigures.OwnField(metric.Metric, "tok/s", statistic) : ProducerFigures.Field(metric.Metric, statistic);

    private static void ReadPercentiles(JsonElement percentiles, BenchmarkRecord record, (string Metric, double Scale, bool Own) metric, SampleSink sink, string name)
    {
        if (percentiles.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in percentiles.EnumerateObject())
            {
                if (ProducerFigures.Percentile(p.Name) is { } statistic && statistic != Insight.Statistic.Median && ProducerFigures.Number(p.Value) is { } value)
                {
                    ProducerFigures.Add(sink, record, Field(metric, statistic), value * metric.Scale, name + "." + p.Name);
                }
            }
        }
        else if (percentiles.ValueKind == JsonValueKind.String)
        {
            // Some reports carry the percentiles as Python's text of a dict: {'p001': 15.79, ...}.
            foreach (Match match in PercentileText.Matches(percentiles.GetString() ?? ""))
            {
                if (ProducerFigures.Percentile(match.Groups[1].Value) is { } statistic && statistic != Insight.Statistic.Median
                    && double.TryParse(match.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && ProducerFigures.IsFinite(value))
                {
                    ProducerFigures.Add(sink, record, Field(metric, statistic), value * metric.Scale, name + "." + match.Groups[1].Value);
                }
            }
        }
    }

    private static (int? Successful, int? Errored, int? Incomplete) Totals(JsonElement benchmark)
    {
        JsonElement totals = default;
        if (!(benchmark.TryGetProperty("request_totals", out totals) && totals.ValueKind == JsonValueKind.Object)
            && !(benchmark.TryGetProperty("run_stats", out var stats) && stats.TryGetProperty("requests_made", out totals) && totals.ValueKind == JsonValueKind.Object)
            && !(benchmark.TryGetProperty("scheduler_metrics", out var scheduler) && scheduler.TryGetProperty("requests_made", out totals) && totals.ValueKind == JsonValueKind.Object))
        {
            return (null, null, null);
        }

        return (ProducerFigures.Whole(ProducerFigures.Number(totals, "successful")), ProducerFigures.Whole(ProducerFigures.Number(totals, "errored")),
            ProducerFigures.Whole(ProducerFigures.Number(totals, "incomplete")));
    }

    private static string? ModelOf(JsonElement benchmark)
    {
        if (benchmark.TryGetProperty("worker", out var worker) && ProducerFigures.Text(worker, "backend_model") is { } model)
        {
            return model;
        }

        foreach (var holder in new[] { "config", "args" })
        {
            if (benchmark.TryGetProperty(holder, out var config) && config.ValueKind == JsonValueKind.Object)
            {
                if (ProducerFigures.Text(config, "model") is { } named)
                {
                    return named;
                }

                if (config.TryGetProperty("backend", out var backend) && ProducerFigures.Text(backend, "model") is { } backendModel)
                {
                    return backendModel;
                }
            }
        }

        return null;
    }

    /// <summary>A synchronous strategy runs one request at a time; a concurrent one its <c>streams</c>.</summary>
    private static int? ConcurrencyOf(JsonElement benchmark)
    {
        foreach (var holder in new[] { "args", "config" })
        {
            if (benchmark.TryGetProperty(holder, out var config) && config.ValueKind == JsonValueKind.Object
                && config.TryGetProperty("strategy", out var strategy) && strategy.ValueKind == JsonValueKind.Object)
            {
                var type = ProducerFigures.Text(strategy, "type_") ?? ProducerFigures.Text(strategy, "type");
                if (string.Equals(type, "synchronous", StringComparison.OrdinalIgnoreCase))
                {
                    return 1;
                }

                if (string.Equals(type, "concurrent", StringComparison.OrdinalIgnoreCase))
                {
                    return ProducerFigures.Whole(ProducerFigures.Number(strategy, "streams"));
                }
            }
        }

        return null;
    }
}
