using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>
/// Ray LLMPerf (<c>token_benchmark_ray.py</c>): <c>*_summary.json</c> and <c>*_individual_responses.json</c>. Everything
/// is in seconds. The summary's <c>results_{metric}_{mean|min|max|stddev|quantiles_pN}</c> are Reported, covering
/// <c>results_num_completed_requests</c> with <c>results_number_errors</c> failed; the individual file lists one object per
/// request (Measured): a row with an <c>error_code</c> is a failure even when it carries timings. Its ITL is a per-request
/// average (the sum of the request's gaps over its output tokens); <c>request_output_throughput_token_per_s</c> is the
/// request's output tokens over its end-to-end latency (TTFT included); <c>results_mean_output_throughput_token_per_s</c> the
/// run's aggregate. The individual file names no model: it comes from the summary beside it.
/// </summary>
internal static partial class LlmPerfResults
{
    private static readonly Regex SummaryKey = SummaryKeyRegex();
    [GeneratedRegex(@"^results_(?<metric>.+?)_(?:quantiles_(?<q>p\d+)|(?<stat>mean|min|max|stddev))$", RegexOptions.CultureInvariant)]
    private static partial Regex SummaryKeyRegex();

    public static bool IsSummary(JsonElement o) =>
        o.ValueKind == JsonValueKind.Object
        && (o.TryGetProperty("results_ttft_s_mean", out _) || o.TryGetProperty("results_end_to_end_latency_s_mean", out _)
            || o.TryGetProperty("results_num_completed_requests", out _));

    public static bool IsRequest(JsonElement o) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty("error_code", out _)
        && (o.TryGetProperty("ttft_s", out _) || o.TryGetProperty("end_to_end_latency_s", out _));

    /// <summary>A per-request metric's canonical field and the factor to its unit.</summary>
    private static (string Metric, double Scale)? Metric(string name) => name switch
    {
        "ttft_s" => (CanonicalMetric.TtftMs, 1000),
        "end_to_end_latency_s" => (CanonicalMetric.TotalMs, 1000),
        "inter_token_latency_s" => (CanonicalMetric.ItlMs, 1000),
        "request_output_throughput_token_per_s" => (CanonicalMetric.TokensPerSecond, 1),
        "number_input_tokens" => (CanonicalMetric.PromptTokens, 1),
        "number_output_tokens" => (CanonicalMetric.OutputTokens, 1),
        _ => null,
    };

    public static void ReadSummary(JsonElement summary, string location, string? runLabel, Dimensions inherited, SampleSink sink)
    {
        var dimensions = Describe(summary, inherited);
        dimensions.Run = runLabel;
        var completed = ProducerFigures.Whole(ProducerFigures.Number(summary, "results_num_completed_requests"));
        var failed = ProducerFigures.Whole(ProducerFigures.Number(summary, "results_number_errors"));
        var record = new BenchmarkRecord(dimensions, location);
        if (completed == 0)
        {
            record.MarkFailed(string.Format(CultureInfo.InvariantCulture, ProducerStrings.AllRequestsFailed, failed ?? 0,
                ProducerFigures.Text(summary, "results_error_code_frequency") ?? ProducerStrings.NoErrorGiven));
            record.FailedRequestCount = Math.Max(1, failed ?? 1);
        }
        else
        {
            record.RequestCount = completed;
            record.FailedRequestCount = failed;
        }

        foreach (var property in summary.EnumerateObject())
        {
            FieldMapping? field = null;
            var scale = 1.0;
            if (property.Name == "results_mean_output_throughput_token_per_s")
            {
                field = ProducerFigures.Field(CanonicalMetric.SystemTokensPerSecond, Insight.Statistic.Mean);
            }
            else if (property.Name == "results_num_completed_requests_per_min")
            {
                field = ProducerFigures.Field(CanonicalMetric.RequestsPerSecond, Insight.Statistic.Mean);
                scale = 1.0 / 60;
            }
            else if (SummaryKey.Match(property.Name) is { Success: true } match && Metric(match.Groups["metric"].Value) is { } metric)
            {
                var statistic = match.Groups["q"].Success ? ProducerFigures.Percentile(match.Groups["q"].Value) : ProducerFigures.Statistic(match.Groups["stat"].Value);
                if (statistic is not null)
                {
                    field = ProducerFigures.Field(metric.Metric, statistic);
                    scale = metric.Scale;
                }
            }

            if (field is null)
            {
                continue;
            }

            if (record.Failed)
            {
                record.AddMissing(field);
            }
            else if (ProducerFigures.Number(property.Value) is { } value)
            {
                ProducerFigures.Add(sink, record, field, value * scale, property.Name);
            }
        }

        sink.Add(record);
    }

    /// <summary>The individual responses: one Measured record per request.</summary>
    public static void ReadRequests(JsonElement requests, string location, Dimensions inherited, SampleSink sink)
    {
        var dimensions = inherited.Clone();
        dimensions.Producer = "llmperf";
        if (dimensions.Model is null && CompanionFiles.LlmPerfSummary(sink.Source) is { } companion)
        {
            using (companion.Document)
            {
                var described = Describe(companion.Document.RootElement, dimensions);
                dimensions.Model = described.Model;
                dimensions.Concurrency ??= described.Concurrency;
            }

            if (dimensions.Model is not null)
            {
                sink.Note(null, string.Format(CultureInfo.InvariantCulture, ProducerStrings.CompanionModel, dimensions.Model, companion.Path));
            }
        }

        var index = 0;
        foreach (var request in requests.EnumerateArray())
        {
            var at = location + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            index++;
            if (!IsRequest(request))
            {
                continue;
            }

            var record = new BenchmarkRecord(dimensions, at);
            var message = ProducerFigures.Text(request, "error_msg");
            if ((request.TryGetProperty("error_code", out var code) && code.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
                 && !(code.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(code.GetString())))
                || !string.IsNullOrWhiteSpace(message))
            {
                record.MarkFailed(string.Format(CultureInfo.InvariantCulture, ProducerStrings.ErrorCode, code.ToString(),
                    string.IsNullOrWhiteSpace(message) ? "" : ": " + NumberText.Shorten(message!)), isErrorText: true);
            }

            foreach (var property in request.EnumerateObject())
            {
                if (Metric(property.Name) is not { } metric)
                {
                    continue;
                }

                var field = ProducerFigures.Field(metric.Metric, null);
                if (record.Failed)
                {
                    record.AddMissing(field);
                }
                else if (ProducerFigures.Number(property.Value) is { } value)
                {
                    ProducerFigures.Add(sink, record, field, value * metric.Scale, property.Name);
                }
            }

            sink.Add(record);
        }
    }

    private static Dimensions Describe(JsonElement summary, Dimensions inherited)
    {
        var dimensions = inherited.Clone();
        dimensions.Producer = "llmperf";
        dimensions.Model = ProducerFigures.Text(summary, "model") ?? dimensions.Model;
        dimensions.Concurrency = ProducerFigures.Whole(ProducerFigures.Number(summary, "num_concurrent_requests")) ?? dimensions.Concurrency;
        if (ProducerFigures.Number(summary, "timestamp") is { } epoch)
        {
            dimensions.Timestamp = Dimensions.FromEpoch(epoch) ?? dimensions.Timestamp;
        }

        return dimensions;
    }
}
