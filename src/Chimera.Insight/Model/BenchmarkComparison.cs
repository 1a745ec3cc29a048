namespace Chimera.Insight;

/// <summary>One metric in one group, reference against difference, with a verdict.</summary>
public sealed class BenchmarkComparison
{
    public string Metric { get; set; } = "";
    public string Unit { get; set; } = "";
    /// <summary>The statistic compared: Mean for raw samples and reported means, else the reported statistic (StdDev, P50, ...).</summary>
    public string Statistic { get; set; } = Insight.Statistic.Mean;
    public string? Model { get; set; }
    public string? Backend { get; set; }
    public string? Configuration { get; set; }
    public Phase? Phase { get; set; }
    public string? Prompt { get; set; }
    public string? Source { get; set; }
    /// <summary>Matched, or a group present on one side only: Added (difference only), Removed (reference only).</summary>
    public ComparisonStatus Status { get; set; }
    public double? ReferenceMean { get; set; }
    public double? DifferenceMean { get; set; }
    public double? ReferenceStdDev { get; set; }
    public double? DifferenceStdDev { get; set; }
    public double? ReferenceCV { get; set; }
    public double? DifferenceCV { get; set; }
    public double? DeltaPercent { get; set; }
    /// <summary>Mann-Whitney U two-sided p-value, where both sides have raw samples.</summary>
    public double? PValue { get; set; }
    public ComparisonVerdict Verdict { get; set; }
    /// <summary>How the verdict was reached: MannWhitneyU (raw samples), WelchT (stated means, spreads and counts),
    /// ThresholdOnly (a mean without its spread: Inconclusive), SharedFiles, NoValues or Unmatched.</summary>
    public string Basis { get; set; } = "";
    /// <summary>The tool that wrote each side's files (vllm, aiperf, ...), when known.</summary>
    public string? ReferenceProducer { get; set; }
    public string? DifferenceProducer { get; set; }
    /// <summary>Why the verdict is Inconclusive (too few samples, no spread to test, files both sides share, producers
    /// that define the metric differently, ...); null otherwise.</summary>
    public string? Reason { get; set; }
    public int ReferenceCount { get; set; }
    public int DifferenceCount { get; set; }
    public int ReferenceFailedCount { get; set; }
    public int DifferenceFailedCount { get; set; }
}

public enum ComparisonVerdict
{
    Same,
    Better,
    Worse,
    Inconclusive,
}

public enum ComparisonStatus
{
    Matched,
    Added,
    Removed,
}
