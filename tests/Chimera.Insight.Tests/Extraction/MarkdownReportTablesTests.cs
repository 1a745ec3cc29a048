using Xunit;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Tests.Extraction;

/// <summary>Tables as people write them in lab reports: units in the cells, spreads, decoration, a metric per row,
/// change columns, cells that hold no figure. None of it is an error.</summary>
public sealed class MarkdownReportTablesTests : IDisposable
{
    private readonly ArtifactFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void A_cells_own_unit_beats_the_headers()
    {
        const string markdown = """
            | Model | Throughput | TTFT (ms) | GPU Memory | Load (ms) |
            |-------|-----------:|----------:|-----------:|----------:|
            | gemma3:latest | 303.9 tok/s | 0.06s | 3.5 GB | 812 |
            | llama3.1:8b | 98.2 tokens/s | 145 | 5120 MB | 0.9 s |
            """;
        var result = files.Read("units.md", markdown);
        Assert.Empty(result.Errors);
        var gemma = result.Samples.Where(s => s.Model == "gemma3:latest").ToList();
        Assert.Equal(303.9, gemma.Single(s => s.Metric == "TokensPerSecond").Value);
        Assert.Equal(60, gemma.Single(s => s.Metric == "TtftMs").Value, 9);
        Assert.Equal(3.5 * 1024, gemma.Single(s => s.Metric == "GpuMemoryMb").Value, 9);
        var llama = result.Samples.Where(s => s.Model == "llama3.1:8b").ToList();
        Assert.Equal(145, llama.Single(s => s.Metric == "TtftMs").Value);
        Assert.Equal(900, llama.Single(s => s.Metric == "LoadMs").Value, 9);
        Assert.Equal(5120, llama.Single(s => s.Metric == "GpuMemoryMb").Value);
    }

    [Fact]
    public void Mean_plus_minus_sd_gives_a_reported_mean_and_stddev_per_subject_and_changes_are_no_values()
    {
        const string markdown = """
            ## Aggregate Performance

            | Metric | Baseline | Chimera | Δ |
            |--------|----------|---------|---|
            | Average Throughput (tok/s) | 114.02 ± 2.10 | 115.98 ± 1.16 | +1.7% (+1.95) |
            | Average TTFT (ms) | 1327.37 ± 1731.26 | 1292.15 ± 1841.10 | -2.7% (-35.22) |
            | Total Tokens Generated | 7118 | 6623 | -495 |
            """;
        var result = files.Read("comparison_report.md", markdown);
        Assert.Empty(result.Errors);
        var means = result.Of("TokensPerSecond", "Mean");
        Assert.Equal([("Baseline", 114.02), ("Chimera", 115.98)], means.Select(s => (s.Backend!, s.Value)).ToArray());
        Assert.Equal([2.10, 1.16], result.Of("TokensPerSecond", "StdDev").Values());
        Assert.Equal([1327.37, 1292.15], result.Of("TtftMs", "Mean").Values());
        Assert.Equal([7118.0, 6623.0], result.Of("OutputTokens", "Mean").Values());
        // The Δ column is a change between the subjects: never a value, of any metric.
        Assert.DoesNotContain(result.Samples, s => s.Value is 1.7 or 1.95 or -2.7 or -35.22 or -495);
        Assert.Contains(result.Notes, n => n.Reason.Contains("'Δ'") && n.Reason.Contains("changes"));
    }

    [Fact]
    public void A_table_with_a_metric_per_row_is_read_the_other_way_round_without_a_metric_header()
    {
        const string markdown = """
            |  | Run A | Run B | Change |
            |---|---|---|---|
            | **Throughput** | 99.34 tok/s | 98.55 tok/s | **-0.8%** ❌ |
            | **TTFT** ⚡ | 512 ms | 0.54 s | +5.5% ✅ |
            | *Load Duration*¹ | 2.1 s | 2.3 s | +9% |
            """;
        var result = files.Read("ab.md", markdown);
        Assert.Empty(result.Errors);
        Assert.Equal([("Run A", 99.34), ("Run B", 98.55)], result.Of("TokensPerSecond", "Mean").Select(s => (s.Backend!, s.Value)).ToArray());
        Assert.Equal([512.0, 540.0], result.Of("TtftMs", "Mean").Values().Select(v => Math.Round(v, 9)).ToArray());
        Assert.Equal([2100.0, 2300.0], result.Of("LoadMs", "Mean").Values().Select(v => Math.Round(v, 9)).ToArray());
        Assert.DoesNotContain(result.Samples, s => s.Value is -0.8 or 5.5 or 9);
    }

    [Fact]
    public void Headers_name_the_metric_statistic_and_phase_never_the_decoration()
    {
        const string markdown = """
            | Rank | Model | Size (GB) | Context | Mean TTFT (warm) | Cold TTFT (s) | TP Δ (tok/s) | Throughput[^1] | **Efficiency** (%) | Notes |
            |---|---|---|---|---|---|---|---|---|---|
            | 1 🏆 | gemma3:latest | 3.3 | 4096 | 0.165 s | 2.31 | +1.07 | 102.85 | 77.9% | fastest |
            | 2 | llama3.1:8b-q4_0 | 4.7 | 2048 | 0.097 s | 1.9 | -1.40 | 76.59 | 64.8% | - |
            """;
        var result = files.Read("leaderboard.md", markdown);
        Assert.Empty(result.Errors);
        var metrics = result.Samples.Select(s => s.Metric).Distinct().OrderBy(m => m, StringComparer.Ordinal).ToArray();
        Assert.Equal(["Efficiency", "TokensPerSecond", "TtftMs"], metrics);
        var warm = result.Samples.Where(s => s.Metric == "TtftMs" && s.Statistic == "Mean").ToList();
        Assert.Equal([165.0, 97.0], warm.Select(s => Math.Round(s.Value, 9)).ToArray());
        Assert.All(warm, s => Assert.Equal(Phase.Warm, s.Phase));
        var cold = result.Of("TtftMs").Where(s => s.Phase == Phase.Cold).ToList();
        Assert.Equal([2310.0, 1900.0], cold.Select(s => Math.Round(s.Value, 9)).ToArray());
        Assert.Equal([4096, 2048], result.Of("TokensPerSecond").Select(s => s.NumCtx!.Value).ToArray());
        Assert.Equal("%", result.Samples.First(s => s.Metric == "Efficiency").Unit);
        Assert.DoesNotContain(result.Samples, s => s.Value is 1.07 or -1.40 or 3.3 or 4.7 or 1 or 2);
    }

