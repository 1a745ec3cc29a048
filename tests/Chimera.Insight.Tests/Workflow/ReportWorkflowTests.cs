using Chimera.Insight.Configuration;
using Chimera.Insight.Ollama;
using Chimera.Insight.Workflow;
using OllamaTestServer;
using Xunit;

namespace Chimera.Insight.Tests.Workflow;

public sealed class ReportWorkflowTests : IAsyncDisposable
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
            new BenchmarkMetric
            {
                Metric = "TokensPerSecond", Unit = "tok/s", Origin = MetricOrigin.Measured, Model = "gemma3:latest", Phase = Phase.Warm,
                Count = 5, Mean = 108.05, StdDev = 1.2, Min = 106.5, P50 = 108.1, P90 = 109.2, P95 = 109.4, P99 = 109.6, Max = 109.7, CV = 1.1,
            },
        ],
        Findings = [],
        IngestSeconds = 0.25,
        AnalysisSeconds = 0.05,
        FilesAnalyzed = 3,
    };

    private async Task<EffectiveSettings> SettingsFor(string text, string model = "gemma3:latest")
    {
        var uri = await server.StartAsync(new ScenarioOptions { ResponseText = text, ResponseTokens = text.Split(' ').Length, TokensPerSecond = 5000 });
        return new SettingsResolver(_ => null).Resolve(new SettingsParameters { OllamaUri = uri.ToString(), Model = model, MaxRetries = 0 });
    }

    [Fact]
    public async Task The_narrative_comes_back_with_the_calls_timings_and_its_unsupported_figures_listed()
    {
        var settings = await SettingsFor("Throughput held at 108.1 tok/s while another run reached 131.2 tok/s.");

        var outcome = await new ReportWorkflow(gateway).WriteAsync(Facts(), settings, new ReportRunOptions(), null, null, CancellationToken.None);

        Assert.Null(outcome.Failure);
        var report = outcome.Report;
        Assert.Equal(ReportProvider.Ollama, report.Provider);
        Assert.True(report.Complete);
        Assert.Equal(new[] { "131.2 tok/s" }, report.Grounding!.Ungrounded.Select(f => f.Text));
        Assert.Contains("131.2 tok/s", report.Markdown);
        Assert.True(report.TtftMs > 0);
        Assert.Equal(0.25, report.IngestSeconds);
        Assert.Equal(report.IngestSeconds + report.AnalysisSeconds + report.ReportSeconds, report.TotalSeconds, 6);
        Assert.Equal(3, report.FilesAnalyzed);
    }

    [Fact]
    public async Task Strict_grounding_asks_once_more_then_fails_when_the_invented_figure_stays()
    {
        var settings = await SettingsFor("Throughput held at 131.2 tok/s.");

        var outcome = await new ReportWorkflow(gateway).WriteAsync(Facts(), settings, new ReportRunOptions { StrictGrounding = true }, null, null, CancellationToken.None);

        Assert.Equal(ReportFailureKind.Ungrounded, outcome.Failure!.Kind);
        Assert.Contains("131.2 tok/s", outcome.Failure.Message);
        var calls = server.Requests.Where(r => r.Path is "/api/generate" or "/api/chat").ToList();
        Assert.Equal(2, calls.Count);
        Assert.Contains("131.2 tok/s", calls[1].Body);
    }

    [Fact]
    public async Task Strict_grounding_is_satisfied_without_a_second_call_when_every_figure_holds()
    {
        var settings = await SettingsFor("Throughput held at 108.1 tok/s.");

        var outcome = await new ReportWorkflow(gateway).WriteAsync(Facts(), settings, new ReportRunOptions { StrictGrounding = true }, null, null, CancellationToken.None);

        Assert.Null(outcome.Failure);
        Assert.Single(server.Requests, r => r.Path is "/api/generate" or "/api/chat");
    }

    [Fact]
    public async Task An_unreachable_server_gives_an_offline_report_with_a_warning_or_with_RequireLlm_a_failure()
    {
        var settings = new SettingsResolver(_ => null).Resolve(new SettingsParameters { OllamaUri = "http://127.0.0.1:9/", MaxRetries = 0 });
        var warnings = new List<string>();

        var offline = await new ReportWorkflow(gateway).WriteAsync(Facts(), settings, new ReportRunOptions(), null, warnings.Add, CancellationToken.None);
        var required = await new ReportWorkflow(gateway).WriteAsync(Facts(), settings, new ReportRunOptions { RequireLlm = true }, null, null, CancellationToken.None);

        Assert.Null(offline.Failure);
        Assert.Equal(ReportProvider.Offline, offline.Report.Provider);
        Assert.Contains(warnings, w => w.Contains("127.0.0.1:9"));
        Assert.Equal(ReportFailureKind.LlmRequired, required.Failure!.Kind);
    }

    [Fact]
    public async Task A_stream_that_breaks_keeps_its_text_on_an_incomplete_report()
    {
        var settings = await SettingsFor("one two three four five six seven eight", model: "error-midstream:latest");

        var outcome = await new ReportWorkflow(gateway).WriteAsync(Facts(), settings, new ReportRunOptions(), null, null, CancellationToken.None);

        Assert.Equal(ReportFailureKind.Call, outcome.Failure!.Kind);
        Assert.False(outcome.Report.Complete);
        Assert.StartsWith("one two three", outcome.Report.Text);
    }
}
