using System.Globalization;
using System.Text.Json;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>
/// NVIDIA AIPerf and GenAI-Perf exports. The aggregate JSON (<c>profile_export_aiperf.json</c>: metrics under
/// <c>records</c> in v0.1, at the top level later; <c>profile_export_genai_perf.json</c>) holds per metric its
/// <c>unit</c> and <c>avg</c>, <c>min</c>, <c>max</c>, <c>std</c>, <c>p1</c>..<c>p99</c> (and <c>count</c>): Reported, each
/// covering its own count of requests, with the run's error requests failed. The per-request JSONL
/// (<c>profile_export.jsonl</c>) holds <c>metrics.{name}.{value,unit}</c> and an inline <c>error</c>: Measured. AIPerf's
/// <c>inter_token_latency</c> is per request, (request latency - TTFT) / (output tokens - 1) (the formula vLLM calls
/// TPOT); <c>output_token_throughput_per_user</c> is a request's rate after its first token; <c>output_token_throughput</c>
/// the run's aggregate. The CSV and JSONL name no model: the aggregate JSON beside them does.
/// </summary>
internal static class AiPerfResults
{
    /// <summary>The metrics AIPerf defines that have a canonical name (the rest are left out, not guessed).</summary>
    internal static string? CanonicalOf(string name) => name switch
    {
        "ttft" or "time_to_first_token" => CanonicalMetric.TtftMs,
        "request_latency" => CanonicalMetric.TotalMs,
        "inter_token_latency" => CanonicalMetric.ItlMs,
        "output_token_throughput_per_user" or "output_token_throughput_per_request" => CanonicalMetric.TokensPerSecond,
        "output_token_throughput" => CanonicalMetric.SystemTokensPerSecond,
        "request_throughput" => CanonicalMetric.RequestsPerSecond,
        "input_sequence_length" => CanonicalMetric.PromptTokens,
        "output_sequence_length" => CanonicalMetric.OutputTokens,
        _ => null,
    };

