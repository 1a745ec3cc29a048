using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Chimera.Insight.Reporting;
using Xunit;

namespace Chimera.Insight.Tests.Reporting;

public class WriterTests
{
    private static InsightReport GroundedReport()
    {
        var report = ReportingFixtures.Report();
        report.Grounding = GroundingChecker.Check(report.Text, FactSet.From(report.Metrics, report.Findings, report.Inventory, report));
        return report;
    }

    [Fact]
    public void Markdown_sections_follow_the_seed_layout_in_order()
    {
        var markdown = MarkdownReportWriter.Write(GroundedReport());
        var lines = markdown.Split('\n');

        Assert.Equal("# Chimera Insight", lines[0]);
        Assert.Contains("**Configuration:** num_gpu=80, num_ctx=512, temp=1, top_p=default, top_k=default, repeat_penalty=default", lines);
        var afterNarrative = Array.LastIndexOf(lines, "---");
        var headings = lines.Skip(afterNarrative).Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(new[]
        {
            "## Workflow Summary", "## Data Summary", "## Metrics", "## Key Findings", "## Recommendations",
            "## Unverified Figures", "## Warnings", "## Persona Prompt",
        }, headings);
        Assert.Contains("- Execution time: 23.55s (ingest 0.03s | analysis 10.28s | report 13.23s)", lines);
        Assert.Contains("- Throughput: 108.05 tok/s", lines);
        Assert.Contains("- Load Duration: 527.04 ms", lines);
        Assert.Contains("JSON Files (6, 50.0%)", lines);
        Assert.Contains("  ... and 4 more", lines);
        Assert.Contains("  Latest modified: 2025-10-08 17:20:51 UTC", lines);
        Assert.EndsWith("```\n" + Personas.Default + "\n```\n", markdown);
    }

    [Fact]
    public void Every_figure_of_the_markdown_document_comes_from_the_data_or_the_call()
    {
        var report = ReportingFixtures.Report();
        report.Text = OfflineNarrativeWriter.Write(report.Metrics, report.Findings, report.Inventory);
        ReportAssembler.Complete(report);

        var document = GroundingChecker.Check(report.Markdown, FactSet.From(report.Metrics, report.Findings, report.Inventory, report));

        Assert.True(document.Figures.Length > 100, document.Figures.Length.ToString(CultureInfo.InvariantCulture));
        Assert.Empty(document.Ungrounded.Select(f => $"{f.Text} ({f.Line}:{f.Column})"));
    }

    [Fact]
    public void Markdown_golden_small_report()
    {
        var report = new InsightReport
        {
            Model = "gemma3:270m",
            Provider = ReportProvider.Offline,
            NumCtx = 2048,
            GeneratedAt = new DateTime(2025, 11, 15, 8, 0, 0, DateTimeKind.Utc),
            Persona = "Be brief.",
            Text = "## Summary\n\nThroughput **108.05 tok/s**.",
            Metrics = [ReportingFixtures.Metric("TokensPerSecond", "tok/s", "gemma3:270m", Phase.Warm, 108.05, 2.41, 107.92, 110.8, 111.37, 112.02, 103.3, 112.2, 20, 0)],
            Findings = [new Finding { Kind = "HighVariance", Severity = FindingSeverity.Warning, Model = "gemma3:270m", Subject = "TtftMs", Text = "TTFT varies: CV 31.2%.", Figures = [new FindingFigure { Name = "CV", Value = 31.2, Unit = "%" }] }],
            Inventory = new BenchmarkInventorySummary { FileCount = 1, Kinds = [new KindSummary { Kind = ArtifactKind.Csv, Count = 1, SharePercent = 100, FirstFiles = ["runs/a.csv"], LatestModifiedUtc = new DateTime(2025, 11, 14, 18, 53, 30, DateTimeKind.Utc) }] },
            IngestSeconds = 0.01,
            AnalysisSeconds = 0.02,
            ReportSeconds = 0.03,
            TotalSeconds = 0.06,
            FilesAnalyzed = 1,
        };
        report.Grounding = GroundingChecker.Check(report.Text, FactSet.From(report.Metrics, report.Findings, report.Inventory, report));

        const string expected = """
            # Chimera Insight

            **Date:** 2025-11-15
            **Agent Type:** Chimera Insight
            **Model:** gemma3:270m
            **Provider:** Offline
            **Configuration:** num_gpu=default, num_ctx=2048, temp=default, top_p=default, top_k=default, repeat_penalty=default

            ---

            ## Summary

            Throughput **108.05 tok/s**.

            ---

            ## Workflow Summary

            - Files analyzed: 1
            - Execution time: 0.06s (ingest 0.01s | analysis 0.02s | report 0.03s)
            - Data summary:
            ```
            Total files analyzed: 1

            CSV Files (1, 100.0%)
              - runs/a.csv
              Latest modified: 2025-11-14 18:53:30 UTC
            ```

            ## Data Summary

            | Group | Metric | Unit | n | Failed | Mean | P50 | P95 | P99 | CV |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            | gemma3:270m · num_gpu=80, num_ctx=512, temperature=1 · ollama · Warm | Throughput | tok/s | 20 | 0 | 108.05 | 107.92 | 111.37 | 112.02 | 2.2% |

            ## Metrics

            - No LLM call: the narrative was written offline from the statistics.

            ## Key Findings

            - **Warning:** TTFT varies: CV 31.2%.

            ## Recommendations

            - Repeat the runs of TtftMs for gemma3:270m until its variation settles; rankings on it are not firm yet (CV 31.2%).

            ## Unverified Figures

            - 1 of 1 figures in the narrative are supported by the data (100.0%).

            ## Persona Prompt

            ```
            Be brief.
            ```

            """;
        Assert.Equal(expected.Replace("\r\n", "\n"), MarkdownReportWriter.Write(report));
    }

