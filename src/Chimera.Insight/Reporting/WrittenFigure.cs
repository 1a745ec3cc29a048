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

    // Where the figure stands, for the claim reader: its line, its sentence (or table cell) and the clause
    // since the figure before it, all as offsets into LineText.
    public int LineIndex { get; set; }
    public string LineText { get; set; } = "";
    public int Start { get; set; }
    public int UnitEnd { get; set; }
    public int SentenceStart { get; set; }
    public int SentenceEnd { get; set; }
    public int ClauseStart { get; set; }
    /// <summary>For a table cell: the header of its column ("" when the table has none).</summary>
    public string? ColumnHeader { get; set; }
    /// <summary>For a table cell: the first cell of its row (what the row is).</summary>
    public string? RowLabel { get; set; }
    /// <summary>For a table cell: the row's other text cells, joined.</summary>
    public string? RowText { get; set; }
    public bool InTable => ColumnHeader is not null;
}
