using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Security;
using Chimera.Insight.Commands.Input;
using Chimera.Insight.Configuration;
using Chimera.Insight.Ollama;
using Chimera.Insight.Statistics;
using Chimera.Insight.Workflow;

namespace Chimera.Insight.Commands;

/// <summary>
/// New-InsightReport: the facts (metrics, or samples and files it measures itself) go to a local Ollama
/// model as a compact fact sheet; the narrative comes back with the call's timings, every figure in it
/// checked against the data. Offline, or when Ollama cannot be reached, a deterministic writer takes over.
/// </summary>
[Cmdlet(VerbsCommon.New, "InsightReport")]
[OutputType("Chimera.Insight.InsightReport", "Chimera.Insight.ConcurrencySummary")]
public sealed class NewInsightReportCommand : PSCmdlet
{
    private readonly CancellationTokenSource stopping = new();
    private readonly Stopwatch clock = new();
    private MeasurementSession? session;
    private InputRouter? router;

    [Parameter(ValueFromPipeline = true)]
    public PSObject[]? InputObject { get; set; }

    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ModelNameCompleter))]
    public string? Model { get; set; }

    [Parameter]
    public string? OllamaUri { get; set; }

    [Parameter]
    public int? NumGpu { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? NumCtx { get; set; }

    [Parameter]
    public double? Temperature { get; set; }

    [Parameter]
    public double? TopP { get; set; }

    [Parameter]
    public int? TopK { get; set; }

    [Parameter]
    public double? RepeatPenalty { get; set; }

    [Parameter]
    public int? Seed { get; set; }

    [Parameter]
    public int? NumPredict { get; set; }

    [Parameter]
    public string? KeepAlive { get; set; }

    [Parameter]
    [Alias("Option")]
    public Hashtable? Options { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string[]? Profile { get; set; }

    [Parameter]
    public string? ConfigurationPath { get; set; }

    [Parameter]
    [ValidateRange(1.0, 86400.0)]
    public double? TimeoutSec { get; set; }

    [Parameter]
    [ValidateRange(0.1, 86400.0)]
    public double? IdleTimeoutSec { get; set; }

    [Parameter]
    [ValidateRange(0, 20)]
    public int? MaxRetries { get; set; }

    [Parameter]
    public string? Persona { get; set; }

    [Parameter]
    public SecureString? ApiKey { get; set; }

    [Parameter]
    [ValidateRange(1, 1000)]
    public int Runs { get; set; } = 1;

    [Parameter]
    public SwitchParameter Concurrent { get; set; }

    [Parameter]
    public SwitchParameter Stream { get; set; }

    [Parameter]
    public SwitchParameter Offline { get; set; }

    [Parameter]
    public SwitchParameter RequireLlm { get; set; }

    [Parameter]
    public SwitchParameter StrictGrounding { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string AgentType { get; set; } = "Chimera Insight";

    protected override void BeginProcessing()
    {
        clock.Start();
        session = new MeasurementSession(new MeasurementOptions(), stopping.Token);
        router = new InputRouter(this, session, stopping.Token);
    }

    protected override void ProcessRecord()
    {
        foreach (var item in InputObject ?? [])
        {
            router!.Add(item);
        }

        SessionOutput.Write(this, session!);
    }

    protected override void EndProcessing()
    {
        var facts = MeasureFacts();
        var profiles = Profile is { Length: > 0 } ? Profile.Select(p => (string?)p).ToArray() : [null];
        var settings = profiles.Select(ResolveSettings).ToArray();

        using var gateway = new OllamaGateway();
        var workflow = new ReportWorkflow(gateway);
        for (var run = 1; run <= Runs && !stopping.IsCancellationRequested; run++)
        {
            if (Concurrent && settings.Length > 1)
            {
                RunSideBySide(workflow, facts, settings, run);
            }
            else
            {
                foreach (var setting in settings)
                {
                    var progress = new CallProgress(this, setting.Model, run);
                    Emit(RunOnWorker(() => workflow.WriteAsync(facts, setting, RunOptions(run), progress.Observe(TextSink()), WarningSink(), stopping.Token)));
                    progress.Complete();
                }
            }
        }
    }

    protected override void StopProcessing() => stopping.Cancel();

    /// <summary>Measures what came in (files are read here; metrics pass through untouched) and draws the findings.</summary>
    private ReportFacts MeasureFacts()
    {
        router!.Complete();
        SessionOutput.Write(this, session!);
        var ingest = clock.Elapsed.TotalSeconds;

        var metrics = session!.BuildMetrics(session.InheritedInventory).ToList();
        var findings = FindingAnalyzer.Analyze(metrics);
        var analysis = clock.Elapsed.TotalSeconds - ingest;
        if (metrics.Count == 0)
        {
            WriteWarning(ReportCommandMessages.NoMetrics(session.FileCount));
        }

        var inventory = metrics.Select(m => m.Inventory).FirstOrDefault(i => i is not null);
        // Metrics measured upstream bring the time their own measurement took; reading and analysing
        // them again here took no real time and is not counted twice.
        var upstream = router.OnlyMetrics && inventory?.IngestSeconds is not null;
        return new ReportFacts
        {
            Metrics = metrics,
            Findings = findings,
            Inventory = inventory,
            IngestSeconds = upstream ? inventory!.IngestSeconds!.Value : ingest,
            AnalysisSeconds = upstream ? (inventory!.AnalysisSeconds ?? 0) + analysis : analysis,
            FilesAnalyzed = inventory?.FileCount ?? session.FileCount,
        };
    }

    private EffectiveSettings ResolveSettings(string? profile)
    {
        var parameters = OllamaSettingsBinding.Create(this, ConfigurationPath);
        parameters.Profile = profile;
        parameters.OllamaUri = OllamaUri;
        parameters.Model = Model;
        parameters.TimeoutSeconds = TimeoutSec;
        parameters.IdleTimeoutSeconds = IdleTimeoutSec;
        parameters.MaxRetries = MaxRetries;
        parameters.KeepAlive = KeepAlive;
        parameters.Persona = Persona;
        parameters.ApiKey = OllamaSettingsBinding.ToPlainText(ApiKey);
        parameters.Options = ExplicitOptions();
        return OllamaSettingsBinding.Resolve(this, parameters);
    }

    /// <summary>-Options, overridden by the named option parameters given.</summary>
    private IDictionary<string, object?>? ExplicitOptions()
    {
        var options = OllamaSettingsBinding.ToOptions(Options) ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        void Set(string name, object? value)
        {
            if (value is not null) options[name] = value;
        }

        Set("num_gpu", NumGpu);
        Set("num_ctx", NumCtx);
        Set("temperature", Temperature);
        Set("top_p", TopP);
        Set("top_k", TopK);
        Set("repeat_penalty", RepeatPenalty);
        Set("seed", Seed);
        Set("num_predict", NumPredict);
        return options.Count == 0 ? null : options;
    }

    private ReportRunOptions RunOptions(int run) => new()
    {
        AgentType = AgentType,
        Run = run,
        Offline = Offline,
        RequireLlm = RequireLlm,
        StrictGrounding = StrictGrounding,
    };

    /// <summary>-Concurrent: every profile's report of this run written at the same time, then how they shared the backend.</summary>
    private void RunSideBySide(ReportWorkflow workflow, ReportFacts facts, EffectiveSettings[] settings, int run)
    {
        var wall = Stopwatch.StartNew();
        var outcomes = RunOnWorker(async () =>
            await Task.WhenAll(settings.Select(s => workflow.WriteAsync(facts, s, RunOptions(run), null, WarningSink(), stopping.Token))).ConfigureAwait(false));
        wall.Stop();
        if (outcomes is null) return;

        foreach (var outcome in outcomes)
        {
            Emit(outcome);
        }

        WriteObject(ConcurrencyAnalyzer.Summarize(outcomes.Select(o => o.Report).ToList(), wall.Elapsed.TotalSeconds));
    }

    private void Emit(ReportOutcome? outcome)
    {
        if (outcome is null) return;
        // -RequireLlm without a model is a failure, not a report: no object, so nothing downstream exports one.
        if (outcome.Failure?.Kind != ReportFailureKind.LlmRequired)
        {
            WriteObject(outcome.Report);
        }

        if (outcome.Failure is { } failure)
        {
            WriteError(ReportErrors.From(failure, outcome.Report));
        }
    }

    // Worker threads only queue; the pipeline thread writes (PowerShell's rule for Write* calls).
    private readonly BlockingCollection<Action> pipelineWork = new();

    private Action<string>? TextSink() => Stream ? text => pipelineWork.Add(() => Host.UI.Write(text)) : null;

    /// <summary>Write-Progress while the model writes: chunks so far, their rate and the time elapsed, at most
    /// a few times a second (each chunk of Ollama's stream is about one token).</summary>
    private sealed class CallProgress(NewInsightReportCommand command, string model, int run)
    {
        private const int ActivityId = 17;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private int tokens;
        private long shownAt = -1000;

        public Action<string> Observe(Action<string>? inner) => text =>
        {
            inner?.Invoke(text);
            var count = Interlocked.Increment(ref tokens);
            var now = clock.ElapsedMilliseconds;
            if (now - Interlocked.Read(ref shownAt) < 250) return;
            Interlocked.Exchange(ref shownAt, now);
            var seconds = now / 1000.0;
            var status = ReportCommandMessages.CallProgress(count, seconds > 0 ? count / seconds : 0, seconds);
            command.pipelineWork.Add(() => command.WriteProgress(new ProgressRecord(ActivityId, ReportCommandMessages.CallActivity(model, run), status)));
        };

        public void Complete()
        {
            if (tokens == 0) return;
            command.WriteProgress(new ProgressRecord(ActivityId, ReportCommandMessages.CallActivity(model, run), "done") { RecordType = ProgressRecordType.Completed });
        }
    }

    private Action<string> WarningSink() => text => pipelineWork.Add(() => WriteWarning(text));

    /// <summary>Runs async engine work on the thread pool while this (pipeline) thread writes what it queues;
    /// null when Ctrl+C stopped it.</summary>
    private T? RunOnWorker<T>(Func<Task<T>> work)
        where T : class
    {
        var task = Task.Run(work);
        // The end of the work wakes this thread at once (a report must not wait out a polling interval).
        task.ContinueWith(_ => pipelineWork.Add(() => { }), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (!task.IsCompleted)
        {
            pipelineWork.Take()();
        }

        while (pipelineWork.TryTake(out var action))
        {
            action();
        }

        if (Stream)
        {
            Host.UI.WriteLine();
        }

        return stopping.IsCancellationRequested ? null : task.GetAwaiter().GetResult();
    }
}
