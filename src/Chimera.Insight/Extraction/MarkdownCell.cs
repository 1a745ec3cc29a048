using System.Globalization;
using System.Text;

namespace Chimera.Insight.Extraction;

/// <summary>
/// Reads a Markdown table cell (or a list item's value) as people write it: <c>**99.34 tok/s**</c>, <c>0.06s</c>,
/// <c>3.5 GB</c>, <c>99.16 ± 0.25</c>, <c>756 / 935</c>, <c>1.37x</c>, with bold, italics, code marks, emoji
/// (✅ ❌ 🏆) and footnote marks (<c>[^1]</c>, <c>¹</c>, <c>†</c>) taken off. A cell is a figure only when it is a
/// number (optionally <c>± spread</c>) followed by at most a short unit; prose, ranges (<c>6-7 GB</c>), approximations
/// (<c>~6 GB</c>) and thousands separators are not figures, and say why.
/// </summary>
internal readonly struct MarkdownCell
{
    private MarkdownCell(double[] numbers, double? spread, string unit, int decimals)
    {
        Numbers = numbers;
        Spread = spread;
        Unit = unit;
        Decimals = decimals;
    }

    /// <summary>The figures of the cell: one, or several for <c>756 / 935</c>.</summary>
    public double[] Numbers { get; }

    /// <summary>The <c>± spread</c> written after the figure, if any.</summary>
    public double? Spread { get; }

    /// <summary>The unit written after the figure (<c>tok/s</c>, <c>s</c>, <c>GB</c>, <c>%</c>, <c>x</c>), or empty.</summary>
    public string Unit { get; }

    /// <summary>Digits written after the decimal point of the (first) figure: how precisely the cell states it.</summary>
    public int Decimals { get; }

    public double Value => Numbers[0];

    /// <summary>Reads a cell. False with <paramref name="problem"/> null for an empty cell or a "no value" marker (N/A,
    /// -), with the reason otherwise.</summary>
    public static bool TryRead(string raw, out MarkdownCell cell, out string? problem)
    {
        cell = default;
        problem = null;
        var text = MarkdownText.Plain(raw);
        if (text.Length == 0 || NumberText.IsMissingMarker(text) || text is "?" or "...")
        {
            return false;
        }

        if (text[0] is '~' or '\u2248' or '<' or '>' or '\u2264' or '\u2265')
        {
            problem = string.Format(CultureInfo.InvariantCulture, MarkdownStrings.NotExact, NumberText.Shorten(text));
            return false;
        }

        // "99.16 ± 0.25 tok/s", "99.16 +/- 0.25": a central figure and its spread.
        var plusMinus = IndexOfPlusMinus(text, out var markLength);
        if (plusMinus > 0)
        {
            if (!TrySplit(text.Substring(0, plusMinus).Trim(), out var central, out var centralUnit, out var decimals, out problem)
                || !TrySplit(text.Substring(plusMinus + markLength).Trim(), out var spread, out var spreadUnit, out _, out problem))
            {
                return false;
            }

            if (centralUnit.Length > 0 && spreadUnit.Length > 0 && !string.Equals(centralUnit, spreadUnit, StringComparison.OrdinalIgnoreCase))
            {
                problem = string.Format(CultureInfo.InvariantCulture, MarkdownStrings.NotAFigure, NumberText.Shorten(text));
                return false;
            }

            cell = new MarkdownCell([central], Math.Abs(spread), spreadUnit.Length > 0 ? spreadUnit : centralUnit, decimals);
            return true;
        }

        // "756 / 935", "3284 / 3644 / 3644": one figure per statistic the header lists.
        if (text.IndexOf('/') > 0 && char.IsDigit(text[text.Length - 1]))
        {
            var parts = text.Split('/');
            var numbers = new double[parts.Length];
            var firstDecimals = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                if (!TrySplit(parts[i].Trim(), out numbers[i], out var partUnit, out var partDecimals, out problem) || partUnit.Length > 0)
                {
                    problem ??= string.Format(CultureInfo.InvariantCulture, MarkdownStrings.NotAFigure, NumberText.Shorten(text));
                    return false;
                }

                if (i == 0)
                {
                    firstDecimals = partDecimals;
                }
            }

            cell = new MarkdownCell(numbers, null, "", firstDecimals);
            return true;
        }

        if (!TrySplit(text, out var number, out var unit, out var written, out problem))
        {
            return false;
        }

        cell = new MarkdownCell([number], null, unit, written);
        return true;
    }

    private static int IndexOfPlusMinus(string text, out int length)
    {
        length = 1;
        var at = text.IndexOf('\u00b1');
        if (at >= 0)
        {
            return at;
        }

        length = 3;
        at = text.IndexOf("+/-", StringComparison.Ordinal);
        if (at >= 0)
        {
            return at;
        }

        length = 2;
        return text.IndexOf("+-", 1, StringComparison.Ordinal) is var pm and > 0 ? pm : -1;
    }

    /// <summary>Digits after the decimal point of the number <paramref name="text"/> starts with ("92.06 tok/s": 2).</summary>
    public static int DecimalsOf(string text)
    {
        var dot = text.IndexOf('.');
        if (dot < 0)
        {
            return 0;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1;
    }

    /// <summary>"303.9 tok/s", "0.06s", "-0.8", "+1.07", "1.37x": a number and at most three short unit words.</summary>
    internal static bool TrySplit(string value, out double number, out string unit, out int decimals, out string? problem)
    {
        number = 0;
        unit = "";
        decimals = 0;
        problem = null;
        var text = value.Replace('\u2212', '-');
        var end = 0;
        while (end < text.Length && (char.IsDigit(text[end]) || text[end] is '.' or ',' || (end == 0 && text[end] is '+' or '-')
                   || (end > 0 && text[end] is 'e' or 'E' && end + 1 < text.Length && (char.IsDigit(text[end + 1]) || text[end + 1] is '-' or '+'))))
        {
            end++;
        }

        var numberText = text.Substring(0, end).TrimEnd(',', '.');
        if (numberText.Length == 0 || !numberText.Any(char.IsDigit))
        {
            problem = string.Format(CultureInfo.InvariantCulture, MarkdownStrings.NotAFigure, NumberText.Shorten(value));
            return false;
        }

        var rest = text.Substring(numberText.Length).Trim().TrimEnd(',', ';', '.').Trim();
        if (rest.Length > 24 || rest.IndexOfAny(['(', ')', '=', ':', '|', '[', ']', '-', '~']) >= 0 || rest.Any(char.IsDigit)
            || rest.Split([' '], StringSplitOptions.RemoveEmptyEntries).Length > 3)
        {
            problem = string.Format(CultureInfo.InvariantCulture, MarkdownStrings.NotAFigure, NumberText.Shorten(value));
            return false;
        }

        if (!NumberText.TryParse(numberText.TrimStart('+'), false, out number, out problem))
        {
            return false;
        }

        var dot = numberText.IndexOf('.');
        var exponent = numberText.IndexOfAny(['e', 'E']);
        decimals = dot < 0 ? 0 : (exponent > dot ? exponent : numberText.Length) - dot - 1;
        unit = rest;
        return true;
    }
}

