using System.Globalization;
using System.Runtime.CompilerServices;

namespace Chimera.Insight.Extraction;

/// <summary>
/// Reads numbers as files write them, culture-invariant, and refuses what it cannot read for certain.
/// <list type="bullet">
/// <item>Dot-decimal files (comma or tab CSV, JSON strings, Markdown): <c>1234.5</c>. Any comma is refused: a
/// thousands separator (<c>1,234.5</c>) means 1234.5 in one lab and 1.2345 in another, so it is never guessed.</item>
/// <item>Decimal-comma files (semicolon CSV): <c>1,5</c> is 1.5; grouping (<c>1.234,5</c>) is refused likewise, and so
/// is a lone dot with exactly three digits after it (<c>1.234</c>: 1.234 or 1234?); other dots are decimals.</item>
/// <item>Empty, <c>N/A</c>, <c>NaN</c>, <c>Infinity</c>, text: refused with the reason.</item>
/// </list>
/// </summary>
internal static class NumberText
{
    public static bool TryParse(string? raw, bool decimalComma, out double value, out string? problem)
    {
        value = double.NaN;
        var text = raw?.Trim() ?? "";
        if (text.Length == 0)
        {
            problem = ExtractionStrings.EmptyNumber;
            return false;
        }

        if (IsMissingMarker(text))
        {
            problem = string.Format(CultureInfo.InvariantCulture, ExtractionStrings.MissingNumber, text);
            return false;
        }

        var comma = text.IndexOf(',');
        var dot = text.IndexOf('.');
        string? candidate = text;
        if (comma >= 0)
        {
            candidate = decimalComma && dot < 0 && text.IndexOf(',', comma + 1) < 0 ? text.Replace(',', '.') : null;
            if (candidate is null)
            {
                problem = string.Format(CultureInfo.InvariantCulture, ExtractionStrings.AmbiguousSeparator, text);
                return false;
            }
        }
        else if (decimalComma && dot >= 0 && text.IndexOf('.', dot + 1) < 0 && text.Length - dot - 1 == 3 && IsDigits(text, 0, dot, allowSign: true))
        {
            problem = string.Format(CultureInfo.InvariantCulture, ExtractionStrings.AmbiguousSeparator, text);
            return false;
        }

        if (!double.TryParse(candidate, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            problem = string.Format(CultureInfo.InvariantCulture, ExtractionStrings.NotANumber, Shorten(text));
            value = double.NaN;
            return false;
        }

        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            problem = string.Format(CultureInfo.InvariantCulture, ExtractionStrings.NotFinite, text);
            value = double.NaN;
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>
    /// The common case of a benchmark figure (<c>0.0961</c>, <c>-12.5</c>, <c>279</c>): an optional minus, at most 15
    /// digits and one dot (none in a decimal-comma file). Its digits as a whole number and its power of ten (at most
    /// 1e15, exact as a double) are both exact, so one division gives the correctly rounded value, the same as the
    /// full parser's (Clinger's fast path). False for anything else, which the full parser then reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseShortDecimal(ReadOnlySpan<byte> utf8, bool decimalComma, out double value)
    {
        value = 0;
        var negative = utf8[0] == (byte)'-';
        long mantissa = 0;
        var digits = 0;
        var fractionDigits = -1;
        for (var i = negative ? 1 : 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                mantissa = (mantissa * 10) + (b - (byte)'0');
                digits++;
                if (fractionDigits >= 0)
                {
                    fractionDigits++;
                }
            }
            else if (b == (byte)'.' && fractionDigits < 0 && !decimalComma)
            {
                fractionDigits = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || digits > 15)
        {
            return false;
        }

        var magnitude = fractionDigits > 0 ? mantissa / SignificantDigits.Pow10(fractionDigits) : mantissa;
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>
    /// Reads a plain number straight from UTF-8 bytes: an optional sign, digits, at most one dot, an optional
    /// exponent, nothing else. False for anything else (spaces, commas, words, a dot in a decimal-comma file,
    /// non-finite results): the caller then applies <see cref="TryParse"/>, which explains the refusal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParsePlain(ReadOnlySpan<byte> utf8, bool decimalComma, out double value)
    {
        value = double.NaN;
        if (utf8.Length == 0 || utf8.Length > 32)
        {
            return false;
        }

        // Most figures are short decimals, read in one pass; the scan below is for the rest.
        if (TryParseShortDecimal(utf8, decimalComma, out value))
        {
            return true;
        }

        value = double.NaN;
        var digits = 0;
        var dots = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                digits++;
            }
            else if (b == (byte)'.')
            {
                dots++;
            }
            else if (!(b is (byte)'-' or (byte)'+' or (byte)'e' or (byte)'E'))
            {
                return false;
            }
        }

        if (digits == 0 || dots > 1 || (decimalComma && dots > 0))
        {
            return false;
        }

        if (!System.Buffers.Text.Utf8Parser.TryParse(utf8, out double parsed, out var consumed) || consumed != utf8.Length
            || double.IsNaN(parsed) || double.IsInfinity(parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>True for the usual spellings of "no value": N/A, NA, null, none, -, and dashes.</summary>
    public static bool IsMissingMarker(string text) =>
        text.Equals("n/a", StringComparison.OrdinalIgnoreCase) || text.Equals("na", StringComparison.OrdinalIgnoreCase)
        || text.Equals("null", StringComparison.OrdinalIgnoreCase) || text.Equals("none", StringComparison.OrdinalIgnoreCase)
        || text == "-" || text == "\u2014" || text == "\u2013" || text == "--";

    private static bool IsDigits(string text, int from, int to, bool allowSign)
    {
        if (to <= from)
        {
            return false;
        }

        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9' || (allowSign && i == from && (c == '-' || c == '+')))
            {
                continue;
            }

            return false;
        }

        return true;
    }

    internal static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";

    /// <summary>Shortest round-trip invariant text of a number (1 not 1.0, 0.8 not 0.80000000000000004).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
