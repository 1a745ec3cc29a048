using Chimera.Insight;
using Chimera.Insight.Statistics;
using Xunit;

namespace Chimera.Insight.Tests.Statistics;

public class FindingAnalyzerTests
{
    private static readonly DateTime Now = new(2025, 10, 15, 0, 0, 0, DateTimeKind.Utc);

    private static List<Finding> Analyze(IEnumerable<BenchmarkSample> samples, MeasurementOptions? options = null) =>
        FindingAnalyzer.Analyze(MeasurementSession.Measure(samples, options), new FindingOptions { NowUtc = Now });

    private static double Figure(Finding finding, string name) => finding.Figures.Single(f => f.Name == name).Value;

    [Fact]
    public void Best_and_worst_configuration_by_throughput_per_model()
    {
        var samples = Samples.Series("TokensPerSecond", [78.4, 78.5, 78.3], "tok/s", configuration: "num_ctx=1024")
            .Concat(Samples.Series("TokensPerSecond", [46.5, 46.6, 46.7], "tok/s", configuration: "num_ctx=8192", source: "/b.csv"))
            .Concat(Samples.Series("TokensPerSecond", [60, 61, 62], "tok/s", configuration: "num_ctx=4096", source: "/c.csv"));

        var findings = Analyze(samples);

        var best = Assert.Single(findings, f => f.Kind == "BestConfiguration");
        Assert.Equal("num_ctx=1024", best.Subject);
        Assert.Equal("llama3.1:8b", best.Model);
        Assert.Equal(78.4, Figure(best, "Mean"), 9);
        Assert.Equal((78.4 - 46.6) / 46.6 * 100, Figure(best, "AboveWorst"), 6);
        Assert.Contains("78.40 tok/s", best.Text);
        var worst = Assert.Single(findings, f => f.Kind == "WorstConfiguration");
        Assert.Equal("num_ctx=8192", worst.Subject);
        Assert.Equal(46.6, Figure(worst, "Mean"), 9);
    }

    [Fact]
    public void Cold_start_penalty_and_reloads_from_configuration_changes()
    {
        var samples = Samples.Series("TtftMs", [5766.9], configuration: "num_ctx=1024", phase: Phase.Cold, source: "/s.csv")
            .Concat(Samples.Series("TtftMs", [3281.6], configuration: "num_ctx=2048", phase: Phase.Cold, source: "/t.csv"))
            .Concat(Samples.Series("TtftMs", [86.5, 83.0], configuration: "num_ctx=1024", source: "/u.csv"))
            .Concat(Samples.Series("TtftMs", [89.3, 82.1, 90.0], configuration: "num_ctx=2048", source: "/v.csv"));

        var findings = Analyze(samples);

        var penalty = Assert.Single(findings, f => f.Kind == "ColdStartPenalty");
        Assert.Equal((5766.9 + 3281.6) / 2, Figure(penalty, "ColdMean"), 9);
        Assert.Equal(86.5, Figure(penalty, "WarmMedian"), 9); // median of 82.1 83 86.5 89.3 90
        Assert.Equal(FindingSeverity.Warning, penalty.Severity);
        var reload = Assert.Single(findings, f => f.Kind == "Reload");
        Assert.Equal(2, Figure(reload, "Reloads"));
        Assert.Equal(2, Figure(reload, "Configurations"));
    }

    [Fact]
    public void Failure_rate_per_source_with_its_dominant_error()
    {
        var samples = Samples.Series("TtftMs", [1, 2, 3], source: "/flaky.csv")
            .Append(Samples.Of("TtftMs", 0, source: "/flaky.csv", record: "7", failed: true, error: "timeout"))
            .Append(Samples.Of("TokensPerSecond", 0, "tok/s", source: "/flaky.csv", record: "7", failed: true, error: "timeout"))
            .Concat(Samples.Series("TtftMs", [1, 2], source: "/fine.csv"));

        var finding = Assert.Single(Analyze(samples), f => f.Kind == "FailureRate");

        Assert.Equal("/flaky.csv", finding.Subject);
        Assert.Equal(1, Figure(finding, "Failed"));
        Assert.Equal(4, Figure(finding, "Runs"));
        Assert.Equal(25, Figure(finding, "FailureRate"));
        Assert.Contains("timeout", finding.Text);
    }