/// <summary>Markdown text as plain words: emphasis, code marks, links, HTML tags, emoji and footnote marks taken off.</summary>
internal static class MarkdownText
{
    public static string Plain(string raw)
    {
        if (raw.Length == 0)
        {
            return raw;
        }

        var text = raw;
        if (text.IndexOf('<') >= 0)
        {
            text = System.Text.RegularExpressions.Regex.Replace(text, "<[^<>]{1,40}>", " ");
        }

        if (text.IndexOf('[') >= 0)
        {
            // [^1] and [1] footnotes; [text](link) keeps its text.
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\[\^?\d{1,3}\]", "");
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\[([^\]]*)\]\([^)]*\)", "$1");
        }

        var plain = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '*' or '`')
            {
                continue;
            }

            // _italic_ marks stand at the edge of a word; snake_case underscores stand inside one.
            if (c == '_' && (i == 0 || i == text.Length - 1 || !char.IsLetterOrDigit(text[i - 1]) || !char.IsLetterOrDigit(text[i + 1])))
            {
                continue;
            }

            if (char.IsSurrogate(c))
            {
                continue; // emoji and other pictographs outside the basic plane
            }

            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.OtherSymbol:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.Format:
                    continue;
            }

            // Footnote marks: superscript digits, daggers.
            if (c is '\u00b9' or '\u00b2' or '\u00b3' or (>= '\u2070' and <= '\u2079') or '\u2020' or '\u2021' or '\u00a7')
            {
                continue;
            }

            plain.Append(c == '\u00a0' ? ' ' : c);
        }

        return plain.ToString().Trim();
    }
}
