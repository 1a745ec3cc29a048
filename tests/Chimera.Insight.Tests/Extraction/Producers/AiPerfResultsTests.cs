using Xunit;

namespace Chimera.Insight.Tests.Extraction.Producers;

public sealed class AiPerfResultsTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    private const string Aggregate = """
        {"records": {
           "request_count": {"tag": "request_count", "unit": "requests", "header": "Request Count", "avg": 18.0, "min": null, "count": 1},
           "error_request_count": {"tag": "error_request_count", "unit": "requests", "avg": 2.0, "count": 1},
           "ttft": {"tag": "ttft", "unit": "ms", "header": "Time to First Token", "avg": 250.5, "min": 100.0, "max": 900.0, "p50": 200.0, "p99": 880.0, "std": 90.0, "count": 18},
           "inter_token_latency": {"tag": "inter_token_latency", "unit": "ms", "avg": 12.5, "p99": 20.0, "count": 18},
           "inter_chunk_latency": {"tag": "inter_chunk_latency", "unit": "ms", "avg": 11.0, "count": 2000},
           "request_latency": {"tag": "request_latency", "unit": "ms", "avg": 3000.0, "count": 18},
           "output_token_throughput_per_user": {"tag": "output_token_throughput_per_user", "unit": "tokens/sec/user", "avg": 80.0, "count": 18},
           "output_token_throughput": {"tag": "output_token_throughput", "unit": "tokens/sec", "avg": 1400.0, "count": 1},
           "request_throughput": {"tag": "request_throughput", "unit": "requests/sec", "avg": 6.0, "count": 1},
           "benchmark_duration": {"tag": "benchmark_duration", "unit": "sec", "avg": 3.0, "count": 1}},
         "input_config": {"endpoint": {"model_names": ["Qwen/Qwen3-0.6B"], "type": "chat", "streaming": true}, "loadgen": {"concurrency": 10}},
         "error_summary": [{"error_details": {"code": 500, "type": "ServerError", "message": "boom"}, "count": 2}]}
        """;

    [Fact]
    public void The_aggregate_json_gives_reported_figures_with_their_counts_and_failures()
    {
        var path = files.Write("artifacts/run1/profile_export_aiperf.json", Aggregate);
        var result = ProducerMeasure.Read(path);

        Assert.Empty(result.Errors);
        var p99 = Assert.Single(result.Of("TtftMs", "P99"));
        Assert.Equal(880.0, p99.Value);
        Assert.Equal("Qwen/Qwen3-0.6B", p99.Model);
        Assert.Equal("aiperf", p99.Producer);
        Assert.Equal(10, p99.Concurrency);
        Assert.Equal(12.5, Assert.Single(result.Of("ItlMs", "Mean")).Value);
        Assert.Equal(80.0, Assert.Single(result.Of("TokensPerSecond", "Mean")).Value);
        Assert.Equal(1400.0, Assert.Single(result.Of("SystemTokensPerSecond", "Mean")).Value);
        Assert.Equal(6.0, Assert.Single(result.Of("RequestsPerSecond", "Mean")).Value);
        Assert.DoesNotContain(result.Samples, s => s.Metric.Contains("duration") || s.Metric.Contains("request_count"));

        var metrics = ProducerMeasure.Measure(path);
        Assert.Equal(18, metrics.One("TtftMs", "Mean").Count);
        Assert.Equal(2, metrics.One("TtftMs", "Mean").FailedCount);
        Assert.Equal(18, metrics.One("SystemTokensPerSecond", "Mean").Count);
    }

    [Fact]
    public void Per_request_jsonl_is_measured_with_inline_errors_failed_and_the_model_from_the_aggregate_beside_it()
    {
        files.Write("artifacts/run1/profile_export_aiperf.json", Aggregate);
        var path = files.Write("artifacts/run1/profile_export.jsonl", string.Join("\n",
            """{"metadata": {"x_request_id": "a", "credit_phase": "profiling"}, "metrics": {"ttft": {"value": 120.5, "unit": "ms"}, "request_latency": {"value": 2.5, "unit": "sec"}, "inter_chunk_latency": {"value": [10.0, 12.0], "unit": "ms"}, "output_sequence_length": {"value": 40, "unit": "tokens"}}, "error": null}""",
            """{"metadata": {"x_request_id": "b", "credit_phase": "profiling"}, "metrics": {"error_request_count": {"value": 1, "unit": "requests"}}, "error": {"code": 499, "type": "RequestCancellationError", "message": "Request was cancelled"}}""",
            """{"metadata": {"x_request_id": "c", "credit_phase": "warmup"}, "metrics": {"ttft": {"value": 5000.0, "unit": "ms"}}, "error": null}"""));
        var result = ProducerMeasure.Read(path);
        var metrics = ProducerMeasure.Measure(path);

        var ttft = metrics.One("TtftMs");
        Assert.Equal("Qwen/Qwen3-0.6B", ttft.Model);
        Assert.Equal([120.5], ttft.Values);
        Assert.Equal(1, ttft.FailedCount);
        Assert.Equal([2500.0], metrics.One("TotalMs").Values);
        Assert.Contains(result.Notes, n => n.Reason.Contains("warm-up"));
    }

    [Fact]
    public void The_multi_table_csv_with_crlf_reads_each_table_by_its_metric_column()
    {
        files.Write("artifacts/run1/profile_export_aiperf.json", Aggregate);
        var path = files.Write("artifacts/run1/profile_export_aiperf.csv",
            "Metric,avg,min,max,p1,p5,p10,p25,p50,p75,p90,p95,p99,std\r\n" +
            "Time to First Token (ms),250.50,100.00,900.00,101.00,110.00,120.00,150.00,200.00,300.00,500.00,700.00,880.00,90.00\r\n" +
            "Request Latency (ms),3000.00,2000.00,4000.00,2001.00,2100.00,2200.00,2500.00,2900.00,3200.00,3600.00,3800.00,3990.00,300.00\r\n" +
            "Inter Token Latency (ms),12.50,10.00,20.00,10.00,10.10,10.20,11.00,12.00,13.00,15.00,17.00,20.00,2.00\r\n" +
            "\r\n" +
            "Metric,Value\r\n" +
            "Benchmark Duration (sec),3.00\r\n" +
            "Request Throughput (requests/sec),6.00\r\n" +
            "Output Token Throughput (tokens/sec),1400.00\r\n" +
            "Request Count,18.00\r\n" +
            "\r\n" +
            "Endpoint,GPU_Index,GPU_Name,GPU_UUID,Metric,avg,min,max\r\n" +
            "localhost:9401,0,NVIDIA L4,GPU-1,GPU Power Usage (W),43.37,26.68,299.28\r\n");
        var result = ProducerMeasure.Read(path);

        Assert.Empty(result.Errors);
        Assert.Equal(880.0, Assert.Single(result.Of("TtftMs", "P99")).Value);
        Assert.Equal(3990.0, Assert.Single(result.Of("TotalMs", "P99")).Value);
        Assert.Equal(6.0, Assert.Single(result.Of("RequestsPerSecond", "Mean")).Value);
        Assert.Equal(1400.0, Assert.Single(result.Of("SystemTokensPerSecond", "Mean")).Value);
        Assert.All(result.Samples, s => Assert.Equal("Qwen/Qwen3-0.6B", s.Model));
        Assert.DoesNotContain(result.Samples, s => s.Metric is "avg" or "p99" or "std");
        Assert.Equal(18, ProducerMeasure.Measure(path).One("TtftMs", "P99").Count);
    }

    [Fact]
    public void The_genai_perf_analyze_csv_gives_one_run_per_configuration()
    {
        var path = files.Write("analyze_export_genai_perf.csv",
            "Config Name,Concurrency,ISL,Num Dataset Entries,p99 Time To First Token (ms),p99 Inter Token Latency (ms),p99 Request Latency (ms),p99 Output Sequence Length (tokens),Avg. Output Token Throughput (tokens/sec),Request Throughput (requests/sec)\n" +
            "gpt2_run_config_1,1,201,150,33.13,7.29,778.62,126.16,147.93,1.32\n" +
            "gpt2_run_config_2,4,201,200,43.54,8.16,979.75,132.10,449.63,4.32\n");
        var result = ProducerMeasure.Read(path);

        var ttft = result.Of("TtftMs", "P99");
        Assert.Equal([33.13, 43.54], ttft.Values());
        Assert.Equal([1, 4], ttft.Select(s => s.Concurrency ?? 0).ToArray());
        Assert.Equal([147.93, 449.63], result.Of("SystemTokensPerSecond", "Mean").Values());
        Assert.Equal("genai-perf", ttft[0].Producer);
    }
}