    [Fact]
    public void Cells_without_a_figure_are_skipped_with_a_note_and_never_an_error()
    {
        const string markdown = """
            | Model | TTFT (ms) | Throughput (tok/s) | GPU Memory | Response Chars |
            |---|---|---|---|---|
            | a:1 | N/A | - | ~6-7 GB (estimated) | 3,503 |
            | b:1 | fast | 81.2 | 5.3 GB | 978 |
            | c:1 | 12 | 5% | ≈4 GB | 1,005 |
            """;
        var result = files.Read("odd.md", markdown);
        Assert.Empty(result.Errors);
        Assert.Equal(81.2, result.Of("TokensPerSecond").Single().Value);
        Assert.Equal(12, result.Of("TtftMs").Single().Value);
        Assert.Contains(result.Notes, n => n.Location == "line 4" && n.Reason.Contains("'fast' is not a figure"));
        Assert.Contains(result.Notes, n => n.Location == "line 5" && n.Reason.Contains("not in a unit of TokensPerSecond"));
        Assert.Contains(result.Notes, n => n.Reason.Contains("3,503"));
        Assert.DoesNotContain(result.Notes, n => n.Reason.Contains("N/A"));
    }

    [Fact]
    public void A_header_listing_statistics_reads_one_figure_for_each()
    {
        const string markdown = """
            | Quantization | TTFT P50/P95 (ms) | E2E P50/P95/P99 (ms) | Decode (tok/s) |
            |---|--:|--:|--:|
            | Q4_K_M | 756 / 935 | 3284 / 3644 / 3650 | 24.8 |
            """;
        var result = files.Read("quant.md", markdown);
        Assert.Empty(result.Errors);
        Assert.Equal(756, result.Of("TtftMs", "P50").Single().Value);
        Assert.Equal(935, result.Of("TtftMs", "P95").Single().Value);
        Assert.Equal(3650, result.Of("TotalMs", "P99").Single().Value);
        Assert.Equal(24.8, result.Of("TokensPerSecond").Single().Value);
        Assert.Equal("Q4_K_M", result.Of("TokensPerSecond").Single().Quantization);
    }

    [Fact]
    public void A_list_item_with_a_spread_gives_a_mean_and_a_stddev()
    {
        var result = files.Read("stats.md", "## Throughput\n- Baseline: 114.02 ± 2.10 tok/s\n- **Mean TTFT (warm):** 0.165 s\n");
        Assert.Empty(result.Errors);
        Assert.Equal(114.02, result.Of("TokensPerSecond", "Mean").Single().Value);
        Assert.Equal(2.10, result.Of("TokensPerSecond", "StdDev").Single().Value);
        var ttft = result.Of("TtftMs", "Mean").Single();
        Assert.Equal(165, ttft.Value, 9);
        Assert.Equal(Phase.Warm, ttft.Phase);
    }

    [Theory]
    [InlineData("Mean TTFT (warm)", "Metric", "TtftMs", "Mean")]
    [InlineData("**Average Throughput (tok/s)**", "Metric", "TokensPerSecond", "Mean")]
    [InlineData("Peak Throughput", "Metric", "TokensPerSecond", "Max")]
    [InlineData("TP Δ (tok/s)", "Change", null, null)]
    [InlineData("TTFT diff", "Change", null, null)]
    [InlineData("Speedup", "Change", null, null)]
    [InlineData("A vs B", "Change", null, null)]
    [InlineData("%", "Change", null, null)]
    [InlineData("Rank", "Ignore", null, null)]
    [InlineData("Size (GB)", "Ignore", null, null)]
    [InlineData("Config ID", "Ignore", null, null)]
    [InlineData("Total File Size", "Ignore", null, null)]
    [InlineData("Batch Size", "Ignore", null, null)]
    [InlineData("Context Size", "Dimension", null, null)]
    [InlineData("Context", "Dimension", null, null)]
    [InlineData("GPU (Chimera)", "Dimension", null, null)]
    [InlineData("Decode (tok/s)", "Metric", "TokensPerSecond", null)]
    [InlineData("Avg Eval Duration (ms)", "Metric", "EvalMs", "Mean")]
    [InlineData("Std (ms)", "Metric", "LatencyMs", "StdDev")]
    public void The_header_interpreter_reads_words_not_a_list_of_headers(string header, string kind, string? metric, string? statistic)
    {
        var meaning = MarkdownHeader.Interpret(header);
        Assert.Equal(kind, meaning.Kind.ToString());
        if (metric is not null)
        {
            Assert.Equal(metric, meaning.Mapping.Metric);
            Assert.Equal(statistic, meaning.Mapping.Statistic);
        }
    }
}
