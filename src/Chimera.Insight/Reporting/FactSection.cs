namespace Chimera.Insight.Reporting;

/// <summary>One titled block of facts. Lower <see cref="Priority"/> is packed first; lines are in order of importance.</summary>
public sealed class FactSection
{
    public FactSection(string title, int priority, IReadOnlyList<string> lines)
    {
        Title = title;
        Priority = priority;
        Lines = lines;
    }

    public string Title { get; }
    public int Priority { get; }
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The section as prompt text: a heading line and up to <paramref name="lineCount"/> fact lines.</summary>
    public string Render(int? lineCount = null)
    {
        var count = Math.Min(lineCount ?? Lines.Count, Lines.Count);
        var body = Lines.Take(count).Select(line => "- " + line);
        return string.Join("\n", new[] { "## " + Title }.Concat(body));
    }

    public override string ToString() => $"{Title} ({Lines.Count})";
}
