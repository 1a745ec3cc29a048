using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>
/// What standard tools print into text that people paste into Markdown and logs, found before any generic reading:
/// llama-bench markdown tables (with or without their header, among log noise, in or out of code blocks), the
/// <c>ollama run --verbose</c> statistics blocks, and JSON a producer wrote pasted into code blocks (Ollama's
/// <c>/api/generate</c> and <c>/api/chat</c> responses, a stream's chunks, a vLLM result), among other text. The lines
/// read are blanked (their numbers kept) so that the generic reader does not read them again.
/// </summary>
internal static class ProducerBlocks
{
    public static string ReadAndRemove(string text, Dimensions inherited, SampleSink sink)
    {
        // Most texts hold none of these: each is looked for only where its mark is in the text.
        var tables = text.IndexOf('\u00b1') >= 0;
        var verbose = text.IndexOf("duration:", StringComparison.OrdinalIgnoreCase) >= 0;
        var blocks = (text.IndexOf("```", StringComparison.Ordinal) >= 0 || text.IndexOf("~~~", StringComparison.Ordinal) >= 0) && text.IndexOf('{') >= 0;
        if (!tables && !verbose && !blocks)
        {
            return text;
        }

        var lines = text.Split('\n');
        var consumed = new HashSet<int>();
        if (tables)
        {
            ReadLlamaBenchTables(lines, inherited, sink, consumed);
        }

        if (verbose)
        {
            consumed.UnionWith(OllamaResponses.ReadVerboseBlocks(lines, inherited, sink));
        }

        if (blocks)
        {
            ReadJsonBlocks(lines, inherited, sink, consumed);
        }
        if (consumed.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                result.Append('\n');
            }

            if (!consumed.Contains(i))
            {
                result.Append(lines[i]);
            }
        }

        return result.ToString();
    }

    /// <summary>llama-bench rows, with the header of their table where it was printed. Each table is one llama-bench
    /// invocation: when a text holds several, each is a Run of its own (their settings differ in ways rows do not show).</summary>
    private static void ReadLlamaBenchTables(string[] lines, Dimensions inherited, SampleSink sink, HashSet<int> consumed)
    {
        var rows = new List<(List<string> Cells, List<string>? Header, int Line, int Table)>();
        List<string>? header = null;
        var table = 0;
        var inTable = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length < 2 || line[0] != '|')
            {
                header = null;
                inTable = false;
                continue;
            }

            var cells = Cells(line);
            if (LlamaBench.IsMarkdownHeader(cells))
            {
                header = cells;
                table++;
                inTable = true;
                consumed.Add(i);
                if (i + 1 < lines.Length && IsSeparator(lines[i + 1]))
                {
                    consumed.Add(++i);
                }

                continue;
            }

            if (LlamaBench.IsMarkdownRow(cells))
            {
                if (!inTable)
                {
                    table++;
                    inTable = true;
                }

                rows.Add((cells, header, i, table));
            }
        }

        foreach (var (cells, rowHeader, line, index) in rows)
        {
            var dimensions = inherited;
            if (table > 1)
            {
                dimensions = inherited.Clone();
                dimensions.Run = index.ToString(CultureInfo.InvariantCulture);
            }

            if (LlamaBench.TryReadMarkdownRow(cells, rowHeader, "line " + (line + 1).ToString(CultureInfo.InvariantCulture), dimensions, sink))
            {
                consumed.Add(line);
            }
        }
    }

    private static void ReadJsonBlocks(string[] lines, Dimensions inherited, SampleSink sink, HashSet<int> consumed)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (!IsFence(lines[i]))
            {
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < lines.Length && !IsFence(lines[end]))
            {
                end++;
            }

            if (ReadJsonObjects(lines, start, end, inherited, sink))
            {
                for (var k = start; k < end; k++)
                {
                    consumed.Add(k);
                }
            }

            i = end;
        }
    }

    /// <summary>The JSON objects of a code block (lines start..end), each found by its balanced braces; other lines
    /// (a tool's debug output) are passed over. Returns whether a producer's object was among them.</summary>
    private static bool ReadJsonObjects(string[] lines, int start, int end, Dimensions inherited, SampleSink sink)
    {
        var found = false;
        var i = start;
        while (i < end)
        {
            if (!lines[i].TrimStart().StartsWith("{", StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            var text = new StringBuilder();
            var depth = 0;
            var inString = false;
            var first = i;
            for (; i < end; i++)
            {
                var line = lines[i];
                text.Append(line).Append('\n');
                for (var c = 0; c < line.Length; c++)
                {
                    var ch = line[c];
                    if (inString)
                    {
                        if (ch == '\\')
                        {
                            c++;
                        }
                        else if (ch == '"')
                        {
                            inString = false;
                        }
                    }
                    else if (ch == '"')
                    {
                        inString = true;
                    }
                    else if (ch == '{')
                    {
                        depth++;
                    }
                    else if (ch == '}')
                    {
                        depth--;
                    }
                }

                if (depth <= 0)
                {
                    i++;
                    break;
                }
            }

            try
            {
                using var document = JsonDocument.Parse(ProducerJson.WithoutNonJsonNumbers(text.ToString()));
                var root = document.RootElement;
                if (OllamaResponses.IsResponse(root))
                {
                    found = true;
                    if (OllamaResponses.IsFinal(root))
                    {
                        OllamaResponses.Read(root, "line " + (first + 1).ToString(CultureInfo.InvariantCulture), inherited, sink);
                    }
                }
                else if (ProducerJson.TryRead(root, inherited, sink))
                {
                    found = true;
                }
            }
            catch (JsonException)
            {
                // Not one JSON object: prose or a fragment.
            }
        }

        return found;
    }

    private static bool IsFence(string line)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal);
    }

    private static bool IsSeparator(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length > 2 && trimmed[0] == '|' && trimmed.All(c => c is '|' or '-' or ':' or ' ');
    }

    private static List<string> Cells(string line)
    {
        var inner = line.Trim().Trim('|');
        return inner.Split('|').Select(c => c.Trim()).ToList();
    }
}
