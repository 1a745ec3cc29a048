using System.Text.RegularExpressions;
using Chimera.Insight.Configuration;
using Chimera.Insight.Ollama;
using Chimera.Insight.Workflow;
using OllamaTestServer;
using Xunit;

namespace Chimera.Insight.Tests.Workflow;

/// <summary>
/// A model that writes fact ids ({F3}) where figures go, mixed with figures it copied right and figures it got wrong:
/// the report prints every id from the data, keeps the ids on the report and out of its text, and still checks the
/// figures the model wrote itself.
/// </summary>
public sealed class FactIdNarrativeTests : IAsyncDisposable
{
    private readonly FakeOllama server = new();
    private readonly OllamaGateway gateway = new(TimeSpan.FromMilliseconds(10));

    public async ValueTask DisposeAsync()
    {
        gateway.Dispose();
        await server.DisposeAsync();
    }

    private static ReportFacts Facts() => new()
    {
        Metrics =
        [
            Metric("gemma3:latest", CanonicalMetric.TokensPerSecond, "tok/s", 108.05, 108.1, 109.4),
            Metric("llama3.1:8b-instruct-q4_0", CanonicalMetric.TokensPerSecond, "tok/s", 76.59, 76.88, 77.71),
            Metric("gemma3:latest", CanonicalMetric.TtftMs, "ms", 127.25, 126.9, 140.3),
        ],
        Findings = [],
        FilesAnalyzed = 3,
    };

    private static BenchmarkMetric Metric(string model, string metric, string unit, double mean, double p50, double p95) => new()
    {
        Metric = metric, Unit = unit, Origin = MetricOrigin.Measured, Model = model, Phase = Phase.Warm,
        Count = 12, Mean = mean, StdDev = mean / 40, Min = mean * 0.9, P50 = p50, P90 = p95 * 0.99, P95 = p95, P99 = p95 * 1.01, Max = p95 * 1.02, CV = 2.5,
    };

    /// <summary>The id the prompt's fact sheet gives a statistic of a model's metric ("gemma3:latest · ... · Throughput (tok/s): mean 108.05 [F1]").</summary>
    private static string IdOf(string prompt, string model, string metric, string statistic)
    {
        var line = prompt.Split('\n').First(l => l.Contains(model + " ·", StringComparison.Ordinal) && l.Contains(metric, StringComparison.Ordinal));
        return Regex.Match(line, Regex.Escape(statistic) + @" [\d.]+ \[(F\d+)\]").Groups[1].Value;
    }

    private async Task<InsightReport> ReportFor(Func<string, string> narrative)
    {
        var uri = await server.StartAsync(new ScenarioOptions { Narrative = narrative, TokensPerSecond = 5000 });
        var settings = new SettingsResolver(_ => null).Resolve(new SettingsParameters { OllamaUri = uri.ToString(), Model = "gemma3:latest", MaxRetries = 0 });
        var outcome = await new ReportWorkflow(gateway).WriteAsync(Facts(), settings, new ReportRunOptions(), null, null, CancellationToken.None);
        Assert.Null(outcome.Failure);
        return outcome.Report;
    }

    [Fact]
    public async Task Ids_are_printed_from_the_data_and_the_models_own_figures_are_still_checked()
    {
        var report = await ReportFor(prompt =>
            $"**gemma3:latest** leads with a mean throughput of {{{IdOf(prompt, "gemma3:latest", "Throughput", "mean")}}} and a median TTFT of [{IdOf(prompt, "gemma3:latest", "TTFT", "p50")}]. " +
            "llama3.1:8b-instruct-q4_0 follows at 76.59 tok/s mean throughput, and its p95 throughput is 91.3 tok/s.\n" +
            "The mean TTFT of llama3.1:8b-instruct-q4_0 is {F99}.");

        Assert.DoesNotMatch(@"[{\[]F\d+[}\]]", report.Text);
        Assert.DoesNotMatch(@"[{\[]F\d+[}\]]", report.Markdown);
        Assert.Contains("mean throughput of 108.05 tok/s", report.Text);
        Assert.Contains("median TTFT of 126.9 ms", report.Text);
        Assert.Contains("is " + Chimera.Insight.Reporting.FactIdRenderer.UnknownFigure, report.Text);
        Assert.Contains(report.Warnings, w => w.Contains("F99", StringComparison.Ordinal));

        Assert.Equal(3, report.FactReferences.Length);
        Assert.Equal(["108.05 tok/s", "126.9 ms", ""], report.FactReferences.Select(r => r.Text));
        var printed = report.Grounding!.Figures.Where(f => f.FactId is not null).ToList();
        Assert.Equal(2, printed.Count);
        Assert.All(printed, f => Assert.True(f.IsGrounded, f.Text));

        // The figure the model copied right is grounded; the one it got wrong is flagged with what the data holds.
        Assert.Contains(report.Grounding.Grounded, f => f.Text == "76.59 tok/s");
        var wrong = Assert.Single(report.Grounding.Ungrounded);
        Assert.Equal("91.3 tok/s", wrong.Text);
        Assert.Equal("77.7 tok/s", wrong.Expected);
    }

    [Fact]
    public async Task A_narrative_without_ids_is_checked_as_before()
    {
        var report = await ReportFor(_ => "gemma3:latest reached 108.05 tok/s mean throughput while llama3.1:8b-instruct-q4_0 reached 108.05 tok/s.");

        Assert.Empty(report.FactReferences);
        var wrong = Assert.Single(report.Grounding!.Ungrounded);
        Assert.Equal(GroundingReason.OtherSubject, wrong.Reason);
        Assert.Equal("76.59 tok/s", wrong.Expected);
    }

    [Fact]
    public async Task The_fact_sheet_sent_gives_each_figure_an_id_and_asks_for_ids()
    {
        string? sent = null;
        await ReportFor(prompt => { sent = prompt; return "No figures."; });

        Assert.Contains("- Write a figure's id in braces ({F12} for [F12])", sent);
        Assert.Matches(@"gemma3:latest · Warm · Throughput \(tok/s\): mean 108.05 \[F\d+\], p50 108.1 \[F\d+\]", sent!);
    }
}
