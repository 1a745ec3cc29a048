namespace Chimera.Insight;

/// <summary>Which figures in a text the data supports.</summary>
public sealed class GroundingResult
{
    public GroundedFigure[] Figures { get; set; } = [];
    public GroundedFigure[] Grounded { get; set; } = [];
    public GroundedFigure[] Ungrounded { get; set; } = [];
    /// <summary>Grounded / Figures, 1 when the text makes no numeric claim.</summary>
    public double GroundedRatio { get; set; } = 1;
    public string? Source { get; set; }
    /// <summary>The ungrounded figures the data contradicts (every reason but <see cref="GroundingReason.Unverifiable"/>).</summary>
    public GroundedFigure[] Contradicted => Ungrounded.Where(f => f.Reason != GroundingReason.Unverifiable).ToArray();
}

/// <summary>A figure in a text, the claim read around it, and whether the data supports that claim.</summary>
public sealed class GroundedFigure
{
    /// <summary>The figure as written, e.g. "108.1 tok/s".</summary>
    public string Text { get; set; } = "";
    public double Value { get; set; }
    public string? Unit { get; set; }
    public int Line { get; set; }
    public int Column { get; set; }
    public bool IsGrounded { get; set; }
    /// <summary>The fact that supports it, when grounded.</summary>
    public string? SupportedBy { get; set; }
    /// <summary>What the claim is said of: models, configuration, backend, phase, files ("gemma3:latest · num_ctx=2048 · Warm");
    /// two subjects joined by " vs " for a relation.</summary>
    public string? Subject { get; set; }
    /// <summary>The canonical metric the claim is about (TtftMs, TokensPerSecond, Files, ...), when the text names or implies one.</summary>
    public string? Metric { get; set; }
    /// <summary>Mean, P50, P95, StdDev, CV, Min, Max, Count, ... when the text names one.</summary>
    public string? Statistic { get; set; }
    public GroundingRelation Relation { get; set; }
    /// <summary>Why an ungrounded figure is not supported; null when grounded.</summary>
    public GroundingReason? Reason { get; set; }
    /// <summary>What the data holds for the claim, written in the figure's unit ("127.25 ms"), where it holds one.</summary>
    public string? Expected { get; set; }
    /// <summary>With <see cref="GroundingReason.OtherSubject"/>: whose figure the value is.</summary>
    public string? BelongsTo { get; set; }
    /// <summary>The fact id (F12) the figure was printed from, when the model wrote an id instead of a number.</summary>
    public string? FactId { get; set; }
    /// <summary>Grounded; Contradicted (the data holds something else for the claim); Unverifiable (nothing says what the figure is).</summary>
    public string Verdict => IsGrounded ? "Grounded" : Reason == GroundingReason.Unverifiable ? "Unverifiable" : "Contradicted";
    public override string ToString() => $"{Text} (line {Line}, col {Column})";
}

/// <summary>What a figure states: a value, a relation between two subjects, a count, a share, or a bound.</summary>
public enum GroundingRelation
{
    Value,
    Difference,
    Ratio,
    PercentChange,
    Count,
    Share,
    Bound,
}

/// <summary>Why the data does not support a figure.</summary>
public enum GroundingReason
{
    /// <summary>The data holds no such value for the claim's subject, metric and statistic.</summary>
    NotInData,
    /// <summary>The value belongs to another model, configuration or group (see <see cref="GroundedFigure.BelongsTo"/>).</summary>
    OtherSubject,
    /// <summary>The value is another statistic of the same subject (the P95 called the mean).</summary>
    OtherStatistic,
    /// <summary>The unit contradicts the metric (a time written in tokens per second).</summary>
    UnitConfusion,
    /// <summary>Neither a metric nor a stated fact says what the figure is.</summary>
    Unverifiable,
}