    /// <summary>The aggregate export: metric objects with a unit and an avg (under <c>records</c> or at the top).</summary>
    public static bool IsAggregate(JsonElement o)
    {
        if (o.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var metrics = MetricsOf(o);
        foreach (var name in new[] { "ttft", "time_to_first_token", "request_latency", "request_throughput" })
        {
            if (metrics.TryGetProperty(name, out var entry) && IsEntry(entry))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsRequestRecord(JsonElement o) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && o.TryGetProperty("metrics", out var metrics) && (metrics.ValueKind == JsonValueKind.Object || metrics.ValueKind == JsonValueKind.Null);

    private static JsonElement MetricsOf(JsonElement root) =>
        root.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Object ? records : root;

    private static bool IsEntry(JsonElement entry) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("unit", out _) && entry.TryGetProperty("avg", out _);

    public static void ReadAggregate(JsonElement root, string location, Dimensions inherited, SampleSink sink)
    {
        var dimensions = Describe(root, inherited);
        var metrics = MetricsOf(root);
        var completed = ProducerFigures.Whole(EntryAvg(metrics, "request_count"));
        var failed = ProducerFigures.Whole(EntryAvg(metrics, "error_request_count")) ?? ErrorSummaryCount(root);
        foreach (var property in metrics.EnumerateObject())
        {
            var name = property.Name;
            if (!IsEntry(property.Value) || CanonicalOf(ProducerFigures.Text(property.Value, "tag") ?? name) is not { } metric)
            {
                continue;
            }

            var scale = Scale(metric, ProducerFigures.Text(property.Value, "unit"));
            if (scale is null)
            {
                continue;
            }

            var record = new BenchmarkRecord(dimensions, location + "." + name);
            var count = ProducerFigures.Whole(ProducerFigures.Number(property.Value, "count"));
            // A run-level figure (throughput) states count 1: it covers the run's completed requests.
            record.RequestCount = count is > 1 ? count : completed ?? count;
            record.FailedRequestCount = failed;
            foreach (var stat in property.Value.EnumerateObject())
            {
                if (stat.Name is "unit" or "tag" or "header" or "count" || ProducerFigures.Statistic(stat.Name) is not { } statistic)
                {
                    continue;
                }

                if (ProducerFigures.Number(stat.Value) is { } value)
                {
                    ProducerFigures.Add(sink, record, ProducerFigures.Field(metric, statistic), value * scale.Value, name + "." + stat.Name);
                }
            }

            sink.Add(record);
        }
    }

    /// <summary>The per-request JSONL: one Measured record per line; warm-up records are left out.</summary>
    public static void ReadRequests(IReadOnlyList<(JsonElement Record, string Location)> lines, Dimensions inherited, SampleSink sink)
    {
        var dimensions = inherited.Clone();
        dimensions.Producer ??= "aiperf";
        if (dimensions.Model is null && CompanionFiles.AiPerfAggregate(sink.Source) is { } companion)
        {
            using (companion.Document)
            {
                var described = Describe(companion.Document.RootElement, dimensions);
                dimensions.Model = described.Model;
                dimensions.Concurrency ??= described.Concurrency;
                dimensions.Producer = described.Producer;
            }
        }

        var warmup = 0;
        foreach (var (line, location) in lines)
        {
            var metadata = line.GetProperty("metadata");
            var phase = ProducerFigures.Text(metadata, "credit_phase") ?? ProducerFigures.Text(metadata, "benchmark_phase");
            if (string.Equals(phase, "warmup", StringComparison.OrdinalIgnoreCase))
            {
                warmup++;
                continue;
            }

            var record = new BenchmarkRecord(dimensions, location);

            if (line.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                record.MarkFailed(ProducerFigures.Text(error, "message") ?? ProducerFigures.Text(error, "type") ?? error.GetRawText(), isErrorText: true);
                record.AddMissing(ProducerFigures.Field(CanonicalMetric.TtftMs, null));
                record.AddMissing(ProducerFigures.Field(CanonicalMetric.TotalMs, null));
                sink.Add(record);
                continue;
            }

            if (line.TryGetProperty("metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in metrics.EnumerateObject())
                {
                    if (CanonicalOf(property.Name) is not { } metric || property.Value.ValueKind != JsonValueKind.Object
                        || Scale(metric, ProducerFigures.Text(property.Value, "unit")) is not { } scale
                        || ProducerFigures.Number(property.Value, "value") is not { } value)
                    {
                        continue;
                    }

                    ProducerFigures.Add(sink, record, ProducerFigures.Field(metric, null), value * scale, property.Name);
                }
            }

            sink.Add(record);
        }

        if (warmup > 0)
        {
            sink.Note(null, string.Format(CultureInfo.InvariantCulture, ProducerStrings.WarmupSkipped, warmup));
        }
    }

    /// <summary>The factor from the stated unit to the metric's canonical unit; null when the unit is not one it can be.</summary>
    internal static double? Scale(string metric, string? unit)
    {
        if (MetricNames.KindOf(metric) == MetricKind.Time)
        {
            return ProducerFigures.TimeFactor(unit ?? "ms");
        }

        return 1;
    }

    private static double? EntryAvg(JsonElement metrics, string name) =>
        metrics.TryGetProperty(name, out var entry) ? entry.ValueKind == JsonValueKind.Object ? ProducerFigures.Number(entry, "avg") : ProducerFigures.Number(entry) : null;

    private static int? ErrorSummaryCount(JsonElement root)
    {
        if (!root.TryGetProperty("error_summary", out var summary) || summary.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var total = 0;
        foreach (var item in summary.EnumerateArray())
        {
            total += ProducerFigures.Whole(ProducerFigures.Number(item, "count")) ?? 0;
        }

        return total;
    }

    /// <summary>Model, concurrency and producer from <c>input_config</c> (AIPerf: endpoint.model_names, loadgen.concurrency;
    /// GenAI-Perf: model, concurrency).</summary>
    internal static Dimensions Describe(JsonElement root, Dimensions inherited)
    {
        var dimensions = inherited.Clone();
        dimensions.Producer = "aiperf";
        if (!root.TryGetProperty("input_config", out var config) || config.ValueKind != JsonValueKind.Object)
        {
            return dimensions;
        }

        if (config.TryGetProperty("endpoint", out var endpoint) && endpoint.ValueKind == JsonValueKind.Object)
        {
            dimensions.Model = FirstText(endpoint, "model_names") ?? dimensions.Model;
        }
        else
        {
            dimensions.Producer = "genai-perf";
        }

        dimensions.Model ??= FirstText(config, "model_names") ?? FirstText(config, "model");
        if (config.TryGetProperty("loadgen", out var loadgen))
        {
            dimensions.Concurrency = ProducerFigures.Whole(ProducerFigures.Number(loadgen, "concurrency")) ?? dimensions.Concurrency;
        }

        dimensions.Concurrency ??= ProducerFigures.Whole(ProducerFigures.Number(config, "concurrency"));
        return dimensions;
    }

    private static string? FirstText(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    return item.GetString();
                }
            }
        }

        return null;
    }
}
