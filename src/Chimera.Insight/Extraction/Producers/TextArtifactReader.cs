using System.Globalization;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>
/// Reads a <c>.txt</c> or <c>.log</c> file that holds benchmark output (the inventory's <c>Text</c> kind): llama-bench
/// markdown tables among log noise, <c>ollama run --verbose</c> statistics, llama-bench <c>-o sql</c> inserts, then
/// whatever tables or <c>- Name: value</c> lists remain, as the Markdown reader reads them.
/// </summary>
internal sealed partial class TextArtifactReader(SampleSink sink, Dimensions pathDimensions)
{
    private static readonly Regex Insert = InsertRegex();
    [GeneratedRegex(@"^\s*INSERT\s+INTO\s+(?:llama_bench|test)\s*\((?<columns>[^)]*)\)\s*VALUES\s*\((?<values>.*)\)\s*;?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex InsertRegex();

    public void Read(string text)
    {
        // The Markdown reader looks for the producers' blocks (llama-bench tables, --verbose statistics) first.
        new MarkdownArtifactReader(sink, pathDimensions).Read(ReadSqlInserts(text));
    }

    /// <summary>llama-bench <c>-o sql</c>: <c>INSERT INTO llama_bench (build_commit, ...) VALUES ('1c1409e1', ...);</c>.</summary>
    private string ReadSqlInserts(string text)
    {
        if (text.IndexOf("INSERT INTO", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return text;
        }

        var lines = text.Split('\n');
        var found = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("CREATE TABLE", StringComparison.OrdinalIgnoreCase) && (lines[i].IndexOf("llama_bench", StringComparison.OrdinalIgnoreCase) >= 0 || lines[i].IndexOf(" test ", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                // The schema: up to its closing line.
                for (; i < lines.Length && !lines[i].TrimEnd().EndsWith(";", StringComparison.Ordinal); i++)
                {
                    lines[i] = "";
                }

                if (i < lines.Length)
                {
                    lines[i] = "";
                }

                continue;
            }

            if (Insert.Match(lines[i].TrimEnd('\r')) is not { Success: true } match)
            {
                continue;
            }

            var columns = match.Groups["columns"].Value.Split(',').Select(c => c.Trim()).ToList();
            var values = SqlValues(match.Groups["values"].Value);
            string? Field(string name)
            {
                var index = columns.IndexOf(name);
                return index >= 0 && index < values.Count ? values[index] : null;
            }

            if (LlamaBench.IsRow(Field))
            {
                LlamaBench.ReadRow(Field, "line " + (i + 1).ToString(CultureInfo.InvariantCulture), pathDimensions, sink);
                lines[i] = "";
                found = true;
            }
        }

        return found ? string.Join("\n", lines) : text;
    }

    /// <summary>The values of an SQL VALUES list: numbers and single-quoted texts ('' an escaped quote).</summary>
    private static List<string> SqlValues(string text)
    {
        var values = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    current.Append('\'');
                    i++;
                }
                else if (c == '\'')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '\'')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                values.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        values.Add(current.ToString().Trim());
        return values;
    }
}
