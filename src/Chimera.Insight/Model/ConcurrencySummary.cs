namespace Chimera.Insight;

/// <summary>How reports written at the same time (New-InsightReport -Concurrent) shared the backend.</summary>
public sealed class ConcurrencySummary
{
    /// <summary>Profiles (or endpoints) that ran side by side.</summary>
    public string[] Participants { get; set; } = [];
    public double WallSeconds { get; set; }
    /// <summary>Sum of each report's own ReportSeconds: what running them one after another would take.</summary>
    public double SequentialEstimateSeconds { get; set; }
    /// <summary>SequentialEstimateSeconds / WallSeconds.</summary>
    public double Speedup { get; set; }
    /// <summary>Speedup / participants, percent: 100 means perfectly parallel.</summary>
    public double EfficiencyPercent { get; set; }
    /// <summary>Longest time a call waited for the server beyond load, prompt evaluation and generation
    /// (total_duration minus its parts), milliseconds.</summary>
    public double MaxQueueWaitMs { get; set; }
    /// <summary>True when the calls visibly waited for each other (a queue wait over 100 ms, or a speedup
    /// under 1.2 with more than one participant).</summary>
    public bool Contended { get; set; }
}
