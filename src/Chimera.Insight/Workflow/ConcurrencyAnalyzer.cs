namespace Chimera.Insight.Workflow;

/// <summary>Judges whether reports written side by side ran in parallel or contended for the backend.</summary>
public static class ConcurrencyAnalyzer
{
    private const double ContendedQueueWaitMs = 100;
    private const double ContendedSpeedup = 1.2;

    public static ConcurrencySummary Summarize(IReadOnlyList<InsightReport> reports, double wallSeconds)
    {
        var sequential = reports.Sum(r => r.ReportSeconds);
        var speedup = wallSeconds > 0 ? sequential / wallSeconds : 0;
        var maxWait = reports.Select(QueueWaitMs).DefaultIfEmpty(0).Max();
        return new ConcurrencySummary
        {
            Participants = reports.Select(r => r.Profile ?? r.OllamaUri ?? r.Model).ToArray(),
            WallSeconds = Math.Round(wallSeconds, 3),
            SequentialEstimateSeconds = Math.Round(sequential, 3),
            Speedup = Math.Round(speedup, 2),
            EfficiencyPercent = reports.Count == 0 ? 0 : Math.Round(speedup / reports.Count * 100, 1),
            MaxQueueWaitMs = Math.Round(maxWait, 1),
            Contended = maxWait > ContendedQueueWaitMs || (reports.Count > 1 && speedup < ContendedSpeedup),
        };
    }

    /// <summary>Ollama's total_duration minus load, prompt evaluation and generation: time spent waiting
    /// for a slot on the server.</summary>
    public static double QueueWaitMs(InsightReport report) =>
        report.TotalDurationMs is { } total
            ? Math.Max(0, total - (report.LoadDurationMs ?? 0) - (report.PromptEvalDurationMs ?? 0) - (report.EvalDurationMs ?? 0))
            : 0;
}
