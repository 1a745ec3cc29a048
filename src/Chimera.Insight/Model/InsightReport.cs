namespace Chimera.Insight;

/// <summary>The insight report: facts, the narrative a model (or the offline writer) wrote, and the timings.</summary>
public sealed class InsightReport
{
    public string AgentType { get; set; } = "Chimera Insight";
    /// <summary>1..N with New-InsightReport -Runs N.</summary>
    public int Run { get; set; } = 1;
    public string? Profile { get; set; }
    public string Model { get; set; } = "";
    public ReportProvider Provider { get; set; }
    public string? OllamaUri { get; set; }
    public string? OllamaVersion { get; set; }
    public string Configuration { get; set; } = "";
    /// <summary>The run settings, every option of <see cref="RunSettings.Options"/> (min_p too): the six below are
    /// views of it, and <see cref="Configuration"/> names them all.</summary>
    public RunSettings Settings { get; set; }
    public int? NumGpu { get => Settings.NumGpu; set => Settings = Settings.With(RunSettings.NumGpuOption, value); }
    public int? NumCtx { get => Settings.NumCtx; set => Settings = Settings.With(RunSettings.NumCtxOption, value); }
    public double? Temperature { get => Settings.Temperature; set => Settings = Settings.With(RunSettings.TemperatureOption, value); }
    public double? TopP { get => Settings.TopP; set => Settings = Settings.With(RunSettings.TopPOption, value); }
    public int? TopK { get => Settings.TopK; set => Settings = Settings.With(RunSettings.TopKOption, value); }
    public double? RepeatPenalty { get => Settings.RepeatPenalty; set => Settings = Settings.With(RunSettings.RepeatPenaltyOption, value); }
    public string Persona { get; set; } = "";
    public DateTime GeneratedAt { get; set; }
    /// <summary>The narrative.</summary>
    public string Text { get; set; } = "";
    /// <summary>The whole document in the seed's layout.</summary>
    public string Markdown { get; set; } = "";
    public Finding[] Findings { get; set; } = [];
    public string[] Recommendations { get; set; } = [];
    /// <summary>The metrics the report was written from.</summary>
    public BenchmarkMetric[] Metrics { get; set; } = [];
    public BenchmarkInventorySummary? Inventory { get; set; }

    // The LLM call's own timings (null when offline or when the call failed before the figure existed).
    public double? TtftMs { get; set; }
    public double? TokensPerSecond { get; set; }
    public double? TotalDurationMs { get; set; }
    public double? LoadDurationMs { get; set; }
    public double? PromptEvalDurationMs { get; set; }
    public double? EvalDurationMs { get; set; }
    public int? PromptTokens { get; set; }
    public int? TokensGenerated { get; set; }
    public string? DoneReason { get; set; }

    // The workflow's timings.
    public double IngestSeconds { get; set; }
    public double AnalysisSeconds { get; set; }
    public double ReportSeconds { get; set; }
    public double TotalSeconds { get; set; }
    public int FilesAnalyzed { get; set; }

    public double? GpuOffloadPercent { get; set; }
    public int? ContextLength { get; set; }
    public bool? PromptFitsContext { get; set; }
    public int? EstimatedPromptTokens { get; set; }
    public GroundingResult? Grounding { get; set; }
    /// <summary>The figures the model wrote as fact ids ({F12}) and the report printed from the data, with where each stands in Text.</summary>
    public FactReference[] FactReferences { get; set; } = [];
    /// <summary>False when the call failed part way: Text then holds what arrived.</summary>
    public bool Complete { get; set; } = true;
    public string[] Warnings { get; set; } = [];
}

public enum ReportProvider
{
    Ollama,
    Offline,
}
