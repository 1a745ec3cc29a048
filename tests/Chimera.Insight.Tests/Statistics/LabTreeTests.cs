using System.Globalization;
using Chimera.Insight.Inventory;
using Chimera.Insight.Statistics;
using Chimera.Insight.Tests.Inventory;
using Xunit;

namespace Chimera.Insight.Tests.Statistics;

/// <summary>What a real lab's folder holds: signed changes, a CSV and its JSON twin without a model, a JSON result
/// and its Markdown rendering, runs of one family, figures files state already summarised.</summary>
public sealed class LabTreeTests : IDisposable
{
    private readonly TempTree tree = new();

    public void Dispose() => tree.Dispose();

    private sealed class Measured(List<BenchmarkMetric> metrics, List<MeasurementNotice> notices, List<string> notes)
    {
        public List<BenchmarkMetric> Metrics { get; } = metrics;
        public List<MeasurementNotice> Notices { get; } = notices;
        public List<string> Notes { get; } = notes;
        public BenchmarkMetric One(string metric, string? model = null, MetricOrigin? origin = null, string? statistic = null) =>
            Assert.Single(Metrics, m => m.Metric == metric && m.Model == model && (origin is null || m.Origin == origin) && (statistic is null || m.Statistic == statistic));
    }

    /// <summary>Measures the tree as Get-BenchmarkInventory | Measure-BenchmarkMetrics does: its files in inventory order.</summary>
    private Measured Measure(string? path = null)
    {
        var session = new MeasurementSession(new MeasurementOptions { MaxDegreeOfParallelism = 2 });
        var notices = new List<MeasurementNotice>();
        var notes = new List<string>();
        foreach (var entry in new InventoryWalker().Walk(path ?? tree.Root))
        {
            if (entry.File is { } file)
            {
                session.AddFile(file);
                notices.AddRange(session.TakeNotices());
            }
        }

        session.Complete();
        notices.AddRange(session.TakeNotices());
        notes.AddRange(session.TakeNotes());
        return new Measured(session.BuildMetrics(null).ToList(), notices, notes);
    }

    [Fact]
    public void Negative_deltas_are_read_and_counted_not_refused()
    {
        foreach (var (run, delta, tp) in new[] { (1, -5032.5659, 7.67), (2, 159.8684, -43.6857), (3, 120.4, -1.2) })
        {
            tree.File($"scenario/run_{run}/summary.json", string.Create(CultureInfo.InvariantCulture,
                $$"""{"aggregate":{"average_ttft_delta_ms":{{delta}},"average_throughput_delta":{{tp}}},"runs":[{"run_number":1,"ttft_delta_ms":{{delta}},"throughput_delta":{{tp}},"collector_ttft_ms":783.2}]}"""));
        }

        var measured = Measure();

        Assert.DoesNotContain(measured.Notices, n => n.Kind == MeasurementNoticeKind.InvalidData);
        var reported = measured.One("average_ttft_delta_ms", origin: MetricOrigin.Reported);
        Assert.Equal(3, reported.Count);
        Assert.Equal((-5032.5659 + 159.8684 + 120.4) / 3, reported.Mean!.Value, 9);
        var raw = measured.One("ttft_delta_ms", origin: MetricOrigin.Measured);
        Assert.Equal(-5032.5659, raw.Min);
        Assert.Null(raw.CV); // a coefficient of variation says nothing of signed figures
        Assert.Equal(3, measured.One("throughput_delta").Count);
    }

    [Fact]
    public void A_csv_without_a_model_and_its_json_twin_count_each_request_once_under_the_model()
    {
        var ttft = new[] { 0.1205, 0.1187, 0.1321, 0.1199, 0.1244 };
        var tps = new[] { 101.2, 99.87, 100.4, 102.05, 98.6 };
        var csv = "prompt_index,ttft_s,tokens_s,eval_count\n" + string.Concat(Enumerable.Range(0, 5).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i},{ttft[i]},{tps[i]},{300 + i}\n")));
        var json = "{\"model\":\"gemma3:latest\",\"results\":[" + string.Join(",", Enumerable.Range(0, 5).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{{\"prompt_index\":{i},\"ttft_ms\":{ttft[i] * 1000},\"tokens_per_second\":{tps[i]},\"eval_count\":{300 + i}}}"))) + "]}";
        tree.File("reports/gemma3/gemma3_baseline.csv", csv);
        tree.File("reports/gemma3/gemma3_baseline.json", json);

        var measured = Measure();

        var throughput = measured.One("TokensPerSecond", "gemma3:latest");
        Assert.Equal(5, throughput.Count);
        Assert.Equal(tps.Average(), throughput.Mean!.Value, 9);
        Assert.DoesNotContain(measured.Metrics, m => m.Model is null);
        Assert.Contains(measured.Notices, n => n.Kind == MeasurementNoticeKind.Redundant && n.Source.EndsWith("gemma3_baseline.csv", StringComparison.Ordinal));
        Assert.Contains(measured.Notes, n => n.Contains("gemma3_baseline.csv") && n.Contains("'gemma3:latest' taken from its twin"));
        Assert.NotEmpty(throughput.RedundantSources);
    }

