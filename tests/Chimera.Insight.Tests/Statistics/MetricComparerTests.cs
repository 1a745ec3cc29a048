using Chimera.Insight;
using Chimera.Insight.Statistics;
using Xunit;

namespace Chimera.Insight.Tests.Statistics;

public class MetricComparerTests
{
    private static readonly ComparisonOptions Options = new();

    private static List<BenchmarkMetric> Measure(IEnumerable<BenchmarkSample> samples) =>
        MeasurementSession.Measure(samples, new MeasurementOptions { GroupBy = MetricComparer.EffectiveGrouping(Options.GroupBy) });

    [Fact]
    public void A_real_twenty_percent_slowdown_is_worse()
    {
        var before = Samples.Around(80, 30, seed: 1);
        var after = before.Select(v => v * 0.8).ToArray();
        var ttftBefore = Samples.Around(100, 30, seed: 2);
        var ttftAfter = ttftBefore.Select(v => v * 1.2).ToArray();

        var comparisons = MetricComparer.Compare(
            Measure(Samples.Series("TokensPerSecond", before, "tok/s").Concat(Samples.Series("TtftMs", ttftBefore))),
            Measure(Samples.Series("TokensPerSecond", after, "tok/s", source: "/new.csv").Concat(Samples.Series("TtftMs", ttftAfter, source: "/new.csv"))),
            Options);

        var throughput = Assert.Single(comparisons, c => c.Metric == "TokensPerSecond");
        Assert.Equal(ComparisonVerdict.Worse, throughput.Verdict);
        Assert.Equal(-20, throughput.DeltaPercent!.Value, 6);
        Assert.Equal(MetricComparer.BasisMannWhitneyU, throughput.Basis);
        Assert.True(throughput.PValue < 0.001);
        var ttft = Assert.Single(comparisons, c => c.Metric == "TtftMs");
        Assert.Equal(ComparisonVerdict.Worse, ttft.Verdict);
        Assert.Equal(20, ttft.DeltaPercent!.Value, 6);
        Assert.Equal(ComparisonStatus.Matched, ttft.Status);
        Assert.Equal(30, ttft.ReferenceCount);
        Assert.Equal(30, ttft.DifferenceCount);
    }

    [Fact]
    public void A_twenty_percent_speed_up_is_better()
    {
        var before = Samples.Around(100, 20, seed: 3);
        var comparison = Assert.Single(MetricComparer.Compare(
            Measure(Samples.Series("TtftMs", before)),
            Measure(Samples.Series("TtftMs", before.Select(v => v * 0.8), source: "/new.csv")), Options));

        Assert.Equal(ComparisonVerdict.Better, comparison.Verdict);
        Assert.Equal(-20, comparison.DeltaPercent!.Value, 6);
    }

    [Fact]
    public void Identical_data_is_the_same()
    {
        var values = Samples.Around(77, 25, seed: 4);
        var comparison = Assert.Single(MetricComparer.Compare(
            Measure(Samples.Series("TokensPerSecond", values, "tok/s")),
            Measure(Samples.Series("TokensPerSecond", values, "tok/s", source: "/copy.csv")), Options));

        Assert.Equal(ComparisonVerdict.Same, comparison.Verdict);
        Assert.Equal(0, comparison.DeltaPercent);
        Assert.Equal(1, comparison.PValue!.Value, 9);
    }

    [Fact]
    public void One_cold_request_does_not_spoil_a_warm_comparison()
    {
        var warm = Samples.Around(130, 20, seed: 5);
        var reference = Measure(Samples.Series("TtftMs", warm));
        var difference = Measure(Samples.Series("TtftMs", [2300.0], source: "/new.csv", phase: Phase.Cold)
            .Concat(Samples.Series("TtftMs", warm, source: "/new.csv").Select(s => { s.Record = "w" + s.Record; return s; })));

        var comparisons = MetricComparer.Compare(reference, difference, Options);

        var warmComparison = Assert.Single(comparisons, c => c.Phase == Phase.Warm);
        Assert.Equal(ComparisonVerdict.Same, warmComparison.Verdict);
        var cold = Assert.Single(comparisons, c => c.Phase == Phase.Cold);
        Assert.Equal(ComparisonStatus.Added, cold.Status);
        Assert.NotEqual(ComparisonVerdict.Worse, cold.Verdict);
    }

    [Fact]
    public void Phase_is_matched_even_when_not_asked_for()
    {
        Assert.Equal(GroupingKeys.Model | GroupingKeys.Phase, MetricComparer.EffectiveGrouping(GroupingKeys.Model));
    }

    [Fact]
    public void Too_few_samples_to_tell_is_inconclusive()
    {
        var comparison = Assert.Single(MetricComparer.Compare(
            Measure(Samples.Series("TtftMs", [100, 101])),
            Measure(Samples.Series("TtftMs", [150, 151], source: "/new.csv")), Options));

        Assert.Equal(ComparisonVerdict.Inconclusive, comparison.Verdict);
        Assert.Equal(50.0 / 100.5 * 100, comparison.DeltaPercent!.Value, 9);
    }

    [Fact]
    public void A_change_below_the_threshold_is_the_same_even_when_significant()
    {
        var before = Enumerable.Range(0, 30).Select(i => 100 + i * 0.01).ToArray();
        var comparison = Assert.Single(MetricComparer.Compare(
            Measure(Samples.Series("TtftMs", before)),
            Measure(Samples.Series("TtftMs", before.Select(v => v * 1.02), source: "/new.csv")), Options));

        Assert.True(comparison.PValue < 0.01);
        Assert.Equal(ComparisonVerdict.Same, comparison.Verdict);
    }

