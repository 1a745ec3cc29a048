using Xunit;

namespace Chimera.Insight.Tests.Extraction.Producers;

public sealed class ServingResultsTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    private const string VllmRun = """
        {"date": "20250612-101500", "backend": "vllm", "model_id": "meta-llama/Llama-3.1-8B-Instruct", "tokenizer_id": "meta-llama/Llama-3.1-8B-Instruct",
         "num_prompts": 100, "request_rate": "inf", "burstiness": 1.0, "max_concurrency": 16, "duration": 41.2, "completed": 96, "failed": 4,
         "total_input_tokens": 98304, "total_output_tokens": 12288, "request_throughput": 2.33, "output_throughput": 298.2, "total_token_throughput": 2684.1,
         "mean_ttft_ms": 181.5, "median_ttft_ms": 150.25, "std_ttft_ms": 60.1, "p99_ttft_ms": 420.0,
         "mean_tpot_ms": 21.4, "median_tpot_ms": 20.9, "std_tpot_ms": 2.2, "p99_tpot_ms": 30.8,
         "mean_itl_ms": 21.0, "median_itl_ms": 19.7, "std_itl_ms": 8.4, "p99_itl_ms": 61.3,
         "mean_e2el_ms": 2900.0, "median_e2el_ms": 2850.5, "std_e2el_ms": 310.0, "p99_e2el_ms": 3900.0}
        """;

    [Fact]
    public void A_vllm_result_gives_reported_figures_of_its_model_covering_completed_requests_with_failed_beside()
    {
        var path = files.Write("serve/result.json", VllmRun);
        var result = ProducerMeasure.Read(path);

        Assert.Empty(result.Errors);
        var ttftP99 = Assert.Single(result.Of("TtftMs", "P99"));
        Assert.Equal(420.0, ttftP99.Value);
        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", ttftP99.Model);
        Assert.Equal("vllm", ttftP99.Producer);
        Assert.Equal(16, ttftP99.Concurrency);
        Assert.Equal(150.25, Assert.Single(result.Of("TtftMs", "P50")).Value);
        Assert.Equal(19.7, Assert.Single(result.Of("ItlMs", "P50")).Value);
        Assert.Equal(21.4, Assert.Single(result.Of("TpotMs", "Mean")).Value);
        Assert.Equal(2850.5, Assert.Single(result.Of("TotalMs", "P50")).Value);
        Assert.Equal(298.2, Assert.Single(result.Of("SystemTokensPerSecond", "Mean")).Value);
        Assert.Equal(2.33, Assert.Single(result.Of("RequestsPerSecond", "Mean")).Value);
        Assert.Empty(result.Of("TokensPerSecond", "Mean"));

        var metric = ProducerMeasure.Measure(path).One("TtftMs", "P99");
        Assert.Equal(96, metric.Count);
        Assert.Equal(4, metric.FailedCount);
        Assert.Equal(420.0, metric.Mean);
        Assert.Null(metric.P99);
    }

    [Fact]
    public void Appended_runs_one_object_per_line_in_a_json_file_are_runs_of_their_own()
    {
        var second = VllmRun.Replace("\n", " ").Replace("\"max_concurrency\": 16", "\"max_concurrency\": 32").Replace("\"p99_ttft_ms\": 420.0", "\"p99_ttft_ms\": 700.0");
        var path = files.Write("serve/appended.json", VllmRun.Replace("\n", " ") + "\n" + second + "\n");
        var result = ProducerMeasure.Read(path);

        Assert.Empty(result.Errors);
        var p99 = result.Of("TtftMs", "P99");
        Assert.Equal([420.0, 700.0], p99.Values());
        Assert.Equal(["1", "2"], p99.Select(s => s.Run!).ToArray());
        Assert.Equal([16, 32], p99.Select(s => s.Concurrency ?? 0).ToArray());
        Assert.Equal(2, ProducerMeasure.Measure(path).Count(m => m.Metric == "TtftMs" && m.Statistic == "P99"));
    }

    [Fact]
    public void An_all_failed_run_gives_its_failed_requests_and_no_placeholder_zero()
    {
        var path = files.Write("serve/down.json", """
            {"backend": "vllm", "model_id": "m", "num_prompts": 50, "completed": 0, "failed": 50, "request_throughput": 0.0, "output_throughput": 0.0,
             "mean_ttft_ms": 0.0, "median_ttft_ms": 0.0, "p99_ttft_ms": 0.0, "mean_itl_ms": 0.0, "mean_e2el_ms": 0.0,
             "errors": ["Connection refused", "Connection refused"]}
            """);
        var metrics = ProducerMeasure.Measure(path);

        Assert.DoesNotContain(metrics, m => m.Mean == 0);
        var ttft = metrics.One("TtftMs", "Mean");
        Assert.Equal(0, ttft.Count);
        Assert.Equal(50, ttft.FailedCount);
        Assert.Contains("Connection refused", ttft.TopError);
    }

    [Fact]
    public void Raw_lists_are_measured_in_ms_with_itl_per_gap_and_failed_requests_counted()
    {
        var path = files.Write("serve/detailed.json", """
            {"backend": "vllm", "model_id": "m", "completed": 2, "failed": 1, "output_throughput": 90.0, "mean_ttft_ms": 150.0,
             "ttfts": [0.1, 0.2, 0.0], "e2els": [1.1, 2.2, 0.0], "output_lens": [11, 21, 0], "input_lens": [5, 5, 5],
             "itls": [[0.1, 0.1], [0.1, 0.09, 0.11], []], "errors": ["", "", "Timeout"]}
            """);
        var metrics = ProducerMeasure.Measure(path);

        var ttft = metrics.One("TtftMs");
        Assert.Equal([100.0, 200.0], ttft.Values.OrderBy(v => v).Select(v => Math.Round(v, 6)).ToArray());
        Assert.Equal(1, ttft.FailedCount);
        Assert.Equal(5, metrics.One("ItlMs").Count);
        Assert.Equal(100.0, metrics.One("TpotMs").Values.Min(), 6);
        Assert.DoesNotContain(metrics, m => m.Metric == "TtftMs" && m.Origin == MetricOrigin.Reported);
        Assert.Equal(90.0, metrics.One("SystemTokensPerSecond", "Mean").Mean);
    }

    [Fact]
    public void Sglang_jsonl_with_infinity_and_stray_lines_gives_one_run_per_line_without_a_model()
    {
        var path = files.Write("sglang/online.jsonl", """
            Namespace(backend='sglang', dataset_name='random')
            {"backend": "sglang", "dataset_name": "random", "request_rate": Infinity, "max_concurrency": 8, "total_output_tokens_retokenized": 1000, "mean_e2e_latency_ms": 900.5, "median_e2e_latency_ms": 880.0, "median_ttft_ms": 40.5, "median_itl_ms": 9.25, "output_throughput": 512.0, "completed": 64}
            {"backend": "sglang", "dataset_name": "random", "request_rate": 4.0, "max_concurrency": null, "total_output_tokens_retokenized": 1000, "mean_e2e_latency_ms": 700.5, "median_e2e_latency_ms": 690.0, "median_ttft_ms": 30.5, "median_itl_ms": 8.25, "output_throughput": 256.0, "completed": 32}
            """);
        var result = ProducerMeasure.Read(path);

        Assert.Empty(result.Errors);
        var itl = result.Of("ItlMs", "P50");
        Assert.Equal([9.25, 8.25], itl.Values());
        Assert.All(itl, s => Assert.Equal("sglang", s.Producer));
        Assert.All(itl, s => Assert.Null(s.Model));
        Assert.Equal([8, 0], itl.Select(s => s.Concurrency ?? 0).ToArray());
        Assert.Equal(900.5, result.Of("TotalMs", "Mean")[0].Value);
        Assert.Equal(64, ProducerMeasure.Measure(path).First(m => m.Metric == "TtftMs" && m.Run == "1").Count);
    }

    [Fact]
    public void A_sweep_summary_array_gives_each_run()
    {
        var path = files.Write("sweep/summary.json", "[" + VllmRun + "," + VllmRun.Replace("\"max_concurrency\": 16", "\"max_concurrency\": 64") + "]");
        var result = ProducerMeasure.Read(path);
        Assert.Equal([16, 64], result.Of("TtftMs", "Mean").Select(s => s.Concurrency ?? 0).ToArray());
    }

    [Fact]
    public void Offline_latency_iterations_are_measured_in_ms_and_throughput_runs_reported()
    {
        var latency = ProducerMeasure.Read(files.Write("offline/latency.json",
            """{"avg_latency": 1.5, "latencies": [1.25, 1.75], "percentiles": {"10": 1.3, "50": 1.5, "90": 1.7, "99": 1.75}}"""));
        Assert.Equal([1250.0, 1750.0], latency.Of("TotalMs").Values());
        Assert.All(latency.Samples, s => Assert.Equal("vllm", s.Producer));

        var throughput = ProducerMeasure.Read(files.Write("offline/throughput.json",
            """{"elapsed_time": 10.0, "num_requests": 100, "total_num_tokens": 50000, "requests_per_second": 10.0, "tokens_per_second": 5000.0}"""));
        Assert.Equal(10.0, Assert.Single(throughput.Of("RequestsPerSecond", "Mean")).Value);
        Assert.Empty(throughput.Of("TokensPerSecond", "Mean"));
    }

    [Fact]
    public void Runs_under_a_wrapper_key_are_read_as_the_tool_wrote_them()
    {
        var result = ProducerMeasure.Read(files.Write("sweep/wrapped.json", "{\"results\": [" + VllmRun + "]}"));
        Assert.Equal(420.0, Assert.Single(result.Of("TtftMs", "P99")).Value);
        Assert.DoesNotContain(result.Samples, s => s.Metric.StartsWith("mean_", StringComparison.Ordinal));
    }

    [Fact]
    public void A_median_written_again_as_p50_is_one_figure()
    {
        var path = files.Write("serve/percentiles.json", VllmRun.Replace("\"p99_ttft_ms\": 420.0", "\"p99_ttft_ms\": 420.0, \"p50_ttft_ms\": 150.25, \"p90_ttft_ms\": 300.0"));
        var metrics = ProducerMeasure.Measure(path);
        var median = metrics.One("TtftMs", "P50");
        Assert.Equal(96, median.Count);
        Assert.Equal(150.25, median.Mean);
        Assert.Equal(300.0, metrics.One("TtftMs", "P90").Mean);
    }

    [Fact]
    public void Without_raw_end_to_end_latencies_the_reported_ones_stay()
    {
        var path = files.Write("serve/ttfts-only.json", """
            {"backend": "vllm", "model_id": "m", "completed": 2, "failed": 0, "mean_ttft_ms": 150.0, "mean_e2el_ms": 1650.0,
             "ttfts": [0.1, 0.2], "output_lens": [11, 21], "errors": ["", ""]}
            """);
        var metrics = ProducerMeasure.Measure(path);
        Assert.Equal(2, metrics.One("TtftMs").Count);
        Assert.DoesNotContain(metrics, m => m.Metric == "TtftMs" && m.Origin == MetricOrigin.Reported);
        Assert.Equal(1650.0, metrics.One("TotalMs", "Mean").Mean);
    }
}
