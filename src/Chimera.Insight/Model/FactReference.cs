namespace Chimera.Insight;

/// <summary>A figure the model wrote as a fact id ({F12}) and the report printed from the data.</summary>
public sealed class FactReference
{
    /// <summary>The id the model wrote, F12.</summary>
    public string Id { get; set; } = "";
    /// <summary>What was printed in its place ("108.05 tok/s"); empty when the id named no fact.</summary>
    public string Text { get; set; } = "";
    /// <summary>The fact the id stands for; null when the id named none.</summary>
    public string? Fact { get; set; }
    /// <summary>Where the printed figure stands in the report's Text (1-based).</summary>
    public int Line { get; set; }
    public int Column { get; set; }
    public override string ToString() => $"{{{Id}}} → {Text}";
}
