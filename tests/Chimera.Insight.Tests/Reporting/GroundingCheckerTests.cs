using Chimera.Insight.Reporting;
using Xunit;

namespace Chimera.Insight.Tests.Reporting;

public class GroundingCheckerTests
{
    private static FactSet Facts() =>
        FactSet.From(ReportingFixtures.Metrics(), ReportingFixtures.Findings(), ReportingFixtures.Inventory(), ReportingFixtures.Report());

    private static string[] Flagged(string text) =>
        GroundingChecker.Check(text, Facts()).Ungrounded.Select(f => f.Text).ToArray();

    // The seed report's invented table and appendix, reproduced in its own shape.
    private const string SeedLikeText = """
        **3. Performance Analysis**

        | Metric                     | Average Value | Standard Deviation |
        | -------------------------- | ------------- | ------------------ |
        | TTFT_S (Tokens Per Second) | 14.24       | 3.21               |
        | Latency Percentile (P95)     | 15.58        | 1.83               |
        | Latency Percentile (P90)    | 15.23        | 1.75               |
        | Latency Percentile (P91)    | 15.64        | 1.86               |

        *   **TTFT_S (Tokens Per Second):** The average TTFT_S of 14.24 tokens per second provides a baseline. The wide standard deviation (3.21) indicates variability.

        **Appendix (Sample Data Points - Illustrative)**

        | File Name                     | File Type   | TTFT_S   | Latency P95 |
        | ----------------------------- | ----------- | -------- | ----------- |
        | conv_bench_20251002-170837.json | JSON        | 12.5     | 14.12       |
        | conv_cuda_bench_20251002-170837.json | JSON        | 16.8     | 17.28       |
        | report_20251002_v1.md         | Markdown   | N/A      | N/A         |
        """;

