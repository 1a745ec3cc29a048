using System.Globalization;
using System.Text.Json;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>
/// vLLM's offline benchmarks: <c>benchmark_latency.py</c> / <c>vllm bench latency --output-json</c>
/// (<c>avg_latency</c> and the <c>latencies</c> of each iteration, in seconds: the latencies are Measured as TotalMs, the
/// batch's end-to-end time) and <c>benchmark_throughput.py</c> / <c>vllm bench throughput</c> (<c>requests_per_second</c>,
/// <c>tokens_per_second</c> counting prompt and output tokens, Reported for the run).
/// </summary>
internal static class OfflineBenchResults
{
    public static bool IsLatency(JsonElement o) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty("avg_latency", out _) && o.TryGetProperty("latencies", out var list)
        && list.ValueKind == JsonValueKind.Array;

    public static bool IsThroughput(JsonElement o) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty("elapsed_time", out _) && o.TryGetProperty("num_requests", out _)
        && o.TryGetProperty("requests_per_second", out _);

    public static void Read(JsonElement o, string location, Dimensions inherited, SampleSink sink)
    {
        var dimensions = inherited.Clone();
        dimensions.Producer = "vllm";
        dimensions.Model = ProducerFigures.Text(o, "model") ?? dimensions.Model;
        if (IsLatency(o))
        {
            var index = 0;
            foreach (var latency in o.GetProperty("latencies").EnumerateArray())
            {
                var record = new BenchmarkRecord(dimensions, location + ".latencies[" + index.ToString(CultureInfo.InvariantCulture) + "]");
                index++;
                if (ProducerFigures.Number(latency) is { } seconds)
                {
                    ProducerFigures.Add(sink, record, ProducerFigures.Field(CanonicalMetric.TotalMs, null), seconds * 1000, "latencies");
                    sink.Add(record);
                }
            }

            return;
        }

        var run = new BenchmarkRecord(dimensions, location) { RequestCount = ProducerFigures.Whole(ProducerFigures.Number(o, "num_requests")) };
        if (ProducerFigures.Number(o, "requests_per_second") is { } requests)
        {
            ProducerFigures.Add(sink, run, ProducerFigures.Field(CanonicalMetric.RequestsPerSecond, Insight.Statistic.Mean), requests, "requests_per_second");
        }

        if (ProducerFigures.Number(o, "tokens_per_second") is { } tokens)
        {
            ProducerFigures.Add(sink, run, ProducerFigures.OwnField("total_tokens_per_second", "tok/s", Insight.Statistic.Mean), tokens, "tokens_per_second");
        }

        if (ProducerFigures.Number(o, "output_tokens_per_second") is { } output)
        {
            ProducerFigures.Add(sink, run, ProducerFigures.Field(CanonicalMetric.SystemTokensPerSecond, Insight.Statistic.Mean), output, "output_tokens_per_second");
        }

        sink.Add(run);
    }
}
