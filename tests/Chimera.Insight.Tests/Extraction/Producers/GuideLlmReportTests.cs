using Xunit;

namespace Chimera.Insight.Tests.Extraction.Producers;

public sealed class GuideLlmReportTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    private static string Distribution(double mean, int count, string percentiles) =>
        $"{{\"successful\": {{\"mean\": \"{mean}\", \"median\": {mean}, \"std_dev\": 0.5, \"min\": 1.0, \"max\": 99.0, \"count\": {count}, \"percentiles\": {percentiles}}}, " +
        "\"errored\": {\"mean\": 0.0, \"count\": 0}, \"incomplete\": {\"mean\": 0.0, \"count\": 0}, \"total\": {\"mean\": 1.0, \"count\": 0}}";

    [Fact]
    public void Successful_figures_are_reported_per_benchmark_with_errored_failed_and_incomplete_said()
    {
        var path = files.Write("guidellm/benchmarks.json", "{\"benchmarks\": [" +
            "{\"type_\": \"generative_benchmark\", \"args\": {\"strategy\": {\"type_\": \"synchronous\"}}, \"worker\": {\"backend_model\": \"Qwen/Qwen2.5-7B\"}," +
            " \"request_totals\": {\"successful\": 40, \"errored\": 2, \"incomplete\": 1, \"total\": 43}, \"start_time\": 1749157168.18, \"metrics\": {" +
            "\"request_latency\": " + Distribution(0.5, 40, "{\"p50\": 0.5, \"p99\": 0.9}") + "," +
            "\"time_to_first_token_ms\": " + Distribution(16.5, 40, "\"{'p001': 15.0, 'p99': 21.5, 'p999': 22.0}\"") + "," +
            "\"inter_token_latency_ms\": " + Distribution(4.9, 40, "{\"p99\": 5.2}") + "," +
            "\"time_per_output_token_ms\": " + Distribution(5.1, 40, "{\"p99\": 5.4}") + "," +
            "\"output_tokens_per_second\": " + Distribution(198.0, 120, "{\"p99\": 230.0}") + "}}," +
            "{\"type_\": \"generative_benchmark\", \"args\": {\"strategy\": {\"type_\": \"concurrent\", \"streams\": 8}}, \"worker\": {\"backend_model\": \"Qwen/Qwen2.5-7B\"}," +
            " \"request_totals\": {\"successful\": 80, \"errored\": 0, \"incomplete\": 0, \"total\": 80}, \"metrics\": {" +
            "\"time_to_first_token_ms\": " + Distribution(30.0, 80, "{\"p99\": 45.0}") + "}}]}");
        var result = ProducerMeasure.Read(path);

        Assert.Empty(result.Errors);
        Assert.Equal(500, result.Of("TotalMs", "Mean")[0].Value, 9);
        Assert.Equal(900, result.Of("TotalMs", "P99")[0].Value, 9);
        var ttft99 = result.Of("TtftMs", "P99");
        Assert.Equal([21.5, 45.0], ttft99.Values());
        Assert.Equal([1, 8], ttft99.Select(s => s.Concurrency ?? 0).ToArray());
        Assert.Equal(22.0, Assert.Single(result.Of("TtftMs", "P99.9")).Value);
        Assert.Equal(15.0, Assert.Single(result.Of("TtftMs", "P0.1")).Value);
        Assert.Equal(4.9, result.Of("ItlMs", "Mean")[0].Value);
        Assert.Equal(5.1, result.Of("TpotMs", "Mean")[0].Value);
        Assert.Equal(198.0, result.Of("SystemTokensPerSecond", "Mean")[0].Value);
        Assert.All(result.Samples, s => Assert.Equal("Qwen/Qwen2.5-7B", s.Model));
        Assert.Contains(result.Notes, n => n.Reason.Contains("incomplete"));

        var first = ProducerMeasure.Measure(path).Single(m => m.Metric == "TtftMs" && m.Statistic == "Mean" && m.Run == "1");
        Assert.Equal(40, first.Count);
        Assert.Equal(2, first.FailedCount);
    }
}
