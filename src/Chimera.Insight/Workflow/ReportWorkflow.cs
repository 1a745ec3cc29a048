using System.Diagnostics;
using Chimera.Insight.Configuration;
using Chimera.Insight.Ollama;
using Chimera.Insight.Reporting;

namespace Chimera.Insight.Workflow;

/// <summary>The facts a report is written from, computed before the LLM is asked anything.</summary>
public sealed class ReportFacts
{
    public IReadOnlyList<BenchmarkMetric> Metrics { get; set; } = [];
    public IReadOnlyList<Finding> Findings { get; set; } = [];
    public BenchmarkInventorySummary? Inventory { get; set; }
    public double IngestSeconds { get; set; }
    public double AnalysisSeconds { get; set; }
    public int FilesAnalyzed { get; set; }
}

/// <summary>How one report is written.</summary>
public sealed class ReportRunOptions
{
    public string AgentType { get; set; } = "Chimera Insight";
    public int Run { get; set; } = 1;
    /// <summary>Write the narrative offline without asking Ollama.</summary>
    public bool Offline { get; set; }
    /// <summary>Fail instead of falling back to the offline writer when Ollama cannot be reached.</summary>
    public bool RequireLlm { get; set; }
    /// <summary>Ask the model once more with the unsupported figures, then fail if they remain.</summary>
    public bool StrictGrounding { get; set; }
}

/// <summary>What writing a report gave: the report (always, even partial) and, on failure, why.</summary>
public sealed class ReportOutcome
{
    public InsightReport Report { get; set; } = new();
    public ReportFailure? Failure { get; set; }
}

public sealed class ReportFailure
{
    public ReportFailureKind Kind { get; set; }
    public string Message { get; set; } = "";
    /// <summary>The Ollama error, where the failure came from the call.</summary>
    public GenerationErrorKind? CallError { get; set; }
}

public enum ReportFailureKind
{
    /// <summary>The LLM call failed (model not found, server error, stream cut, timeout, ...).</summary>
    Call,
    /// <summary>Ollama could not be reached and -RequireLlm was given.</summary>
    LlmRequired,
    /// <summary>-StrictGrounding: figures the data does not support remained after the second ask.</summary>
    Ungrounded,
    /// <summary>Ctrl+C.</summary>
    Cancelled,
}

/// <summary>
/// Writes one insight report: packs the fact sheet into the model's context, makes one LLM call
/// (or writes offline), measures it, checks every figure of the narrative against the data, and lays
/// out the document. Knows nothing of PowerShell: messages go out through callbacks.
/// </summary>
public sealed class ReportWorkflow
{
    private readonly OllamaGateway gateway;