    [Fact]
    public void A_json_result_and_its_markdown_rendering_count_once()
    {
        tree.File("compilation/conv_bench_20251002-170837.json", """
            {"model":{"name":"conv","device":"cpu"},"backends":{
              "eager":{"benchmark":{"backend":"eager","mean_time_ms":3.812139999899955,"std_time_ms":0.9313611921575342,"min_time_ms":2.724800000578398,"max_time_ms":5.478299999595038}},
              "jit":{"compilation":{"backend":"jit","success":true,"compile_time_s":0.09877340000093682},
                     "benchmark":{"backend":"jit","mean_time_ms":3.781859999799053,"std_time_ms":0.375829414336068,"min_time_ms":3.241699998397962,"max_time_ms":4.453499999726773}}}}
            """);
        tree.File("compilation/conv_bench_20251002-170837.md", """
            # Compilation Benchmark Report
            - Model: conv
            - Device: cpu

            | Backend | Success | Compile Time (s) | Mean (ms) | Std (ms) | Min (ms) | Max (ms) |
            | --- | --- | --- | --- | --- | --- | --- |
            | eager | yes | 0.0000 | 3.812 | 0.931 | 2.725 | 5.478 |
            | jit | yes | 0.0988 | 3.782 | 0.376 | 3.242 | 4.453 |
            """);

        var measured = Measure();

        var jitMean = Assert.Single(measured.Metrics, m => m.Metric == "LatencyMs" && m.Statistic == "Mean" && m.Backend == "jit");
        Assert.Equal(1, jitMean.Count);
        Assert.Equal(3.781859999799053, jitMean.Mean);
        Assert.Equal(1, Assert.Single(measured.Metrics, m => m.Metric == "CompileMs" && m.Backend == "jit").Count);
        Assert.Contains(measured.Notices, n => n.Kind == MeasurementNoticeKind.Redundant && n.Source.EndsWith(".md", StringComparison.Ordinal));
        // What only the rendering states (eager's compile time) is still counted.
        Assert.Equal(0, Assert.Single(measured.Metrics, m => m.Metric == "CompileMs" && m.Backend == "eager").Mean);
    }

    [Fact]
    public void A_rendering_that_differs_from_its_data_file_is_no_twin()
    {
        tree.File("r/run_20251002.json", """{"model":"m:1","results":[{"ttft_ms":120.0,"tokens_per_second":100.0}]}""");
        tree.File("r/run_20251002.md", "| Model | TTFT (ms) | Throughput (tok/s) |\n|---|---|---|\n| m:1 | 180.0 | 100.0 |\n");

        var measured = Measure();

        Assert.DoesNotContain(measured.Notices, n => n.Kind == MeasurementNoticeKind.Redundant);
        Assert.Equal(2, measured.One("TtftMs", "m:1").Count);
        Assert.Equal(2, measured.One("TokensPerSecond", "m:1").Count);
    }

    [Fact]
    public void A_file_no_one_names_the_model_of_takes_its_run_familys_model_and_says_so()
    {
        tree.File("sweep/ollama_sweep_20251001-100000.json", """{"model":"llama3.1:8b","results":[{"ttft_ms":90.5,"tokens_per_second":76.1}]}""");
        tree.File("sweep/ollama_sweep_20251002-100000.csv", "ttft_ms,tokens_per_second\n88.1,77.9\n91.3,76.4\n");

        var measured = Measure();

        var throughput = measured.One("TokensPerSecond", "llama3.1:8b");
        Assert.Equal(3, throughput.Count);
        Assert.Contains(measured.Notes, n => n.Contains("ollama_sweep_20251002-100000.csv") && n.Contains("run family 'ollama_sweep'"));
    }

    [Fact]
    public void A_copy_of_a_file_without_a_model_is_still_counted_once_and_said()
    {
        tree.File("a/telemetry.csv", "gpu_utilization,ttft_ms\n50,120\n60,130\n");
        tree.File("b/telemetry.csv", "gpu_utilization,ttft_ms\n50,120\n60,130\n");

        var measured = Measure();

        Assert.Equal(2, measured.One("TtftMs").Count);
        Assert.Contains(measured.Notices, n => n.Kind == MeasurementNoticeKind.Duplicate);
    }

    [Fact]
    public void Reported_means_keep_their_statistic_and_get_no_invented_percentiles_anywhere()
    {
        var means = new[] { 51.67, 64.04, 109.45, 58.2, 61.0 };
        for (var i = 0; i < means.Length; i++)
        {
            tree.File($"reports/insight_report_2025100{i + 1}.md", string.Create(CultureInfo.InvariantCulture,
                $"# Report\n**Model:** gemma3:latest\n\n## Metrics\n- Throughput: {means[i]} tok/s\n"));
        }

        var measured = Measure();
        var metric = measured.One("TokensPerSecond", "gemma3:latest", MetricOrigin.Reported);

        Assert.Equal("Mean", metric.Statistic);
        Assert.Equal(means.Average(), metric.Mean!.Value, 9);
        Assert.Null(metric.P50);
        Assert.Null(metric.P95);
        Assert.Null(metric.P99);
        Assert.Null(metric.StdDev);
        Assert.Null(metric.CV);

        // New-InsightReport measures the metrics it is given again: the same figures come out.
        var session = new MeasurementSession();
        session.AddMetric(metric);
        var rebuilt = Assert.Single(session.BuildMetrics(null));
        Assert.Equal(metric.Mean!.Value, rebuilt.Mean!.Value, 9);
        Assert.Equal(metric.Count, rebuilt.Count);
        Assert.Null(rebuilt.P50);
        Assert.Null(rebuilt.P95);
        Assert.Null(rebuilt.CV);
    }
}
