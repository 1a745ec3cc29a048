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
}
