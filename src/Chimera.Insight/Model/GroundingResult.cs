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
}

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
    public override string ToString() => $"{Text} (line {Line}, col {Column})";
}