    [Fact]
    public void A_large_but_insignificant_change_with_enough_samples_is_the_same()
    {
        double[] before = [10, 200, 15, 180, 12, 190, 11, 210, 14, 205];
        double[] after = [12, 230, 17, 200, 14, 215, 13, 240, 16, 220];
        var comparison = Assert.Single(MetricComparer.Compare(
            Measure(Samples.Series("TtftMs", before)),
            Measure(Samples.Series("TtftMs", after, source: "/new.csv")), Options));

        Assert.True(comparison.DeltaPercent > 5);
        Assert.True(comparison.PValue > 0.01);
        Assert.Equal(ComparisonVerdict.Same, comparison.Verdict);
    }

    [Fact]
    public void A_mean_without_its_spread_gives_no_verdict_and_says_why()
    {
        var reference = Measure([Samples.Of("LatencyMs", 24.6, statistic: Statistic.Mean, source: "/old.json")]);
        var difference = Measure(Samples.Series("LatencyMs", [30, 31, 29], source: "/new.csv"));

        var comparison = Assert.Single(MetricComparer.Compare(reference, difference, Options));

        Assert.Equal(MetricComparer.BasisThresholdOnly, comparison.Basis);
        Assert.Null(comparison.PValue);
        Assert.Equal(ComparisonVerdict.Inconclusive, comparison.Verdict);
        Assert.Contains("reference does not state a standard deviation", comparison.Reason);
        Assert.Equal(Statistic.Mean, comparison.Statistic);
    }

    [Fact]
    public void Stated_spreads_and_counts_are_tested_with_welch()
    {
        static BenchmarkMetric Reported(double mean, double sd, int count, string source) => new()
        {
            Metric = "TtftMs", Unit = "ms", Origin = MetricOrigin.Reported, Statistic = Statistic.Mean, Model = "m", Phase = Phase.Warm,
            Mean = mean, StdDev = sd, Count = count, Sources = [source],
        };

        var clear = Assert.Single(MetricComparer.Compare([Reported(100, 5, 30, "/a.json")], [Reported(130, 6, 30, "/b.json")], Options));
        var thin = Assert.Single(MetricComparer.Compare([Reported(100, 40, 3, "/a.json")], [Reported(130, 40, 3, "/b.json")], Options));

        Assert.Equal(MetricComparer.BasisWelchT, clear.Basis);
        Assert.Equal(ComparisonVerdict.Worse, clear.Verdict);
        Assert.True(clear.PValue < 1e-6);
        Assert.Equal(ComparisonVerdict.Inconclusive, thin.Verdict);
        Assert.Contains("not significant", thin.Reason);
    }

    [Fact]
    public void A_set_compared_with_itself_is_inconclusive_and_says_so()
    {
        var metrics = Measure(Samples.Series("TtftMs", Samples.Around(100, 20, seed: 3)));

        var comparison = Assert.Single(MetricComparer.Compare(metrics, metrics, Options));

        Assert.Equal(ComparisonVerdict.Inconclusive, comparison.Verdict);
        Assert.Equal(MetricComparer.BasisSharedFiles, comparison.Basis);
        Assert.Contains("compared with itself", comparison.Reason);
        Assert.Equal(["/data/run.csv"], MetricComparer.SharedSources(metrics, metrics));
    }

    [Fact]
    public void Unknown_direction_is_never_better_or_worse()
    {
        var before = Samples.Around(50, 20, seed: 6);
        var comparison = Assert.Single(MetricComparer.Compare(
            Measure(Samples.Series("ResponseChars", before, "")),
            Measure(Samples.Series("ResponseChars", before.Select(v => v * 1.5), "", source: "/new.csv")), Options));

        Assert.Equal(ComparisonVerdict.Inconclusive, comparison.Verdict);
    }

    [Fact]
    public void Groups_on_one_side_only_are_added_or_removed()
    {
        var reference = Measure(Samples.Series("TtftMs", [1, 2, 3], configuration: "num_ctx=512"));
        var difference = Measure(Samples.Series("TtftMs", [1, 2, 3], configuration: "num_ctx=4096", source: "/new.csv"));

        var comparisons = MetricComparer.Compare(reference, difference, Options);

        Assert.Equal(2, comparisons.Count);
        Assert.Equal(ComparisonStatus.Removed, comparisons[0].Status);
        Assert.Equal("num_ctx=512", comparisons[0].Configuration);
        Assert.Equal(2, comparisons[0].ReferenceMean);
        Assert.Null(comparisons[0].DifferenceMean);
        Assert.Equal(ComparisonStatus.Added, comparisons[1].Status);
        Assert.Equal("num_ctx=4096", comparisons[1].Configuration);
    }

    [Fact]
    public void An_all_failed_side_is_inconclusive_with_its_failures_counted()
    {
        var reference = Measure(Samples.Series("TtftMs", [1, 2, 3]));
        var difference = Measure([Samples.Of("TtftMs", 0, source: "/new.csv", record: "1", failed: true, error: "timeout")]);

        var comparison = Assert.Single(MetricComparer.Compare(reference, difference, Options));

        Assert.Equal(ComparisonVerdict.Inconclusive, comparison.Verdict);
        Assert.Equal(0, comparison.DifferenceCount);
        Assert.Equal(1, comparison.DifferenceFailedCount);
    }
}