    [Fact]
    public void Every_invented_figure_of_the_seed_table_is_flagged()
    {
        var result = GroundingChecker.Check(SeedLikeText, Facts());

        var invented = new[] { "14.24", "3.21", "15.58", "1.83", "15.23", "1.75", "15.64", "1.86", "12.5", "14.12", "16.8", "17.28" };
        var flagged = result.Ungrounded.Select(f => f.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.All(invented, value => Assert.Contains(value, flagged));
        Assert.Empty(result.Grounded);
        // the TTFT_S row calls a time "Tokens Per Second"
        Assert.All(result.Figures.Where(f => f.Line == 5), f => Assert.Equal(GroundingReason.UnitConfusion, f.Reason));
        Assert.Equal(2, result.Figures.Count(f => f.Line == 5));
        // the file names' dates and the section numbering are not figures
        Assert.DoesNotContain(result.Figures, f => f.Value is 20251002 or 170837 or 3 or 1);
    }

    [Fact]
    public void A_list_items_lead_names_the_model_of_each_of_its_clauses()
    {
        const string text = """
            - **gemma3:270m**: warm throughput **108.05 tok/s** (n=20); warm TTFT **97.0 ms** (n=20); none of its runs failed.
            - **llama3.1:8b-instruct-q4_0**: warm TTFT **97.0 ms** (p95 107.0, n=18); 2 of 20 runs failed (10.0%); 2 of 18 runs failed.
            """;

        var result = GroundingChecker.Check(text, Facts());

        // 97.0 ms is llama3.1's TTFT, not gemma3:270m's; 18 are the runs that succeeded, not those attempted
        Assert.Equal(new[] { (1, "97.0 ms"), (2, "18 runs") }, result.Ungrounded.Select(f => (f.Line, f.Text)).ToArray());
        Assert.Equal(GroundingReason.OtherSubject, result.Ungrounded[0].Reason);
    }

    [Theory]
    // gemma3:270m's cold TTFT and load time groups hold 3 values each; llama3.1 has none so few
    [InlineData("2 metric groups of gemma3:270m hold fewer than five values", true)]
    [InlineData("2 metric groups of gemma3:270m, llama3.1:8b-instruct-q4_0 hold fewer than five values", true)]
    [InlineData("3 metric groups of gemma3:270m hold fewer than five values", false)]
    [InlineData("2 metric groups of llama3.1:8b-instruct-q4_0 hold fewer than five values", false)]
    public void A_count_of_groups_is_said_of_the_models_it_names_and_is_never_a_groups_sample_count(string evidence, bool grounded)
    {
        var facts = FactSet.From(ReportingFixtures.Metrics(), [], null);
        var result = GroundingChecker.Check($"| Risk | Evidence |\n| --- | --- |\n| Few samples | {evidence} |", facts);
        var figure = Assert.Single(result.Figures);
        Assert.Equal(grounded, figure.IsGrounded);
    }

    [Fact]
    public void Ungrounded_figures_carry_their_text_line_and_column()
    {
        var result = GroundingChecker.Check("Throughput was fine.\nTTFT reached **812.5 ms** at p95.", Facts());

        var figure = Assert.Single(result.Ungrounded);
        Assert.Equal("812.5 ms", figure.Text);
        Assert.Equal(2, figure.Line);
        Assert.Equal(16, figure.Column);
        Assert.Equal(0, result.GroundedRatio);
    }

    [Theory]
    // true: rounded, converted; wrong: invented
    [InlineData("gemma3:270m reaches **108 tok/s** with a TTFT of **0.59 s**, while llama3.1:8b-instruct-q4_0 peaks at 131.2 tok/s.", new[] { "131.2 tok/s" })]
    [InlineData("Warm TTFT is 589.98 ms (p95 655.1 ms) but the cold start takes 2.3 s; p99 TTFT is 812 ms.", new[] { "812 ms" })]
    [InlineData("Throughput of llama3.1:8b-instruct-q4_0 is 76.6 tok/s, 29% below gemma3:270m; its TTFT is 97 ms, a 6.1x advantage, and 45% lower load time.", new[] { "45%" })]
    [InlineData("We analysed 12 files (6 JSON, 25% CSV) and found 2 failed runs out of 20; the report itself generated 2253 tokens at 108.05 tok/s in 23.5 s, 14 files were skipped.", new[] { "14 files" })]
    [InlineData("The run used num_ctx=512 and num_gpu=80; raising num_ctx=4096 would help. Load took 527 ms, prompt eval 316.03 ms and eval 20.9 s.", new[] { "4096" })]
    [InlineData("| Model | Throughput (tok/s) | TTFT p95 (ms) |\n| --- | --- | --- |\n| gemma3:270m | 108.05 | 655.1 |\n| llama3.1:8b-instruct-q4_0 | 76.59 | 99.5 |", new[] { "99.5" })]
    [InlineData("The coefficient of variation of throughput stays at 2.2% with a standard deviation of 2.41 tok/s, yet TTFT varies by 17.5%.", new[] { "17.5%" })]
    [InlineData("Throughput stays over 100 tok/s on gemma3:270m and TTFT under 0.1 s on llama3.1:8b-instruct-q4_0, but no model exceeds 150 tok/s or stays below 50 ms TTFT.", new[] { "150 tok/s", "50 ms" })]
    [InlineData("**1. Executive Summary**\n\nThe fastest model, **gemma3:270m**, delivers **108.05 tokens/second** versus **76.59 tok/s** for llama3.1:8b-instruct-q4_0 (a **41.1%** gain), while its warm TTFT of **590ms** trails by 492.98 ms. Cold starts add roughly 1.7 s.\n\n| Risk | Mitigation |\n| --- | --- |\n| Cold start of 2301 ms | Keep num_ctx=512 fixed |\n| 3 failed runs | Retry |", new[] { "3 failed runs" })]
    [InlineData("### 2.1 Tail latency\nThe p99 TTFT of gemma3:270m is 1.2x its median and 17% above the mean; the min-to-max range of throughput is 8.9 tok/s, not 12 tok/s.", new[] { "12 tok/s" })]
    public void Exactly_the_wrong_figures_are_flagged(string text, string[] wrong)
    {
        Assert.Equal(wrong, Flagged(text));
    }

    [Fact]
    public void List_numbering_dates_times_tags_statistic_names_versions_and_file_names_are_not_figures()
    {
        const string text = """
            ## 2. Results
            1. Executive summary
            2) Recommendations
            **3. Risks**
            Date: 2025-11-15 at 18:53:30, October 26, 2023.
            Models gemma3:270m, gemma3:1b-it-qat and llama3.1:8b-instruct-q4_0 on Ollama v0.12.10 (1.2.3).
            The P95 and p99 columns of conv_bench_20251002-170837.json and reports/gemma3/run_2/summary.md.
            Aim for 300-400 words in Run 2.
            """;

        var result = GroundingChecker.Check(text, Facts());

        Assert.Empty(result.Figures);
        Assert.Equal(1, result.GroundedRatio);
    }

    [Fact]
    public void A_large_fact_set_does_not_support_a_figure_of_another_kind()
    {
        // 2 is a count of failed runs and of duplicate files, but not a time, a rate or a percent
        Assert.Equal(new[] { "2 ms", "2 tok/s", "2%" }, Flagged("TTFT rose by 2 ms, throughput by 2 tok/s and variance by 2%."));
    }

    [Fact]
    public void The_topic_before_a_figure_narrows_the_metric()
    {
        // 527.04 ms is the load time, not a TTFT
        Assert.Equal(new[] { "527.04 ms" }, Flagged("The TTFT was 527.04 ms."));
        Assert.Empty(Flagged("The load time was 527.04 ms."));
    }

    [Fact]
    public void Percent_and_fraction_convert()
    {
        var facts = FactSet.From([], [new Finding { Kind = "Efficiency", Figures = [new FindingFigure { Name = "Efficiency", Value = 0.699, Unit = "ratio" }] }], null);
        Assert.Empty(GroundingChecker.Check("Efficiency reached 69.9%.", facts).Ungrounded);
    }

    [Fact]
    public void Integer_precision_accepts_rounding_but_not_a_different_number()
    {
        Assert.Empty(Flagged("Throughput: 108 tok/s."));
        Assert.Equal(new[] { "107 tok/s" }, Flagged("Throughput: 107 tok/s."));
        Assert.Empty(Flagged("Throughput: about 110 tok/s."));
    }

    [Fact]
    public void Another_subjects_figure_is_labelled_and_named()
    {
        var figure = Assert.Single(GroundingChecker.Check("The mean throughput of llama3.1:8b-instruct-q4_0 was 108.05 tok/s.", Facts()).Figures);

        Assert.False(figure.IsGrounded);
        Assert.Equal(GroundingReason.OtherSubject, figure.Reason);
        Assert.Contains("gemma3:270m", figure.BelongsTo);
        Assert.Equal("76.59 tok/s", figure.Expected);
        Assert.Equal("TokensPerSecond", figure.Metric);
        Assert.Equal("Mean", figure.Statistic);
    }

    [Fact]
    public void A_p95_called_the_mean_is_another_statistic()
    {
        var figure = Assert.Single(GroundingChecker.Check("gemma3:270m had a mean warm TTFT of 655.1 ms.", Facts()).Figures);

        Assert.Equal(GroundingReason.OtherStatistic, figure.Reason);
        Assert.Equal("590.0 ms", figure.Expected);
    }

    [Fact]
    public void Pooled_claims_over_cold_and_warm_are_true()
    {
        // gemma3:270m TTFT: 20 warm at 589.98 ms and 3 cold at 2301.4 ms, 23 requests at 813.21 ms together
        var pooled = (20 * 589.98 + 3 * 2301.4) / 23;
        var text = $"Over all 23 requests, gemma3:270m averaged a TTFT of {pooled.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} ms.";

        Assert.Empty(GroundingChecker.Check(text, Facts()).Ungrounded);
    }

    [Fact]
    public void A_text_without_figures_is_fully_grounded()
    {
        var result = GroundingChecker.Check("No figures here.", Facts());
        Assert.Empty(result.Figures);
        Assert.Equal(1, result.GroundedRatio);
    }
}

public class FactSetTests
{
    [Fact]
    public void Samples_comparisons_and_settings_are_facts()
    {
        var facts = new FactSet();
        facts.AddSample(new BenchmarkSample { Metric = "TtftMs", Value = 2301.4, Unit = "ms", Source = "/lab/run.csv", Configuration = "num_gpu=80, num_ctx=1024" });
        facts.AddSample(new BenchmarkSample { Metric = "TokensPerSecond", Value = double.NaN, Unit = "tok/s", Failed = true });
        facts.AddComparison(WriterTests.ComparisonFixtures()[0]);

        var result = GroundingChecker.Check("A cold TTFT of 2.3 s with num_ctx=1024; throughput rose 12.5% from 100 to 112.5 tok/s (p = 0.0012), not 15%.", facts);

        Assert.Equal(new[] { "15%" }, result.Ungrounded.Select(f => f.Text));
        Assert.Contains(result.Grounded, f => f.Text == "2.3 s" && f.SupportedBy!.Contains("run.csv", StringComparison.Ordinal));
    }

