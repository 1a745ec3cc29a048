using System.Text;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Reporting;

/// <summary>
/// Prints the fact ids a model wrote ({F12}, or [F12] as the sheet shows them) from the data: each becomes its
/// figure's value and unit, so a figure printed from an id cannot be misquoted. The ids stay on the report
/// (<see cref="InsightReport.FactReferences"/>), never in the text a person reads; an id that names no fact is
/// printed as a plain note, and the figures the model wrote itself are left for the grounding check.
/// </summary>
public static partial class FactIdRenderer
{
    /// <summary>What an id naming no fact is printed as.</summary>
    public const string UnknownFigure = "(figure not in the data)";

    private static readonly Regex Id = IdRegex();
    [GeneratedRegex(@"[{\[]\s*(F\d{1,6})\s*[}\]]", RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();

    /// <summary>The text with every id printed, and where each printed figure stands.</summary>
    public static (string Text, FactReference[] References) Render(string? text, IReadOnlyList<FactFigure> figures)
    {
        var source = text ?? "";
        if (figures is null || source.IndexOf('F') < 0) return (source, []);
        var byId = figures.ToDictionary(f => f.Id, StringComparer.OrdinalIgnoreCase);
        var output = new StringBuilder(source.Length);
        var references = new List<FactReference>();
        var line = 1;
        var column = 1;
        var at = 0;
        void Copy(string part)
        {
            foreach (var c in part)
            {
                if (c == '\n') { line++; column = 1; }
                else column++;
            }

            output.Append(part);
        }

        foreach (Match match in Id.Matches(source))
        {
            Copy(source.Substring(at, match.Index - at));
            var known = byId.TryGetValue(match.Groups[1].Value, out var figure);
            var printed = known ? figure!.Text : UnknownFigure;
            references.Add(new FactReference { Id = match.Groups[1].Value.ToUpperInvariant(), Text = known ? printed : "", Fact = figure?.Fact, Line = line, Column = column });
            Copy(printed);
            at = match.Index + match.Length;
        }

        Copy(source.Substring(at));
        return (output.ToString(), references.ToArray());
    }

    /// <summary>Marks the grounded figures that were printed from an id with it.</summary>
    public static void Mark(GroundingResult grounding, IReadOnlyList<FactReference> references)
    {
        foreach (var reference in references.Where(r => r.Fact is not null))
        {
            var figure = grounding.Figures.FirstOrDefault(f => f.Line == reference.Line && f.Column == reference.Column);
            if (figure is not null) figure.FactId = reference.Id;
        }
    }
}
