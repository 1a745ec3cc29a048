using Xunit;
using System.Text;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Tests.Extraction;

public sealed class MarkdownArtifactReaderTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Reads_a_metrics_list_and_not_the_numbers_in_prose_or_code()
    {
        const string markdown = """
            # Technical Report: Chimera Insight Analysis

            **Date:** 2025-11-15
            **Model:** gemma3:latest
            **Configuration:** num_gpu=80, num_ctx=512, temp=1, top_p=default, top_k=default, repeat_penalty=default

            The analysis covered 101 files and found an average TTFT of 14.24 seconds.

            ```
            - Throughput: 999 tok/s
            ```

            ## Metrics
            - Throughput: 108.05 tok/s
            - TTFT: 589.98 ms
            - Total Duration: 23516.71 ms
            - Tokens Generated: 2253
            - Prompt Eval: 316.03 ms
            - Eval Duration: 20873.83 ms
            - Load Duration: 527.04 ms
            - Execution time: 23.55s (ingest 0.03s | analysis 10.28s)
            """;
        var result = files.Read("insight_report.md", markdown);
        Assert.Empty(result.Errors);
        Assert.Equal(["TokensPerSecond", "TtftMs", "TotalMs", "OutputTokens", "PromptEvalMs", "EvalMs", "LoadMs"], result.Samples.Select(s => s.Metric).ToArray());
        Assert.Equal(108.05, result.Of("TokensPerSecond", "Mean").Single().Value);
        Assert.Equal(589.98, result.Of("TtftMs", "Mean").Single().Value);
        Assert.All(result.Samples, s => Assert.Equal("gemma3:latest", s.Model));
        Assert.All(result.Samples, s => Assert.Equal("num_gpu=80, num_ctx=512, temperature=1", s.Configuration));
        Assert.Single(result.Samples.Select(s => s.Record).Distinct());
        Assert.Equal("line 14", result.Of("TokensPerSecond", "Mean").Single().Location);
    }

    [Fact]
    public void Reads_a_compilation_table_with_a_failed_row_and_the_list_above_it()
    {
        const string markdown = """
            # Compilation Benchmark Report - Generated: 2025-10-02T21:21:05+00:00
            - Model: conv
            - Device: cuda
            - DType: torch.float32 | Backend | Success | Compile Time (s) | Mean (ms) | Std (ms) | Min (ms) | Max (ms) | Notes |
            | --- | --- | --- | --- | --- | --- | --- | --- |
            | eager | yes | 0.0000 | 0.154 | 0.007 | 0.141 | 0.161 | |
            | jit | yes | 0.0699 | 0.162 | 0.007 | 0.145 | 0.171 | strict=False; frozen=True |
            | torch_compile | no | 0.0000 | 0.000 | 0.000 | 0.000 | 0.000 | error=Cannot find a working triton installation |
            """;
        var result = files.Read("conv_cuda_bench_20251002-172037.md", markdown);
        Assert.Empty(result.Errors);
        var means = result.Of("LatencyMs", "Mean");
        Assert.Equal(["eager", "jit", "torch_compile"], means.Select(s => s.Backend!).ToArray());
        Assert.All(means, s => Assert.Equal("conv", s.Model));
        Assert.All(means, s => Assert.Equal("device=cuda", s.Configuration));
        Assert.Equal(0.154, means[0].Value);
        Assert.Equal(69.9, result.Of("CompileMs").Single(s => s.Backend == "jit").Value, 6);
        Assert.All(result.Samples.Where(s => s.Backend == "torch_compile"), s => Assert.True(s.Failed && double.IsNaN(s.Value)));
        Assert.Equal(["Mean", "StdDev", "Min", "Max"], result.Samples.Where(s => s.Backend == "eager" && s.Metric == "LatencyMs").Select(s => s.Statistic).ToArray());
    }

    [Fact]
    public void Repeats_an_empty_dimension_cell_and_treats_dashes_as_no_value()
    {
        const string markdown = """
            | Model | Backend | Mean Latency (ms) | Compile Time (s) | Notes |
            | ----- | ------- | ---------------- | ---------------- | ----- |
            | `mlp` | eager | 0.493 | - | Baseline |
            | | jit | 0.635 | 0.0576 | Tracing overhead |
            | `conv` | eager | 3.812 | - | Baseline |
            | | torch_compile | - | - | **Failed:** Triton missing |
            """;
        var result = files.Read("lessons.md", markdown);
        Assert.Empty(result.Errors);
        var means = result.Of("LatencyMs", "Mean");
        Assert.Equal([("mlp", "eager"), ("mlp", "jit"), ("conv", "eager")], means.Select(s => (s.Model!, s.Backend!)).ToArray());
        Assert.Single(result.Of("CompileMs"));
    }

    [Fact]
    public void Splits_lines_that_a_lossy_export_ran_together()
    {
        const string markdown = """
            # Summary ## Quantization Sweep
            Best throughput with q4_0. | tag | mean_tokens_s | mean_ttft_s |
            | --- | --- | --- |
            | q4_0 | 76.59 | 0.097 |
            | q8_0 | 46.57 | 2.008 | ## Parameter Sweep
            Top configuration: num_gpu=40, num_ctx=1024, temperature=0.4
            - Tokens/s: 78.42
            """;
        var result = files.Read("ollama_benchmark_summary.md", markdown);
        Assert.Empty(result.Errors);
        Assert.Equal([("q4_0", 76.59), ("q8_0", 46.57)], result.Of("TokensPerSecond", "Mean").Where(s => s.Quantization is not null).Select(s => (s.Quantization!, s.Value)).ToArray());
        Assert.Equal(2008, result.Of("TtftMs", "Mean")[1].Value, 6);
        var top = result.Of("TokensPerSecond", "Mean").Single(s => s.Quantization is null);
        Assert.Equal(78.42, top.Value);
        Assert.Equal("num_gpu=40, num_ctx=1024, temperature=0.4", top.Configuration);
    }

    [Fact]
    public void Reads_each_section_as_its_own_record()
    {
        const string markdown = """
            ## Agent A (Chimera Agent A)
            - Config: num_gpu=80, num_ctx=512, temp=1
            - Throughput: 105.23 tok/s
            - TTFT: 777.66 ms

            ## Agent B (Chimera Agent B)
            - Config: num_gpu=60, num_ctx=1024, temp=0.8
            - Throughput: 112.90 tok/s
            - TTFT: 5810.22 ms

            ## Delta (B - A)
            - Throughput Δ: +7.67 tok/s
            - TTFT Δ: -5032.57 ms (positive = Agent B faster TTFT)
            """;
        var result = files.Read("combined_report.md", markdown);
        Assert.Empty(result.Errors);
        var tps = result.Of("TokensPerSecond", "Mean");
        Assert.Equal([105.23, 112.90], tps.Values());
        Assert.Equal(["num_gpu=80, num_ctx=512, temperature=1", "num_gpu=60, num_ctx=1024, temperature=0.8"], tps.Select(s => s.Configuration!).ToArray());
        Assert.NotEqual(tps[0].Record, tps[1].Record);
        // A change between the two agents is not a value of any metric: passed over, with a note.
        Assert.DoesNotContain(result.Samples, s => s.Metric.Contains("Δ"));
        Assert.Contains(result.Notes, n => n.Location == "line 12" && n.Reason.Contains("change"));
    }

    [Fact]
    public void Reads_a_table_that_lists_one_metric_per_row()
    {
        const string markdown = """
            | Metric | Average Value | Standard Deviation |
            | --- | --- | --- |
            | TTFT | 145.2 ms | 12.1 ms |
            | Throughput | 104.5 tok/s | 2.2 tok/s |
            """;
        var result = files.Read("transposed.md", markdown);
        Assert.Equal(145.2, result.Of("TtftMs", "Mean").Single().Value);
        Assert.Equal(12.1, result.Of("TtftMs", "StdDev").Single().Value);
        Assert.Equal(2.2, result.Of("TokensPerSecond", "StdDev").Single().Value);
    }

    [Fact]
    public void Reports_nul_bytes_and_not_finite_figures()
    {
        var result = files.Read("nul.md", "# R\n## Metrics\n- TTFT: 120\0.5 ms\n- Throughput: NaN\n- Tokens Generated: 300\n");
        Assert.Contains(result.Errors, e => e.Location == "line 3" && e.Reason.Contains("NUL"));
        Assert.Contains(result.Errors, e => e.Location == "line 4" && e.Reason.Contains("not a finite number"));
        Assert.Equal(120.5, result.Of("TtftMs", "Mean").Single().Value);
        Assert.Equal(300, result.Of("OutputTokens", "Mean").Single().Value);
    }

    [Fact]
    public void Reads_utf16_markdown_and_gives_prose_only_files_no_samples()
    {
        var path = files.Write("report.md", "## Metrics\n- TTFT: 120 ms\n", new UnicodeEncoding(false, true));
        Assert.Single(ArtifactReader.Read(path, ArtifactKind.Markdown).Samples);
        var prose = files.Read("notes.md", "# Notes\nWe ran 3 runs at 120 ms and 4 GB.\n");
        Assert.Empty(prose.Samples);
        Assert.Empty(prose.Errors);
    }
}