    [Fact]
    public void Derived_pairs_are_recomputed_after_more_facts_arrive()
    {
        var facts = FactSet.From([ReportingFixtures.Metrics()[0]], [], null);
        Assert.Single(GroundingChecker.Check("gemma3:270m delivers 31.46 tok/s more than llama3.1:8b-instruct-q4_0.", facts).Ungrounded);

        facts.AddMetric(ReportingFixtures.Metrics()[1]);

        Assert.Empty(GroundingChecker.Check("gemma3:270m delivers 31.46 tok/s more than llama3.1:8b-instruct-q4_0.", facts).Ungrounded);
    }

    [Fact]
    public void Reported_figures_keep_the_statistic_the_file_stated()
    {
        var reported = ReportingFixtures.Metric("TokensPerSecond", "tok/s", "llama3.1:8b-instruct-q4_0", Phase.Warm, 76.59, 0, 0, 0, 0, 0, 0, 0, 1, 0);
        reported.Origin = MetricOrigin.Reported;
        reported.Statistic = "P50";
        reported.StdDev = reported.P50 = reported.P90 = reported.P95 = reported.P99 = reported.Min = reported.Max = reported.CV = null;

        var facts = FactSet.From([reported], [], null);

        Assert.Empty(GroundingChecker.Check("The median throughput was 76.59 tok/s.", facts).Ungrounded);
        Assert.Single(GroundingChecker.Check("The p95 throughput was 76.59 tok/s.", facts).Ungrounded);
        Assert.Contains("reported p50 76.59", FactSheet.Build([reported], [], null).ToText());
    }
}

public class GroundingNamesAndRunPartsTests
{
    private static BenchmarkMetric Throughput(string model, string configuration, double mean, int? concurrency = null) => new()
    {
        Metric = "TokensPerSecond", Unit = "tok/s", Origin = MetricOrigin.Measured, Model = model, Configuration = configuration,
        Concurrency = concurrency, Phase = Phase.Warm, Count = 4, Mean = mean, P50 = mean, P95 = mean, Min = mean, Max = mean,
        Values = [mean, mean, mean, mean],
    };

