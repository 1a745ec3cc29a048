namespace Chimera.Insight.Reporting;

/// <summary>A number in a text that makes a claim, with what the text around it says it is.</summary>
internal sealed class WrittenFigure
{
    /// <summary>The figure as written, with its unit: "108.1 tok/s".</summary>
    public string Text { get; set; } = "";
    public double Value { get; set; }
    /// <summary>Half the step of the last digit written: 0.005 for "108.05", 0.5 for "108".</summary>
    public double Tolerance { get; set; }
    public int Line { get; set; }
    public int Column { get; set; }
    public WrittenUnit? Unit { get; set; }
    public TopicPhrase? Topic { get; set; }
    /// <summary>The configuration key when written as key=value (num_ctx=512).</summary>
    public string? SettingKey { get; set; }
    public string? Statistic { get; set; }
    /// <summary>+1 for "over / more than / at least N", -1 for "under / below / at most N": a bound, not a value.</summary>
    public int Bound { get; set; }
    /// <summary>Unit text found in a table's column header when the cell has none.</summary>
    public WrittenUnit? HeaderUnit { get; set; }
}
