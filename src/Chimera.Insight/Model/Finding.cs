namespace Chimera.Insight;

/// <summary>A deterministic observation drawn from the data, with the numbers it rests on.</summary>
public sealed class Finding
{
    /// <summary>BestConfiguration, WorstConfiguration, ColdStartPenalty, Reload, FailureRate, HighVariance,
    /// Duplicate, Redundant, StaleData, MissingMetric, ...</summary>
    public string Kind { get; set; } = "";
    public FindingSeverity Severity { get; set; }
    public string? Model { get; set; }
    public string? Subject { get; set; }
    /// <summary>One sentence a person can read.</summary>
    public string Text { get; set; } = "";
    public FindingFigure[] Figures { get; set; } = [];

    public override string ToString() => Text;
}

public enum FindingSeverity
{
    Info,
    Warning,
}

public sealed class FindingFigure
{
    public string Name { get; set; } = "";
    public double Value { get; set; }
    public string Unit { get; set; } = "";
    public override string ToString() => $"{Name}={Value} {Unit}".TrimEnd();
}