    [Fact]
    public void Figures_inside_a_model_name_are_no_claims()
    {
        // llama-bench names a model by type, size and parameters: those numbers belong to the name.
        const string model = "llama 8B Q4_K - Medium (4.58 GiB, 8.03 B)";
        var facts = FactSet.From([Throughput(model, "test=tg128", 50.5)], [], null, null);

        var result = GroundingChecker.Check($"- **{model}**: warm throughput **50.5 tok/s**.", facts);

        Assert.Equal(["50.5 tok/s"], result.Figures.Select(f => f.Text).ToArray());
        Assert.True(result.Figures[0].IsGrounded);
    }

    [Fact]
    public void A_serving_runs_concurrency_names_its_subject()
    {
        var facts = FactSet.From(
            [Throughput("llama2-70b", "concurrency=5", 184.16, 5), Throughput("llama2-70b", "concurrency=50", 90.2, 50)], [], null, null);

        var right = GroundingChecker.Check("With concurrency=5, llama2-70b reached a mean throughput of 184.16 tok/s.", facts);
        var other = GroundingChecker.Check("With concurrency=5, llama2-70b reached a mean throughput of 90.2 tok/s.", facts);

        Assert.Equal(right.Figures.Length, right.Grounded.Length);
        Assert.Contains(other.Ungrounded, f => f.Text == "90.2 tok/s");
    }

    [Fact]
    public void Every_run_setting_of_the_settings_table_is_a_setting_key()
    {
        // A new Ollama option (a row of RunSettings.Options) names a subject in a text without another edit.
        Assert.All(RunSettings.Options, option => Assert.Equal(option.Name, GroundingVocabulary.SettingKey(option.Name)));
        Assert.Equal("min_p", GroundingVocabulary.SettingKey("min_p"));
    }
}