    [Fact]
    public void Markdown_shows_raw_html_of_a_narrative_as_text_and_fences_survive_backticks()
    {
        var report = ReportingFixtures.Report();
        report.Text = "Hello <script>alert(1)</script>";
        report.Persona = "Use ``` fences";

        var markdown = MarkdownReportWriter.Write(report);

        Assert.DoesNotContain("<script>", markdown);
        Assert.Contains("&lt;script>alert(1)&lt;/script>", markdown);
        Assert.Contains("````\nUse ``` fences\n````", markdown);
    }

    [Fact]
    public void Unverified_figures_are_listed_with_line_and_column()
    {
        var report = ReportingFixtures.Report();
        report.Text = "Throughput reached 131.2 tok/s.";
        report.Grounding = GroundingChecker.Check(report.Text, FactSet.From(report.Metrics, report.Findings, report.Inventory, report));

        var markdown = MarkdownReportWriter.Write(report);

        Assert.Contains("- 0 of 1 figures in the narrative are supported by the data (0.0%).", markdown);
        Assert.Contains("- Not in the data: `131.2 tok/s` (line 1, column 20)", markdown);
    }

    [Fact]
    public void Offline_narrative_has_summary_three_recommendations_a_risk_table_and_only_grounded_figures()
    {
        var metrics = ReportingFixtures.Metrics();
        var findings = ReportingFixtures.Findings();
        var inventory = ReportingFixtures.Inventory();

        var text = OfflineNarrativeWriter.Write(metrics, findings, inventory);

        Assert.Contains("## 1. Executive Summary", text);
        Assert.Contains("**108.05 tok/s**", text);
        Assert.Contains("## 2. Optimisation Recommendations", text);
        Assert.Contains("\n3. ", text);
        Assert.DoesNotContain("\n4. ", text);
        Assert.Contains("| Risk | Evidence | Mitigation |", text);
        Assert.True(text.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal)) >= 4); // header + at least two rows + separator
        var grounding = GroundingChecker.Check(text, FactSet.From(metrics, findings, inventory));
        Assert.True(grounding.Figures.Length > 10);
        Assert.Empty(grounding.Ungrounded);
        Assert.Equal(text, OfflineNarrativeWriter.Write(metrics, findings, inventory));
    }

    [Fact]
    public void Offline_narrative_without_findings_or_metrics_still_has_its_sections()
    {
        var text = OfflineNarrativeWriter.Write([], [], null);
        Assert.Contains("## 3. Risks and Mitigations", text);
        Assert.Contains("\n1. ", text);
    }

    [Fact]
    public void Recommendations_come_from_findings_warnings_first_and_never_empty()
    {
        var recommendations = RecommendationWriter.From(ReportingFixtures.Findings(), ReportingFixtures.Metrics());

        Assert.StartsWith("Warm gemma3:270m up before timing", recommendations[0]);
        Assert.StartsWith("Adopt num_gpu=80, num_ctx=512, temperature=1 for gemma3:270m", recommendations[1]);
        Assert.StartsWith("Investigate the failed runs for llama3.1:8b-instruct-q4_0", recommendations[2]);
        Assert.Contains(recommendations, r => r.StartsWith("Remove duplicated artifacts", StringComparison.Ordinal));
        Assert.Equal(recommendations, RecommendationWriter.From(ReportingFixtures.Findings(), ReportingFixtures.Metrics()));
        Assert.NotEmpty(RecommendationWriter.From([], []));
    }

    [Fact]
    public void Html_is_self_contained_escaped_and_has_the_charts()
    {
        var report = GroundedReport();
        report.Inventory!.Kinds[0].FirstFiles = ["<script>alert(1)</script>.csv"];
        report.Model = "<img src=x onerror=alert(1)>";
        report.Metrics[0].Model = "<script>alert(3)</script>";
        report.Persona = "</pre><script>alert(4)</script>";
        report.Findings[0].Text = "<b onmouseover=alert(5)>x</b>";
        report.Text = "## Summary\n\n<script>alert(2)</script> **bold** [site](http://example.com/x) ![pic](http://example.com/p.png)\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```\ncode <b>\n```";

        var html = HtmlReportWriter.Write(report);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(1, CountOf(html, "<script"));
        Assert.Contains("<script>" + HtmlDocument.Script + "</script>", html);
        Assert.Contains("script-src 'sha256-", html);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", html);
        Assert.DoesNotContain("<b onmouseover", html);
        Assert.Contains("alert(3)", html);
        Assert.Contains("alert(4)", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("code &lt;b&gt;", html);
        Assert.True(CountOf(html, "<svg") >= 2);
        // every chart names the model it shows
        var models = report.Metrics.Select(m => HtmlDocument.Encode(SafeText.Inline(m.Model))).Where(m => m.Length > 0).ToList();
        foreach (var title in System.Text.RegularExpressions.Regex.Matches(html, "<svg [^>]*aria-label=\"([^\"]+)\"").Select(m => m.Groups[1].Value))
        {
            Assert.Contains(models, model => title.StartsWith(model + ":", StringComparison.Ordinal));
        }

        // every chart's clip path ids are its own
        var ids = System.Text.RegularExpressions.Regex.Matches(html, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Html_highlights_the_ungrounded_figures_of_the_narrative()
    {
        var report = ReportingFixtures.Report();
        report.Text = "Throughput reached **108.05 tok/s**.\nTTFT was 812.5 ms.";
        ReportAssembler.Complete(report);

        var html = HtmlReportWriter.Write(report);

        Assert.Contains("<mark>812.5 ms</mark>", html);
        Assert.DoesNotContain("<mark>108.05", html);
    }

    [Fact]
    public void Html_file_name_with_markup_renders_as_text()
    {
        var report = ReportingFixtures.Report();
        report.Inventory!.Kinds[0].FirstFiles = ["<script>alert(1)</script>.csv"];
        report.Text = "";

        var html = HtmlReportWriter.Write(report);

        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, CountOf(html, "<script"));
        Assert.Contains("alert(1)", html);
    }

    [Fact]
    public void Json_round_trips_every_property_with_pascal_case_names_and_enum_strings()
    {
        var report = GroundedReport();
        report.Markdown = MarkdownReportWriter.Write(report);
        report.TopP = 0.9;
        report.TopK = 40;
        report.RepeatPenalty = 1.1;
        report.Profile = "chimera";
        // The export states the inventory once; read back, every metric carries the report's.
        foreach (var metric in report.Metrics) metric.Inventory = report.Inventory;

        string json;
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            json = ReportJson.Serialize(report);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Contains("\"AgentType\":\"Chimera Insight\"", json);
        Assert.Contains("\"Provider\":\"Ollama\"", json);
        Assert.Contains("\"Severity\":\"Warning\"", json);
        Assert.Contains("\"TokensPerSecond\":108.05", json);
        var back = ReportJson.DeserializeReport(json);
        foreach (var property in typeof(InsightReport).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var expected = JsonSerializer.Serialize(property.GetValue(report), ReportJson.Options);
            var actual = JsonSerializer.Serialize(property.GetValue(back), ReportJson.Options);
            Assert.True(expected == actual, $"{property.Name}: {expected} != {actual}");
            Assert.Contains("\"" + property.Name + "\":", json);
        }

        Assert.Equal(report.GeneratedAt, back.GeneratedAt);
        Assert.Equal(report.Metrics[0].P95, back.Metrics[0].P95);
        Assert.Equal(report.Grounding!.Ungrounded.Length, back.Grounding!.Ungrounded.Length);
    }

    [Fact]
    public void A_property_bag_tree_reads_into_a_report_by_name()
    {
        var tree = new Dictionary<string, object?>
        {
            ["agenttype"] = "Chimera Insight",
            ["Provider"] = "Offline",
            ["Model"] = "gemma3:270m",
            ["Run"] = 2L,
            ["TtftMs"] = "589.98",
            ["GeneratedAt"] = new DateTime(2025, 11, 15, 0, 0, 0, DateTimeKind.Utc),
            ["Findings"] = new List<object?> { new Dictionary<string, object?> { ["Kind"] = "Reload", ["Severity"] = 1, ["Text"] = "reload" } },
            ["Unknown"] = "ignored",
        };

        var report = ReportJson.FromTree<InsightReport>(tree);

        Assert.Equal(ReportProvider.Offline, report.Provider);
        Assert.Equal(2, report.Run);
        Assert.Equal(589.98, report.TtftMs);
        Assert.Equal(FindingSeverity.Warning, report.Findings[0].Severity);
    }

    [Fact]
    public void A_property_bag_cut_short_by_serialization_depth_still_reads_what_fits()
    {
        var tree = new Dictionary<string, object?>
        {
            ["Model"] = "gemma3:270m",
            ["Provider"] = "Ollama",
            ["TtftMs"] = 589.98,
            ["Findings"] = new List<object?> { "The first request after a load is slow." },
            ["Inventory"] = "Chimera.Insight.BenchmarkInventorySummary",
            ["Grounding"] = new Dictionary<string, object?> { ["GroundedRatio"] = 0.5, ["Figures"] = new List<object?> { "108 tok/s (line 1, col 1)" } },
            ["Run"] = "not a number",
            ["Markdown"] = new Dictionary<string, object?> { ["x"] = 1 },
        };

        var report = ReportJson.FromTree<InsightReport>(tree);

        Assert.Equal("gemma3:270m", report.Model);
        Assert.Equal(589.98, report.TtftMs);
        Assert.Empty(report.Findings);
        Assert.Null(report.Inventory);
        Assert.Equal(0.5, report.Grounding!.GroundedRatio);
        Assert.Empty(report.Grounding.Figures);
        Assert.Equal(1, report.Run);
        Assert.Equal("", report.Markdown);
    }

    [Fact]
    public void Comparison_report_has_summary_aggregate_groups_and_significance()
    {
        var comparisons = ComparisonFixtures();

        var markdown = ComparisonReportWriter.WriteMarkdown(comparisons, new DateTime(2025, 11, 15, 0, 0, 0, DateTimeKind.Utc));

        Assert.Contains("**Throughput improved by 12.5%**", markdown);
        Assert.Contains("**TTFT reduced by 20.0%**", markdown);
        Assert.Contains("## Aggregate", markdown);
        Assert.Contains("100 ± 2", markdown);
        Assert.Contains("0.0012", markdown);
        Assert.Contains("Better", markdown);
        Assert.Contains("Inconclusive", markdown);
        Assert.Contains("[Added]", markdown);
        var html = ComparisonReportWriter.WriteHtml(comparisons, DateTime.UtcNow);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<strong>Throughput improved by 12.5%</strong>", html);
    }

    [Fact]
    public void Aggregate_pools_groups_into_one_mean_and_standard_deviation()
    {
        // two groups of 10 with sd 2 around 100 and 110: pooled mean 105, sd of all 20 samples = sqrt((9*4*2 + 10*25*2)/19)
        var aggregate = Assert.Single(ComparisonReportWriter.Aggregate(
        [
            new BenchmarkComparison { Metric = "TokensPerSecond", Unit = "tok/s", Model = "a", ReferenceMean = 100, ReferenceStdDev = 2, ReferenceCount = 10, DifferenceMean = 100, DifferenceStdDev = 2, DifferenceCount = 10 },
            new BenchmarkComparison { Metric = "TokensPerSecond", Unit = "tok/s", Model = "b", ReferenceMean = 110, ReferenceStdDev = 2, ReferenceCount = 10, DifferenceMean = 110, DifferenceStdDev = 2, DifferenceCount = 10 },
        ]));

        Assert.Equal(105, aggregate.ReferenceMean, 6);
        Assert.Equal(Math.Sqrt((9 * 4 * 2 + 10 * 25 * 2) / 19.0), aggregate.ReferenceStdDev!.Value, 6);
        Assert.Equal(100 * aggregate.ReferenceStdDev.Value / 105, aggregate.ReferenceCV!.Value, 6);
        Assert.Equal(20, aggregate.ReferenceCount);
    }

    [Fact]
    public void Atomic_write_never_clobbers_without_overwrite_and_leaves_no_temporary_file()
    {
        var folder = Directory.CreateTempSubdirectory("chimera-atomic-").FullName;
        try
        {
            var path = Path.Combine(folder, "report.md");
            AtomicFile.WriteAllText(path, "old", overwrite: false);
            Assert.Throws<IOException>(() => AtomicFile.WriteAllText(path, "new", overwrite: false));
            Assert.Equal("old", File.ReadAllText(path));
            AtomicFile.WriteAllText(path, "new", overwrite: true);
            Assert.Equal("new", File.ReadAllText(path));
            Directory.CreateDirectory(Path.Combine(folder, "dir.md"));
            Assert.ThrowsAny<Exception>(() => AtomicFile.WriteAllText(Path.Combine(folder, "dir.md"), "x", overwrite: true));
            Assert.Equal(new[] { "dir.md", "report.md" }, Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).OrderBy(n => n));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static List<BenchmarkComparison> ComparisonFixtures() =>
    [
        new() { Metric = "TokensPerSecond", Unit = "tok/s", Model = "gemma3:270m", Status = ComparisonStatus.Matched, ReferenceMean = 100, ReferenceStdDev = 2, ReferenceCV = 2, ReferenceCount = 20, DifferenceMean = 112.5, DifferenceStdDev = 2.5, DifferenceCV = 2.2, DifferenceCount = 20, DeltaPercent = 12.5, PValue = 0.0012, Verdict = ComparisonVerdict.Better, Basis = "MannWhitneyU p<0.002, threshold 10%" },
        new() { Metric = "TtftMs", Unit = "ms", Model = "gemma3:270m", Status = ComparisonStatus.Matched, ReferenceMean = 500, ReferenceStdDev = 50, ReferenceCV = 10, ReferenceCount = 20, DifferenceMean = 400, DifferenceStdDev = 40, DifferenceCV = 10, DifferenceCount = 20, DeltaPercent = -20, PValue = 0.2, Verdict = ComparisonVerdict.Inconclusive, Basis = "MannWhitneyU p<0.002, threshold 10%" },
        new() { Metric = "TtftMs", Unit = "ms", Model = "llama3.1:8b", Status = ComparisonStatus.Added, DifferenceMean = 97, DifferenceCount = 18, Verdict = ComparisonVerdict.Inconclusive, Basis = "ThresholdOnly" },
    ];

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    [Fact]
    public void The_best_group_is_a_measured_mean_never_a_reported_spread()
    {
        var measured = ReportingFixtures.Metric("TokensPerSecond", "tok/s", "gemma3:latest", Phase.Warm, 101.5, 1, 101, 102, 103, 104, 99, 105, 10, 0);
        var reportedSpread = ReportingFixtures.Metric("TokensPerSecond", "tok/s", "gemma3:latest", Phase.Warm, 2.05, 0, 2.05, 2.05, 2.05, 2.05, 2.05, 2.05, 1, 0);
        reportedSpread.Origin = MetricOrigin.Reported;
        reportedSpread.Statistic = "StdDev";
        var reportedMean = ReportingFixtures.Metric("TokensPerSecond", "tok/s", "llama3:8b", Phase.Warm, 140, 0, 140, 140, 140, 140, 140, 140, 1, 0);
        reportedMean.Origin = MetricOrigin.Reported;
        reportedMean.Statistic = "Mean";

        var headlines = ModelHeadlines.Of([measured, reportedSpread, reportedMean], []);

        Assert.Same(measured, headlines.Single(h => h.Model == "gemma3:latest").Throughput);
        Assert.Same(reportedMean, headlines.Single(h => h.Model == "llama3:8b").Throughput);
        Assert.Null(ModelHeadlines.Of([reportedSpread], []).Single().Throughput);
    }
}

public class ReportAssemblerTests
{
    [Fact]
    public void Complete_sets_recommendations_grounding_and_markdown()
    {
        var report = ReportingFixtures.Report();
        report.Recommendations = [];
        report.Text = "Throughput reached **108.05 tok/s**, not 131.2 tok/s.";

        ReportAssembler.Complete(report);

        Assert.NotEmpty(report.Recommendations);
        Assert.Equal(new[] { "131.2 tok/s" }, report.Grounding!.Ungrounded.Select(f => f.Text));
        Assert.Contains("- Not in the data: `131.2 tok/s` (line 1, column 42)", report.Markdown);
        Assert.Contains("- " + report.Recommendations[0], report.Markdown);
    }

    [Fact]
    public void Grounding_a_large_fact_set_still_rejects_coincidences()
    {
        // 40 models x 2 metrics: a coincidence is easy among so many figures
        var metrics = new List<BenchmarkMetric>();
        for (var i = 0; i < 40; i++)
        {
            metrics.Add(ReportingFixtures.Metric("TokensPerSecond", "tok/s", $"model{i}:1b", Phase.Warm, 50 + i * 1.37, 1, 50 + i, 52 + i, 53 + i, 54 + i, 45, 60 + i, 20, 0));
            metrics.Add(ReportingFixtures.Metric("TtftMs", "ms", $"model{i}:1b", Phase.Warm, 100 + i * 7.3, 9, 100 + i * 7, 110 + i * 7, 115 + i * 7, 120 + i * 7, 90, 130 + i * 7, 20, 0));
        }

        var facts = FactSet.From(metrics, [], null);

        var result = GroundingChecker.Check("The best model reached 103.43 tok/s; TTFT ranged from 100 ms to 384.7 ms. Its score was 4817.3 points.", facts);

        Assert.Equal(new[] { "4817.3" }, result.Ungrounded.Select(f => f.Text));
    }
}

public class DataSummaryTests
{
    [Fact]
    public void A_kind_without_files_gets_no_heading_and_a_summary_without_first_files_names_its_kinds_files_from_the_sources()
    {
        var report = new InsightReport
        {
            Metrics = [new BenchmarkMetric { Metric = "TtftMs", Unit = "ms", Sources = ["/lab/b/report.md", "/lab/a/run.csv", "/lab/a/report.md"] }],
            Inventory = new BenchmarkInventorySummary
            {
                FileCount = 3,
                Kinds =
                [
                    new KindSummary { Kind = ArtifactKind.Csv, Count = 1, FirstFiles = ["a/run.csv"] },
                    new KindSummary { Kind = ArtifactKind.Markdown, Count = 2 },
                    new KindSummary { Kind = ArtifactKind.Text, Count = 0 },
                ],
            },
        };

        var lines = ReportSections.DataSummaryBlock(report).Split('\n');

        Assert.DoesNotContain(lines, l => l.StartsWith("TEXT Files", StringComparison.Ordinal));
        var markdown = Array.FindIndex(lines, l => l.StartsWith("MARKDOWN Files (2", StringComparison.Ordinal));
        Assert.Equal(["  - /lab/a/report.md", "  - /lab/b/report.md"], lines.Skip(markdown + 1).Take(2));
        Assert.Contains("  - a/run.csv", lines);
    }
}
