namespace Chimera.Insight;

/// <summary>The canonical metric names every reader maps to and every report speaks of (see the contract's table).</summary>
public static class CanonicalMetric
{
    public const string TtftMs = "TtftMs";
    public const string TokensPerSecond = "TokensPerSecond";
    public const string LoadMs = "LoadMs";
    public const string PromptEvalMs = "PromptEvalMs";
    public const string EvalMs = "EvalMs";
    public const string TotalMs = "TotalMs";
    public const string PromptTokens = "PromptTokens";
    public const string OutputTokens = "OutputTokens";
    public const string LatencyMs = "LatencyMs";
    public const string CompileMs = "CompileMs";
    public const string GpuUtilizationPercent = "GpuUtilizationPercent";
    public const string GpuMemoryMb = "GpuMemoryMb";
    public const string CpuPercent = "CpuPercent";
    public const string MemoryPercent = "MemoryPercent";
    public const string PowerWatts = "PowerWatts";
    /// <summary>Inter-token latency: per gap between streamed tokens (vLLM, SGLang), or a per-request average where the
    /// producer computes one (AIPerf, LLMPerf, GuideLLM; see about_ChimeraInsight).</summary>
    public const string ItlMs = "ItlMs";
    /// <summary>Time per output token after the first, per request: (end-to-end - TTFT) / (output tokens - 1).</summary>
    public const string TpotMs = "TpotMs";
    /// <summary>Prefill rate: prompt tokens per second (llama-bench pp tests, Ollama prompt_eval_count / prompt_eval_duration).</summary>
    public const string PromptTokensPerSecond = "PromptTokensPerSecond";
    /// <summary>Aggregate output tokens per second of a serving run across its concurrent requests.</summary>
    public const string SystemTokensPerSecond = "SystemTokensPerSecond";
    /// <summary>Completed requests per second of a serving run.</summary>
    public const string RequestsPerSecond = "RequestsPerSecond";
}