    public ReportWorkflow(OllamaGateway gateway) => this.gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));

    /// <param name="onText">Receives the narrative as it streams in (on a worker thread).</param>
    /// <param name="onWarning">Receives warnings as they arise (on a worker thread); they also end up in Report.Warnings.</param>
    public async Task<ReportOutcome> WriteAsync(
        ReportFacts facts, EffectiveSettings settings, ReportRunOptions options,
        Action<string>? onText, Action<string>? onWarning, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        void Warn(string? text)
        {
            if (string.IsNullOrWhiteSpace(text) || warnings.Contains(text!)) return;
            warnings.Add(text!);
            onWarning?.Invoke(text!);
        }

        var report = NewReport(facts, settings, options);
        foreach (var warning in settings.Warnings) Warn(warning);
        var clock = Stopwatch.StartNew();

        // The facts of the inputs, built once whether the narrative is checked once or (strict) three times.
        var inputFacts = new Lazy<FactSet>(() => ReportAssembler.InputFacts(report));
        var sheet = FactSheet.Build(facts.Metrics, facts.Findings, facts.Inventory);
        var budget = PromptBudget.Fit(settings.Persona, sheet, settings.NumCtx);
        report.EstimatedPromptTokens = budget.EstimatedPromptTokens;
        Warn(budget.Warning);

        ReportFailure? failure = null;
        if (options.Offline)
        {
            WriteOffline(report, facts);
        }
        else
        {
            Warn(settings.EndpointWarning);
            failure = await AskModelAsync(report, facts, settings, options, budget, sheet, inputFacts, onText, Warn, cancellationToken).ConfigureAwait(false);
        }

        report.ReportSeconds = clock.Elapsed.TotalSeconds;
        report.TotalSeconds = report.IngestSeconds + report.AnalysisSeconds + report.ReportSeconds;
        report.Warnings = warnings.ToArray();
        ReportAssembler.Complete(report, inputFacts.Value);
        return new ReportOutcome { Report = report, Failure = failure };
    }

    private async Task<ReportFailure?> AskModelAsync(
        InsightReport report, ReportFacts facts, EffectiveSettings settings, ReportRunOptions options,
        PromptBudgetResult budget, FactSheet sheet, Lazy<FactSet> inputFacts, Action<string>? onText, Action<string?> warn, CancellationToken cancellationToken)
    {
        var request = settings.CreateGenerationRequest(budget.Prompt);
        request.System = budget.SystemPrompt;
        var result = await gateway.GenerateAsync(request, onText, cancellationToken).ConfigureAwait(false);

        if (result.ErrorKind == GenerationErrorKind.Unreachable)
        {
            if (options.RequireLlm)
            {
                ApplyCall(report, result);
                return new ReportFailure { Kind = ReportFailureKind.LlmRequired, Message = WorkflowMessages.LlmRequired(result.ErrorMessage), CallError = result.ErrorKind };
            }

            warn(WorkflowMessages.FellBackOffline(result.ErrorMessage));
            WriteOffline(report, facts);
            return null;
        }

        ApplyCall(report, result);
        PrintFactIds(report, sheet, warn);
        if (!result.Succeeded)
        {
            return result.ErrorKind == GenerationErrorKind.Cancelled
                ? new ReportFailure { Kind = ReportFailureKind.Cancelled, Message = WorkflowMessages.Cancelled, CallError = result.ErrorKind }
                : new ReportFailure { Kind = ReportFailureKind.Call, Message = result.ErrorMessage ?? result.ErrorKind.ToString(), CallError = result.ErrorKind };
        }

        var promptCut = PromptBudget.CheckPromptEvaluation(budget, result.PromptTokens, settings.NumCtx);
        warn(promptCut);
        report.PromptFitsContext = promptCut is null;
        if (result.DoneReason == "length")
        {
            warn(WorkflowMessages.AnswerCut(result.TokensGenerated));
        }

        await ReadBackendAsync(report, settings, warn, cancellationToken).ConfigureAwait(false);
        return options.StrictGrounding
            ? await EnforceGroundingAsync(report, settings, budget, sheet, inputFacts.Value, warn, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>-StrictGrounding: one more ask, naming the figures the data does not support.</summary>
    private async Task<ReportFailure?> EnforceGroundingAsync(
        InsightReport report, EffectiveSettings settings, PromptBudgetResult budget, FactSheet sheet, FactSet inputFacts, Action<string?> warn,
        CancellationToken cancellationToken)
    {
        var ungrounded = Check(report, inputFacts);
        if (ungrounded.Length == 0) return null;

        warn(WorkflowMessages.AskingAgain(ungrounded));
        var request = settings.CreateGenerationRequest(budget.Prompt + "\n\n" + WorkflowMessages.CorrectionPrompt(report.Text, ungrounded));
        request.System = budget.SystemPrompt;
        var retry = await gateway.GenerateAsync(request, null, cancellationToken).ConfigureAwait(false);
        if (!retry.Succeeded)
        {
            return new ReportFailure { Kind = ReportFailureKind.Call, Message = retry.ErrorMessage ?? retry.ErrorKind.ToString(), CallError = retry.ErrorKind };
        }

        report.Text = retry.Text;
        PrintFactIds(report, sheet, warn);
        var remaining = Check(report, inputFacts);
        return remaining.Length == 0
            ? null
            : new ReportFailure { Kind = ReportFailureKind.Ungrounded, Message = WorkflowMessages.StillUngrounded(remaining) };
    }

    /// <summary>The fact ids the model wrote ({F12}) printed from the sheet; the ids stay on the report.</summary>
    private static void PrintFactIds(InsightReport report, FactSheet sheet, Action<string?> warn)
    {
        var (text, references) = FactIdRenderer.Render(report.Text, sheet.Figures);
        report.Text = text;
        report.FactReferences = references;
        var unknown = references.Where(r => r.Fact is null).Select(r => r.Id).Distinct().ToArray();
        if (unknown.Length > 0) warn(WorkflowMessages.UnknownFactIds(unknown));
    }

    private static string[] Check(InsightReport report, FactSet inputFacts) =>
        GroundingChecker.Check(report.Text, ReportAssembler.FactsOf(report, inputFacts), "narrative")
            .Ungrounded.Select(f => f.Text).ToArray();

    private async Task ReadBackendAsync(InsightReport report, EffectiveSettings settings, Action<string?> warn, CancellationToken cancellationToken)
    {
        var query = settings.CreateBackendQuery();
        query.IncludeInstalledModels = false;
        var status = await gateway.GetStatusAsync(query, cancellationToken).ConfigureAwait(false);
        report.OllamaVersion = status.Version;
        var loaded = status.LoadedModels.FirstOrDefault(m => OllamaGateway.SameModel(m.Name, settings.Model));
        if (loaded is null) return;
        report.GpuOffloadPercent = loaded.GpuOffloadPercent;
        report.ContextLength = loaded.ContextLength;
        if (loaded.GpuOffloadPercent < 100)
        {
            warn(WorkflowMessages.NotOnGpu(settings.Model, loaded.GpuOffloadPercent, loaded.Placement));
        }
    }

    private static void ApplyCall(InsightReport report, GenerationResult result)
    {
        report.Provider = ReportProvider.Ollama;
        report.Text = result.Text;
        report.Complete = result.Succeeded;
        report.TtftMs = result.TtftMs;
        report.TokensPerSecond = result.TokensPerSecond;
        report.TotalDurationMs = result.TotalDurationMs;
        report.LoadDurationMs = result.LoadDurationMs;
        report.PromptEvalDurationMs = result.PromptEvalDurationMs;
        report.EvalDurationMs = result.EvalDurationMs;
        report.PromptTokens = result.PromptTokens;
        report.TokensGenerated = result.TokensGenerated;
        report.DoneReason = result.DoneReason;
    }

    private static void WriteOffline(InsightReport report, ReportFacts facts)
    {
        report.Provider = ReportProvider.Offline;
        report.Complete = true;
        report.Text = OfflineNarrativeWriter.Write(facts.Metrics, facts.Findings, facts.Inventory);
    }

    private static InsightReport NewReport(ReportFacts facts, EffectiveSettings settings, ReportRunOptions options) => new()
    {
        AgentType = options.AgentType,
        Run = options.Run,
        Profile = settings.Profile,
        Model = settings.Model,
        OllamaUri = OllamaEndpoint.Display(settings.OllamaUri),
        Configuration = settings.ConfigurationText,
        Settings = settings.RunSettings,
        Persona = settings.Persona,
        GeneratedAt = DateTime.UtcNow,
        Metrics = facts.Metrics.ToArray(),
        Findings = facts.Findings.ToArray(),
        Inventory = facts.Inventory,
        IngestSeconds = facts.IngestSeconds,
        AnalysisSeconds = facts.AnalysisSeconds,
        FilesAnalyzed = facts.FilesAnalyzed,
    };
}