    [Fact]
    public void Failures_spread_over_many_files_give_the_models_rate_and_its_worst_files_not_a_finding_per_file()
    {
        var samples = Enumerable.Range(1, 8).SelectMany(i =>
            Samples.Series("TtftMs", Enumerable.Repeat(1.0, 10 - i), source: $"/lab/run{i}.csv")
                .Append(Samples.Of("TtftMs", 0, source: $"/lab/run{i}.csv", record: "f" + i, failed: true, error: "HTTP 500")))
            .Concat(Samples.Series("TtftMs", [1, 2, 3], source: "/lab/clean.csv"));

        var failures = Analyze(samples).Where(f => f.Kind == "FailureRate").ToList();

        var overall = Assert.Single(failures, f => f.Subject is null);
        Assert.Equal(8, Figure(overall, "Failed"));
        Assert.Equal(8 + 3 + Enumerable.Range(1, 8).Sum(i => 10 - i), Figure(overall, "Runs"));
        Assert.Equal(8, Figure(overall, "FilesWithFailures"));
        Assert.Equal(9, Figure(overall, "Files"));
        Assert.Contains("the 5 with the highest failure rates follow", overall.Text);
        // The five highest rates: one failure among the fewest runs (run8 has 1 of 3, run4 1 of 7).
        Assert.Equal(["/lab/run4.csv", "/lab/run5.csv", "/lab/run6.csv", "/lab/run7.csv", "/lab/run8.csv"],
            failures.Where(f => f.Subject is not null).Select(f => f.Subject!));
    }

    [Fact]
    public void High_variance_above_twenty_percent()
    {
        var samples = Samples.Series("TtftMs", [10, 50, 90, 130]).Concat(Samples.Series("TokensPerSecond", [77, 78, 79], "tok/s"));

        var finding = Assert.Single(Analyze(samples), f => f.Kind == "HighVariance");

        Assert.Equal("TtftMs of llama3.1:8b, num_ctx=1024, ollama (Warm)", finding.Subject);
        Assert.True(Figure(finding, "CV") > 20);
    }

    [Fact]
    public void Redundant_files_name_both()
    {
        var samples = Samples.Series("TtftMs", [86.5, 83.0], source: "/run.csv")
            .Concat(Samples.Series("TtftMs", [86.5, 83.0], source: "/run.json"));

        var finding = Assert.Single(Analyze(samples), f => f.Kind == "Redundant");

        Assert.Equal("/run.json", finding.Subject);
        Assert.Contains("/run.csv", finding.Text);
        Assert.Contains("/run.json", finding.Text);
    }

    [Fact]
    public void Duplicates_from_the_inventory_are_reported()
    {
        var metric = new BenchmarkMetric
        {
            Metric = "TtftMs",
            Inventory = new BenchmarkInventorySummary { DuplicateGroups = [new DuplicateGroup { ContentHash = "ab", Files = ["a/run.csv", "b/run.csv"] }] },
        };

        var finding = Assert.Single(FindingAnalyzer.Analyze([metric]), f => f.Kind == "Duplicate");

        Assert.Equal("b/run.csv", finding.Subject);
        Assert.Contains("a/run.csv", finding.Text);
    }

