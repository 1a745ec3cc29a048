using System.Text;

namespace Chimera.Insight.Reporting;

/// <summary>
/// Makes strings that come from data (model names, file names, finding texts) safe to put in a prompt
/// or a document: control characters removed, whitespace collapsed, Markdown structure neutralised,
/// length limited. A hostile file name must not be able to start a new line, a heading or an
/// instruction block in the prompt.
/// </summary>
public static class SafeText
{
    /// <summary>Default length limit for a name (model, configuration, file).</summary>
    public const int NameLength = 80;

    /// <summary>Default length limit for a sentence (finding text).</summary>
    public const int SentenceLength = 240;

    /// <summary>One line of plain text: no control characters, no line breaks, no Markdown markers, at most <paramref name="maxLength"/> characters.</summary>
    public static string Inline(string? value, int maxLength = NameLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(value!.Length, maxLength + 1));
        var lastWasSpace = false;
        foreach (var c in value)
        {
            var mapped = Map(c);
            if (mapped == '\0')
            {
                continue;
            }

            if (mapped == ' ')
            {
                if (lastWasSpace || builder.Length == 0)
                {
                    continue;
                }

                lastWasSpace = true;
            }
            else
            {
                lastWasSpace = false;
            }

            builder.Append(mapped);
        }

        var text = builder.ToString().Trim();
        if (text.Length > maxLength)
        {
            text = text.Substring(0, Math.Max(0, maxLength - 1)).TrimEnd() + "…";
        }

        return text;
    }

    /// <summary>Removes control characters (except line breaks and tabs) from multi-line text, e.g. a narrative.</summary>
    public static string Multiline(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(value!.Length);
        foreach (var c in value)
        {
            if (c == '\n' || c == '\t' || !IsControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Replace("\r", "");
    }

    /// <summary>A Markdown table cell: one line, no control characters, '|' escaped, HTML tags shown as text.</summary>
    public static string TableCell(string? value)
    {
        var text = Multiline(value).Replace('\n', ' ').Replace('\t', ' ').Trim();
        text = System.Text.RegularExpressions.Regex.Replace(text, "<(?=[A-Za-z/!?])", "&lt;");
        return text.Replace("\\|", "|").Replace("|", "\\|");
    }

    /// <summary>One line of text for a place that escapes it itself (an HTML element, a Markdown table cell): control characters removed, length limited, characters kept.</summary>
    public static string Plain(string? value, int maxLength = SentenceLength)
    {
        var text = Multiline(value).Replace('\n', ' ').Replace('\t', ' ').Trim();
        return text.Length > maxLength ? text.Substring(0, Math.Max(0, maxLength - 1)).TrimEnd() + "…" : text;
    }

    private static char Map(char c)
    {
        if (c == '\t' || c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029')
        {
            return ' ';
        }

        if (IsControl(c))
        {
            return '\0';
        }

        // Characters that open Markdown structure or code: a fact line must stay one plain line.
        return c switch
        {
            '`' => '\'',
            '#' => '＃',
            '|' => '/',
            '<' => '‹',
            '>' => '›',
            '*' => '∗',
            _ => c,
        };
    }

    private static bool IsControl(char c) =>
        char.IsControl(c) || c == '\u200B' || c == '\u200E' || c == '\u200F' || c == '\uFEFF' ||
        (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
}
