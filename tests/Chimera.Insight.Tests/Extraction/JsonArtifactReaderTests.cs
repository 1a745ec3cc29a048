using Xunit;
using System.Text;
using System.Text.Json;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Tests.Extraction;

public sealed class JsonArtifactReaderTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void An_all_failed_prompt_suite_shows_as_failed_runs_of_the_headline_metrics()
    {
        const string json = """
            { "model": "llama3.2:1b", "results": [
                { "test_name": "Player Died", "error": "'charmap' codec can't encode character", "success": false },
                { "test_name": "Boss Defeated", "error": "'charmap' codec can't encode character", "success": false } ] }
            """;

        var result = files.Read("baseline_test_results_1759098967.json", json);

        foreach (var metric in new[] { "TtftMs", "TokensPerSecond" })
        {
            var failed = result.Of(metric);
            Assert.Equal(2, failed.Count);
            Assert.All(failed, s => Assert.True(s.Failed && double.IsNaN(s.Value) && s.Model == "llama3.2:1b" && s.Error!.Contains("charmap")));
        }
    }

    [Fact]
    public void Reads_results_under_a_top_level_model_and_keeps_failed_results()
    {
        const string json = """
            { "model": "llama3.2:1b", "test_datetime": "2025-09-28T18:36:40", "options": { "num_gpu": 80, "num_ctx": 2048 },
              "total_tests": 3,
              "results": [
                { "test_name": "Player Died", "generation_time_ms": 3089.02, "tokens": 44, "tokens_per_second": 14.24, "success": true },
                { "test_name": "Boss Defeated", "error": "'charmap' codec can't encode character", "success": false },
                { "test_name": "Level Up", "generation_time_ms": 2527.22, "tokens": 35, "tokens_per_second": 13.85, "success": true } ],
              "summary": { "avg_generation_time_ms": 2808.12, "min_generation_time_ms": 2527.22, "avg_tokens_per_second": 14.04 } }
            """;
        var result = files.Read("baseline_test_results_1759099000.json", json);
        Assert.Empty(result.Errors);
        var total = result.Of("TotalMs");
        Assert.Equal(3, total.Count);
        Assert.All(total, s => Assert.Equal("llama3.2:1b", s.Model));
        Assert.All(total, s => Assert.Equal("num_gpu=80, num_ctx=2048", s.Configuration));
        Assert.Equal("Player Died", total[0].Prompt);
        Assert.Equal("$.results[0]", total[0].Location);
        Assert.True(total[1].Failed);
        Assert.True(double.IsNaN(total[1].Value));
        Assert.Equal("'charmap' codec can't encode character", total[1].Error);
        Assert.Equal(3, result.Samples.Count(s => s.Failed));
        Assert.Equal(2808.12, result.Of("TotalMs", "Mean").Single().Value);
        Assert.Equal(2527.22, result.Of("TotalMs", "Min").Single().Value);
        Assert.Equal(14.04, result.Of("TokensPerSecond", "Mean").Single().Value);
        Assert.Equal(3, result.Samples.Single(s => s.Metric == "total_tests").Value);
    }

    [Fact]
    public void Reads_summarised_figures_per_backend_of_a_compilation_bench_and_its_failures()
    {
        const string json = """
            { "generated_at": "2025-10-02T21:21:56+00:00",
              "model": { "name": "transformer", "device": "cuda", "batch_size": 2 },
              "settings": { "runs": 10, "warmup_runs": 3 },
              "backends": {
                "eager": { "backend": "eager", "compilation": null,
                           "benchmark": { "backend": "eager", "mean_time_ms": 0.7961, "std_time_ms": 0.0318, "min_time_ms": 0.7565, "max_time_ms": 0.8453, "metadata": { "compile_time_s": 0.0 } } },
                "jit": { "backend": "jit", "compilation": { "backend": "torchscript", "success": true, "compile_time_s": 0.1601, "error": null },
                         "benchmark": { "backend": "jit", "mean_time_ms": 0.8085, "std_time_ms": 0.0433, "min_time_ms": 0.7439, "max_time_ms": 0.884 } },
                "torch_compile": { "backend": "torch_compile",
                         "compilation": { "backend": "torch.compile", "success": false, "compile_time_s": null, "error": "Cannot find a working triton installation." },
                         "benchmark": { "backend": "torch_compile", "mean_time_ms": 0.0, "std_time_ms": 0.0, "min_time_ms": 0.0, "max_time_ms": 0.0, "metadata": { "error": "Cannot find a working triton installation." } } } } }
            """;
        var result = files.Read("transformer_cuda_bench_20251002-172126.json", json);
        Assert.Empty(result.Errors);
        var eager = result.Samples.Where(s => s.Backend == "eager").ToList();
        Assert.Equal(["Mean", "StdDev", "Min", "Max"], eager.Select(s => s.Statistic).ToArray());
        Assert.All(eager, s => Assert.Equal("LatencyMs", s.Metric));
        Assert.All(eager, s => Assert.Equal("transformer", s.Model));
        Assert.All(eager, s => Assert.Equal("device=cuda", s.Configuration));
        Assert.Equal(0.7961, eager[0].Value);
        var compile = result.Of("CompileMs");
        Assert.Equal(160.1, compile.Single(s => s.Backend == "jit").Value, 6);
        var failed = result.Samples.Where(s => s.Backend == "torch_compile").ToList();
        Assert.Equal(5, failed.Count);
        Assert.All(failed, s => Assert.True(s.Failed && double.IsNaN(s.Value)));
        Assert.All(failed, s => Assert.Contains("triton", s.Error));
        Assert.DoesNotContain(result.Samples, s => s.Metric is "runs" or "batch_size" or "warmup_runs");
    }

    [Fact]
    public void Names_groups_of_kernel_figures_by_their_path()
    {
        const string json = """
            { "attention": { "torch": { "mean_time_ms": 24.6, "std_time_ms": 73.1, "min_time_ms": 0.16, "max_time_ms": 244.0 } },
              "fusion": { "baseline_linear_gelu": { "mean_time_ms": 0.76, "std_time_ms": 2.05 },
                          "fused_linear_gelu": { "mean_time_ms": 0.049, "std_time_ms": 0.0097 } } }
            """;
        var result = files.Read("kernel_benchmarks.json", json);
        var means = result.Of("LatencyMs", "Mean");
        Assert.Equal(["attention/torch", "fusion/baseline_linear_gelu", "fusion/fused_linear_gelu"], means.Select(s => s.Backend!).ToArray());
        Assert.Equal(3, result.Samples.Select(s => s.Record).Distinct().Count());
    }

    [Fact]
    public void Reads_raw_ollama_responses_in_json_lines_and_reports_a_broken_line()
    {
        var lines = new StringBuilder();
        lines.Append("{\"model\":\"gemma3:latest\",\"created_at\":\"2025-09-28T18:36:10Z\",\"done\":true,\"total_duration\":2500000000,\"load_duration\":2100000000,\"prompt_eval_count\":40,\"prompt_eval_duration\":20000000,\"eval_count\":300,\"eval_duration\":2500000000}\n");
        lines.Append("{\"model\":\"gemma3:latest\",\"done\":true,\"total_duration\":2600000000,\"load_duration\":70000000,\"eval_count\":280,\"eval_duration\":2500000000}\n");
        lines.Append("{\"model\":\"gemma3:latest\",\"done\":tr\n");
        lines.Append("{\"error\":\"model requires more system memory\"}\n");
        lines.Append("\n");
        lines.Append("{\"model\":\"gemma3:latest\",\"done\":true,\"load_duration\":80000000,\"eval_count\":250,\"eval_duration\":2000000000}\n");
        var result = files.Read("responses.jsonl", lines.ToString());
        var error = Assert.Single(result.Errors);
        Assert.Equal("line 3", error.Location);
        var tps = result.Of("TokensPerSecond");
        Assert.Equal([120.0, 112.0, double.NaN, 125.0], tps.Values());
        Assert.True(tps[2].Failed);
        Assert.Equal("model requires more system memory", tps[2].Error);
        Assert.Equal(2100, result.Of("LoadMs")[0].Value, 9);
        Assert.Equal(new DateTime(2025, 9, 28, 18, 36, 10, DateTimeKind.Utc), tps[0].Timestamp);
    }

    [Fact]
    public void Detects_json_lines_in_a_json_file()
    {
        var result = files.Read("ollama.json", "{\"model\":\"g\",\"eval_count\":100,\"eval_duration\":1000000000}\n{\"model\":\"g\",\"eval_count\":120,\"eval_duration\":1000000000}\n");
        Assert.Empty(result.Errors);
        Assert.Equal([100.0, 120.0], result.Of("TokensPerSecond").Values());
    }

    [Fact]
    public void Reads_agent_metrics_aggregates_as_means_and_runs_as_samples()
    {
        const string json = """
            { "insight": {
                "config": { "base_url": "http://localhost:11435", "model": "gemma3:latest", "options": { "num_ctx": 512, "num_gpu": 80, "temperature": 1.0 } },
                "result": {
                  "aggregate_metrics": { "average_tokens_per_second": 110.5, "average_ttft_ms": 1500.2, "load_duration_ms": 1200.5, "stddev_throughput": 2.5, "stddev_ttft": 900.1 },
                  "individual_runs": [
                    { "ttft_ms": 2800.4, "throughput_tokens_per_sec": 108.0, "load_duration_ms": 2300.0, "tokens_generated": 400 },
                    { "ttft_ms": 200.0, "throughput_tokens_per_sec": 113.0, "load_duration_ms": 101.0, "tokens_generated": 420 },
                    { "ttft_ms": 210.0, "throughput_tokens_per_sec": 112.0, "load_duration_ms": 95.0, "tokens_generated": 380 } ],
                  "llm_calls": [ { "prompt_tokens": 812, "eval_count": 400 } ] } } }
            """;
        var result = files.Read(Path.Combine("chimera_homo_gpu80_ctx512", "run_1", "metrics.json"), json);
        Assert.Empty(result.Errors);
        Assert.Equal(110.5, result.Of("TokensPerSecond", "Mean").Single().Value);
        Assert.Equal(1500.2, result.Of("TtftMs", "Mean").Single().Value);
        Assert.Equal(1200.5, result.Of("LoadMs", "Mean").Single().Value);
        Assert.Equal(2.5, result.Of("TokensPerSecond", "StdDev").Single().Value);
        Assert.Equal(900.1, result.Of("TtftMs", "StdDev").Single().Value);
        var runs = result.Of("TtftMs");
        Assert.Equal(3, runs.Count);
        Assert.All(runs, s => Assert.Equal("num_gpu=80, num_ctx=512, temperature=1", s.Configuration));
        Assert.All(runs, s => Assert.Equal("gemma3:latest", s.Model));
        Assert.Equal([Phase.Cold, Phase.Warm, Phase.Warm], runs.Select(s => s.Phase).ToArray());
        Assert.Equal(812, result.Of("PromptTokens").Single().Value);
    }

    [Fact]
    public void Reads_system_telemetry_with_gpu_figures_apart_from_sampling_temperature()
    {
        const string json = """
            { "export_timestamp": 1759275987.6, "metrics_count": 1, "metrics": [
              { "timestamp": 1759275970.66, "system": { "timestamp": 1759275970.66, "cpu_percent": 12.3, "memory_percent": 68.6 },
                "gpu": [ { "gpu_id": 0, "name": "RTX 4080", "temperature": 48, "power_draw": 142.6, "utilization_gpu": 93, "memory_used_mb": 5490.0 } ],
                "ollama": { "process_count": 1, "ollama_processes": [ { "pid": 28024, "name": "ollama.exe", "cpu_percent": 36.8 } ] } } ] }
            """;
        var result = files.Read("baseline_system_metrics.json", json);
        Assert.Empty(result.Errors);
        Assert.Equal(12.3, result.Of("CpuPercent").Single(s => s.Backend is null).Value);
        Assert.Equal(68.6, result.Of("MemoryPercent").Single().Value);
        Assert.Equal(93, result.Of("GpuUtilizationPercent").Single().Value);
        Assert.Equal(5490, result.Of("GpuMemoryMb").Single().Value);
        Assert.Equal(142.6, result.Of("PowerWatts").Single().Value);
        Assert.Equal(48, result.Samples.Single(s => s.Metric == "gpu_temperature").Value);
        Assert.All(result.Samples, s => Assert.Null(s.Temperature));
        Assert.DoesNotContain(result.Samples, s => s.Metric is "metrics_count" or "pid" or "gpu_id" or "process_count");
        Assert.Equal(new DateTime(2025, 9, 30, 23, 46, 10, 660, DateTimeKind.Utc), result.Of("CpuPercent")[0].Timestamp);
        Assert.Equal(36.8, result.Of("CpuPercent").Single(s => s.Backend is not null).Value);
    }

    [Fact]
    public void Reads_an_exported_insight_report()
    {
        var report = new InsightReport
        {
            Model = "gemma3:latest", Provider = ReportProvider.Ollama, Configuration = "num_gpu=80, num_ctx=512, temperature=1", NumGpu = 80, NumCtx = 512,
            Temperature = 1, GeneratedAt = new DateTime(2025, 11, 15, 10, 15, 0, DateTimeKind.Utc), TtftMs = 589.98, TokensPerSecond = 108.05,
            TotalDurationMs = 23516.71, LoadDurationMs = 527.04, PromptEvalDurationMs = 316.03, EvalDurationMs = 20873.83, PromptTokens = 1874, TokensGenerated = 2253,
        };
        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
        Assert.Contains("\"Provider\":\"Ollama\"", json);
        var result = files.Read("insight_report.json", json);
        Assert.Empty(result.Errors);
        Assert.Equal(["TtftMs", "TokensPerSecond", "LoadMs", "PromptEvalMs", "EvalMs", "TotalMs", "PromptTokens", "OutputTokens"], result.Samples.Select(s => s.Metric).ToArray());
        Assert.All(result.Samples, s => Assert.Equal("num_gpu=80, num_ctx=512, temperature=1", s.Configuration));
        Assert.All(result.Samples, s => Assert.Equal(report.GeneratedAt, s.Timestamp));
        Assert.Equal(527.04, result.Of("LoadMs").Single().Value);
        Assert.Equal(2253, result.Of("OutputTokens").Single().Value);

        var live = ReportSamples.FromReport(report, "live");
        Assert.Equal(result.Samples.Select(s => (s.Metric, s.Value, s.Record)), live.Select(s => (s.Metric, s.Value, s.Record)));
        Assert.All(live, s => Assert.Equal("live", s.Source));
    }

    [Fact]
    public void Gives_an_incomplete_report_failed_samples_and_reads_configuration_text()
    {
        var report = new InsightReport { Model = "m", Configuration = "num_gpu=80, num_ctx=512, temp=1, top_p=default", Complete = false, Warnings = ["stream ended early"], TtftMs = 300 };
        var samples = ReportSamples.FromReport(report, "r");
        Assert.Equal(8, samples.Count);
        Assert.All(samples, s => Assert.True(s.Failed && double.IsNaN(s.Value) && s.Error == "stream ended early"));
        Assert.All(samples, s => Assert.Equal("num_gpu=80, num_ctx=512, temperature=1", s.Configuration));
    }

    [Fact]
    public void Gives_a_csv_row_and_the_json_export_of_the_same_run_the_same_record_id()
    {
        var csv = files.Read("run.csv", "model,options,ttft_s,tokens_s,load_s,eval_count\ng,\"{\"\"num_ctx\"\":2048}\",0.1243,108.12,0.0712,311\ng,\"{\"\"num_ctx\"\":2048}\",0.1301,107.5,0.0702,280\n");
        var json = files.Read("run.json", """{ "model": "g", "options": { "num_ctx": 2048 }, "results": [ { "ttft_ms": 124.3, "tokens_per_second": 108.12, "load_duration_ms": 71.2, "eval_count": 311 }, { "ttft_ms": 130.1, "tokens_per_second": 107.5, "load_duration_ms": 70.2, "eval_count": 280 } ] }""");
        Assert.Equal(csv.Of("TtftMs").Select(s => s.Record), json.Of("TtftMs").Select(s => s.Record));
        Assert.NotEqual(csv.Of("TtftMs")[0].Record, csv.Of("TtftMs")[1].Record);
    }

    [Theory]
    [InlineData("{ \"ttft_ms\": 12", "invalid JSON")]
    [InlineData("{ \"ttft_ms\": 12,, }", "invalid JSON")]
    [InlineData("42", "bare number")]
    [InlineData("\"text\"", "bare string")]
    public void Reports_invalid_json_and_bare_scalars(string json, string reason)
    {
        var error = Assert.Single(files.Read("bad.json", json).Errors);
        Assert.Contains(reason, error.Reason);
        Assert.NotNull(error.Location);
    }

    [Fact]
    public void Refuses_nesting_deeper_than_the_limit()
    {
        var json = new string('[', 300) + new string(']', 300);
        var error = Assert.Single(files.Read("deep.json", json).Errors);
        Assert.Contains("deeper than the limit of 256", error.Reason);
    }

    [Fact]
    public void Reads_the_objects_of_a_mixed_array_and_reports_the_rest()
    {
        var result = files.Read("mixed.json", """[ { "ttft_ms": 120 }, 7, "x", { "ttft_ms": 130 } ]""");
        Assert.Equal([120.0, 130.0], result.Of("TtftMs").Values());
        Assert.Equal(["$[1]", "$[2]"], result.Errors.Select(e => e.Location!).ToArray());
    }

    [Fact]
    public void Reports_duplicate_keys_and_uses_the_last()
    {
        var result = files.Read("dup.json", """{ "model": "g", "ttft_ms": 120, "ttft_ms": 130 }""");
        Assert.Equal(130, result.Of("TtftMs").Single().Value);
        Assert.Contains("duplicate key 'ttft_ms'", result.Errors.Single().Reason);
    }

    [Fact]
    public void Refuses_impossible_figures_but_keeps_the_others()
    {
        var result = files.Read("neg.json", """[ { "ttft_ms": -5, "tokens_s": 100 }, { "ttft_ms": "NaN", "tokens_s": 101 }, { "ttft_ms": 90000000, "tokens_s": 102 }, { "ttft_ms": 120, "tokens_s": 103 } ]""");
        Assert.Equal([120.0], result.Of("TtftMs").Values());
        Assert.Equal(4, result.Of("TokensPerSecond").Count);
        Assert.Equal(["$[0]", "$[1]", "$[2]"], result.Errors.Select(e => e.Location!).ToArray());
    }

    [Fact]
    public void Reports_random_binary_named_json()
    {
        var bytes = new byte[256];
        new Random(7).NextBytes(bytes);
        var result = ArtifactReader.Read(files.WriteBytes("random.json", bytes), ArtifactKind.Json);
        Assert.Empty(result.Samples);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Reads_utf16_json_with_a_byte_order_mark()
    {
        var path = files.Write("utf16.json", """{ "model": "gemma3", "ttft_ms": 120 }""", new UnicodeEncoding(false, true));
        var result = ArtifactReader.Read(path, ArtifactKind.Json);
        Assert.Empty(result.Errors);
        Assert.Equal("gemma3", result.Samples.Single().Model);
    }
}