    [Fact]
    public void Stale_data_per_model_against_now_never_against_another_model()
    {
        var old = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var recent = new DateTime(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        var samples = new[]
        {
            Samples.Of("TtftMs", 1, model: "old-model", record: "1", timestamp: old, source: "/o.csv"),
            Samples.Of("TtftMs", 1, model: "new-model", record: "1", timestamp: recent, source: "/n.csv"),
        };

        var finding = Assert.Single(Analyze(samples), f => f.Kind == "StaleData");

        Assert.Equal("old-model", finding.Model);
        Assert.Equal((Now - old).TotalDays, Figure(finding, "AgeDays"), 1);
        Assert.DoesNotContain("new-model", finding.Text);
    }

    [Fact]
    public void Groups_without_a_model_are_never_ranked_against_each_other()
    {
        var samples = Samples.Series("TokensPerSecond", [78.4, 78.5, 78.3], "tok/s", configuration: "num_ctx=1024", model: null!, source: "/summary.csv")
            .Concat(Samples.Series("TokensPerSecond", [9.1, 9.2, 9.3], "tok/s", configuration: "num_ctx=8192", model: null!, source: "/agent.json"));

        var findings = Analyze(samples);

        Assert.DoesNotContain(findings, f => f.Kind is "BestConfiguration" or "WorstConfiguration" or "ModelComparison");
    }

    [Fact]
    public void High_variance_only_for_times_and_rates()
    {
        var samples = Samples.Series("response_chars", [10, 500, 90, 1300], "")
            .Concat(Samples.Series("ttft_delta_ms", [1, 40, 3, 90], "ms"))
            .Concat(Samples.Series("EvalMs", [100, 900, 300, 1500], "ms"));

        var finding = Assert.Single(Analyze(samples), f => f.Kind == "HighVariance");

        Assert.StartsWith("EvalMs of llama3.1:8b", finding.Subject);
    }

    [Fact]
    public void Models_side_by_side_only_within_one_file_and_one_configuration()
    {
        var sameFile = Samples.Series("TokensPerSecond", [78.4, 78.5, 78.3], "tok/s", model: "q4_0", source: "/quant.csv")
            .Concat(Samples.Series("TokensPerSecond", [46.5, 46.6, 46.7], "tok/s", model: "q8_0", source: "/quant.csv").Select(Renumbered(10)));
        var otherFile = Samples.Series("TokensPerSecond", [20, 21, 22], "tok/s", model: "gemma3", source: "/agent.csv");

        var findings = Analyze(sameFile.Concat(otherFile));

        var comparison = Assert.Single(findings, f => f.Kind == "ModelComparison");
        Assert.Null(comparison.Model);
        Assert.Contains("q4_0", comparison.Text);
        Assert.Contains("q8_0", comparison.Text);
        Assert.DoesNotContain("gemma3", comparison.Text);
        Assert.Contains("same configuration", comparison.Text);
    }

    private static Func<BenchmarkSample, BenchmarkSample> Renumbered(int offset) => sample =>
    {
        sample.Record = (int.Parse(sample.Record!, System.Globalization.CultureInfo.InvariantCulture) + offset).ToString(System.Globalization.CultureInfo.InvariantCulture);
        sample.Location = "row " + sample.Record;
        return sample;
    };

    [Fact]
    public void Metrics_missing_for_some_configurations()
    {
        var samples = Samples.Series("TtftMs", [1, 2], configuration: "num_ctx=1024")
            .Concat(Samples.Series("TokensPerSecond", [70, 71], "tok/s", configuration: "num_ctx=1024"))
            .Concat(Samples.Series("TokensPerSecond", [60, 61], "tok/s", configuration: "num_ctx=2048", source: "/b.csv"));

        var finding = Assert.Single(Analyze(samples), f => f.Kind == "MissingMetric");

        Assert.Equal("TtftMs", finding.Subject);
        Assert.Contains("num_ctx=2048", finding.Text);
        Assert.Equal(1, Figure(finding, "Missing"));
    }

    [Fact]
    public void Findings_are_deterministic()
    {
        var samples = Samples.Series("TtftMs", [10, 50, 90], source: "/a.csv")
            .Concat(Samples.Series("TtftMs", [10, 60, 90], source: "/b.csv", configuration: "num_ctx=2"))
            .ToList();

        var first = Analyze(samples).Select(f => f.Text);
        var second = Analyze(samples).Select(f => f.Text);

        Assert.Equal(first, second);
    }
}
