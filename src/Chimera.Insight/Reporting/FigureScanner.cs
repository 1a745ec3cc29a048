using System.Globalization;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Reporting;

/// <summary>
/// Finds the figures in a text: numbers that make a claim. Passed over: list and heading numbering,
/// dates and times, numbers inside identifiers (model tags such as gemma3:270m, statistic names
/// such as P95, versions, file names and paths), ordinals ("Run 2") and numbers about the text
/// itself ("300 words"). Each figure carries the unit written after it and the topic and statistic
/// written before it in its sentence, or the column header and row label of its table cell.
/// </summary>
internal static partial class FigureScanner
{
    // These run for every number of every finding and narrative checked: generated at build time (compiled with the
    // assembly, ReadyToRun included), neither interpreted nor compiled when first used.
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private static readonly Regex FileLike = FileLikeRegex();
    [GeneratedRegex(@"(^|[\\/])[^\s\\/]*\.(json|jsonl|csv|md|markdown|txt|yaml|yml|log|xml|html|ps1|psd1|py|rs|cs|sh|png|svg)$|[\\/]|://", RegexOptions.IgnoreCase | Options)]
    private static partial Regex FileLikeRegex();

    private static readonly Regex TableSeparator = TableSeparatorRegex();
    [GeneratedRegex(@"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$", Options)]
    private static partial Regex TableSeparatorRegex();

    private static readonly Regex UnitSuffix = UnitSuffixRegex();
    [GeneratedRegex(@"_(ms|s|sec|pct|percent|tokens|tok_s|tokens_s)\b", Options)]
    private static partial Regex UnitSuffixRegex();

    private static readonly Regex RangeEnd = RangeEndRegex();
    [GeneratedRegex(@"^\s*(?:-|–|—|to)\s*\d+(?:\.\d+)?", Options)]
    private static partial Regex RangeEndRegex();

    private static readonly Regex DateLike = DateLikeRegex();
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}/\d{2}/\d{2}|\d{4}\d{2}\d{2}T\d{4,6}", Options)]
    private static partial Regex DateLikeRegex();

    public static List<WrittenFigure> Scan(string text)
    {
        var figures = new List<WrittenFigure>();
        var lines = (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        string[]? header = null;
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            if (IsTableRow(line))
            {
                if (index + 1 < lines.Length && TableSeparator.IsMatch(lines[index + 1]) && !TableSeparator.IsMatch(line))
                {
                    header = Cells(line).Select(c => c.Text).ToArray();
                    ScanTableRow(line, index + 1, null, figures);
                    continue;
                }

                if (TableSeparator.IsMatch(line))
                {
                    continue;
                }

                ScanTableRow(line, index + 1, header, figures);
                continue;
            }

            header = null;
            ScanProse(line, index + 1, 0, line.Length, figures);
        }

        return figures;
    }

    private static bool IsTableRow(string line)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith("|", StringComparison.Ordinal) && trimmed.IndexOf('|', 1) > 0;
    }

    private static List<(string Text, int Start, int End)> Cells(string line)
    {
        var cells = new List<(string, int, int)>();
        var first = line.IndexOf('|');
        var start = first + 1;
        for (var i = start; i < line.Length; i++)
        {
            if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
            {
                cells.Add((line.Substring(start, i - start).Trim(), start, i));
                start = i + 1;
            }
        }

        if (start < line.Length && line.Substring(start).Trim().Length > 0)
        {
            cells.Add((line.Substring(start).Trim(), start, line.Length));
        }

        return cells;
    }

    private static void ScanTableRow(string line, int lineNumber, string[]? header, List<WrittenFigure> figures)
    {
        var cells = Cells(line);
        for (var c = 0; c < cells.Count; c++)
        {
            var before = figures.Count;
            var columnHeader = header is not null && c < header.Length ? header[c] : "";
            ScanProse(line, lineNumber, cells[c].Start, cells[c].End, figures, yearsAreFigures: HeaderUnit(columnHeader) is not null);
            // The row's words (its label and any text cells) say what the row is about.
            var rowLabel = string.Join(" · ", cells.Where((cell, k) => k != c && !IsNumericCell(cell.Text)).Select(cell => cell.Text));
            for (var f = before; f < figures.Count; f++)
            {
                var figure = figures[f];
                figure.ColumnHeader = columnHeader;
                figure.RowLabel = cells.Count > 0 && c > 0 ? cells[0].Text : "";
                figure.RowText = rowLabel;
                if (figure.SettingKey is not null)
                {
                    continue;
                }

                var headerSetting = GroundingVocabulary.SettingKey(columnHeader);
                if (headerSetting is not null && figure.Unit is null)
                {
                    figure.SettingKey = headerSetting;
                    continue;
                }

                figure.Topic ??= GroundingVocabulary.LastTopic(columnHeader) ?? GroundingVocabulary.LastTopic(rowLabel);
                figure.Statistic ??= GroundingVocabulary.LastStatistic(columnHeader) ?? GroundingVocabulary.LastStatistic(rowLabel);
                figure.HeaderUnit = HeaderUnit(columnHeader) ?? HeaderUnit(rowLabel);
            }
        }
    }

    private static bool IsNumericCell(string text) =>
        text.Length > 0 && text.All(ch => char.IsDigit(ch) || " .,%+-±<>~xmstok/()".IndexOf(ch) >= 0);

    /// <summary>A unit named in a header: "TTFT (ms)", "mean_ttft_s", "Throughput tok/s".</summary>
    private static WrittenUnit? HeaderUnit(string header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var normalised = header.ToLowerInvariant();
        foreach (Match bracket in Regex.Matches(normalised, @"\(([^()]{1,20})\)"))
        {
            if (FindUnit(bracket.Groups[1].Value.Trim()) is { NotAClaim: false } bracketed) return bracketed;
        }

        var suffix = UnitSuffix.Match(normalised);
        if (suffix.Success)
        {
            var unit = suffix.Groups[1].Value switch
            {
                "pct" => "%",
                "tok_s" or "tokens_s" => "tok/s",
                var other => other,
            };
            return FindUnit(unit);
        }

        foreach (var unit in GroundingVocabulary.Units.Where(u => !u.NotAClaim && u.Text.Length > 1 && u.Text is not ("min" or "mins")))
        {
            var at = normalised.IndexOf(unit.Text.ToLowerInvariant(), StringComparison.Ordinal);
            if (at >= 0 && BoundaryBefore(normalised, at) && BoundaryAfter(normalised, at + unit.Text.Length))
            {
                return unit;
            }
        }

        return normalised.Contains("(s)") ? FindUnit("s") : null;
    }

    private static WrittenUnit? FindUnit(string text) =>
        GroundingVocabulary.Units.FirstOrDefault(u => string.Equals(u.Text, text, StringComparison.OrdinalIgnoreCase));

    private static bool BoundaryBefore(string s, int at) => at == 0 || !char.IsLetterOrDigit(s[at - 1]);

    private static bool BoundaryAfter(string s, int at) => at >= s.Length || !char.IsLetterOrDigit(s[at]);

    /// <summary>Scans line[start..end) for figures; context windows never cross <paramref name="start"/>.</summary>
    private static void ScanProse(string line, int lineNumber, int start, int end, List<WrittenFigure> figures, bool yearsAreFigures = false)
    {
        var previousEnd = start;
        var i = start;
        while (i < end)
        {
            if (!char.IsDigit(line[i]) || (i > start && IsIdentifierChar(line[i - 1])))
            {
                i = SkipWord(line, i, end);
                continue;
            }

            var numberStart = i;
            var numberEnd = ReadNumber(line, i, end, out var decimals);
            var tokenEnd = WordEnd(line, numberEnd, end);
            if (!IsClaim(line, start, numberStart, numberEnd, end, decimals, yearsAreFigures))
            {
                i = tokenEnd;
                continue;
            }

            var signStart = numberStart > start && (line[numberStart - 1] == '-' || line[numberStart - 1] == '+' || line[numberStart - 1] == '−')
                && (numberStart - 1 == start || !char.IsLetterOrDigit(line[numberStart - 2]))
                ? numberStart - 1 : numberStart;
            var raw = line.Substring(numberStart, numberEnd - numberStart).Replace(",", "");
            var value = double.Parse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            if (signStart < numberStart && line[signStart] != '+')
            {
                value = -value;
            }

            var unitEnd = ReadUnit(line, numberEnd, end, out var unit);
            if (unit is null && IsRangeStart(line, numberEnd, end, out var rangeUnit))
            {
                unit = rangeUnit;
            }

            if (unit is { NotAClaim: true })
            {
                i = unitEnd;
                continue;
            }

            var sentenceStart = SentenceStart(line, start, signStart);
            var topicWindow = line.Substring(sentenceStart, signStart - sentenceStart);
            var statisticWindow = line.Substring(Math.Max(sentenceStart, previousEnd), signStart - Math.Max(sentenceStart, previousEnd));
            var approximate = GroundingVocabulary.Approximate.IsMatch(topicWindow);
            var bound = GroundingVocabulary.LowerBound.IsMatch(topicWindow) ? 1 : GroundingVocabulary.UpperBound.IsMatch(topicWindow) ? -1 : 0;
            var figure = new WrittenFigure
            {
                Text = line.Substring(signStart, unitEnd - signStart).Trim(),
                Value = value,
                Tolerance = Tolerance(raw, decimals, approximate),
                Line = lineNumber,
                Column = signStart + 1,
                Unit = unit,
                SettingKey = SettingBefore(line, start, signStart),
                Topic = GroundingVocabulary.LastTopic(topicWindow),
                Statistic = GroundingVocabulary.LastStatistic(statisticWindow),
                Bound = bound,
                LineIndex = lineNumber - 1,
                LineText = line,
                Start = signStart,
                UnitEnd = unitEnd,
                SentenceStart = sentenceStart,
                SentenceEnd = SentenceEnd(line, unitEnd, end),
                ClauseStart = Math.Max(sentenceStart, previousEnd),
            };
            figures.Add(figure);
            if (figure.SettingKey is null)
            {
                previousEnd = unitEnd; // a setting (num_ctx=2048) names a subject: the clause goes on
            }

            i = Math.Max(unitEnd, numberEnd);
        }
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int SkipWord(string line, int i, int end)
    {
        if (!IsIdentifierChar(line[i]))
        {
            return i + 1;
        }

        while (i < end && IsIdentifierChar(line[i]))
        {
            i++;
        }

        return i;
    }

    private static int ReadNumber(string line, int i, int end, out int decimals)
    {
        decimals = 0;
        var j = i;
        while (j < end && char.IsDigit(line[j])) j++;

        // thousands groups: 23,516 (one to three leading digits, then exactly three digits after each comma)
        if (j - i <= 3)
        {
            while (j < end && line[j] == ',' && Digits(line, j + 1, 3, end) && (j + 4 >= end || !char.IsDigit(line[j + 4])))
            {
                j += 4;
            }
        }

        if (j + 1 < end && line[j] == '.' && char.IsDigit(line[j + 1]))
        {
            var k = j + 1;
            while (k < end && char.IsDigit(line[k])) k++;
            decimals = k - j - 1;
            j = k;
        }

        return j;
    }

    private static bool Digits(string line, int at, int count, int end)
    {
        if (at + count > end) return false;
        for (var k = at; k < at + count; k++)
        {
            if (!char.IsDigit(line[k])) return false;
        }

        return true;
    }

    private static int WordEnd(string line, int i, int end)
    {
        while (i < end && !char.IsWhiteSpace(line[i])) i++;
        return i;
    }

    private static bool IsClaim(string line, int start, int numberStart, int numberEnd, int end, int decimals, bool yearsAreFigures)
    {
        var before = numberStart > start ? line[numberStart - 1] : ' ';
        var beforeBefore = numberStart - 1 > start ? line[numberStart - 2] : ' ';
        var after = numberEnd < end ? line[numberEnd] : ' ';
        var afterAfter = numberEnd + 1 < end ? line[numberEnd + 1] : ' ';

        // inside identifiers: gemma3:270m, llama3.1:8b, q4_0, x86, v1.2, 8b-instruct, conv_bench_20251002
        if ((before == '.' || before == ':' || before == '/' || before == '\\' || before == '-' || before == '@') && char.IsLetterOrDigit(beforeBefore))
            return false;
        if (before == '#')
            return false;
        if (after == '_' || (after == '.' && char.IsDigit(afterAfter)) || after == '/' && char.IsLetter(afterAfter) && !IsRateUnit(line, numberEnd, end))
            return false;
        if (char.IsLetter(after) && !AttachedUnit(line, numberEnd, end))
            return false;
        if (after == ':' && char.IsDigit(afterAfter))
            return false; // a time of day, 18:53
        if (after == '-' && char.IsLetter(afterAfter))
            return false; // 8b-instruct style names, 1-bit

        // dates: 2025-11-15, 15/11/2025, October 26, 2023
        if (IsDate(line, start, numberStart, end))
            return false;

        var word = WordAround(line, start, numberStart, end);
        if (FileLike.IsMatch(word))
            return false;

        // list and heading numbering: "1. ", "## 2. ", "**3. Executive", "2) "
        if (decimals == 0 && (after == '.' || after == ')') && (numberEnd + 1 >= end || !char.IsDigit(afterAfter)) && OnlyMarkupBefore(line, start, numberStart))
            return false;

        // section numbering such as "### 2.1 Throughput" or "**1 Executive Summary**"
        if (OnlyMarkupBefore(line, start, numberStart) && !HasUnitAfter(line, numberEnd, end) && NextIsCapitalisedWord(line, numberEnd, end))
            return false;

        var raw = line.Substring(numberStart, numberEnd - numberStart);
        var previousWord = PreviousWord(line, start, numberStart);
        if (GroundingVocabulary.OrdinalWords.Contains(previousWord))
            return false;
        if (GroundingVocabulary.Months.Contains(previousWord) || GroundingVocabulary.Months.Contains(NextWord(line, numberEnd, end)))
            return false;

        // a bare year
        if (!yearsAreFigures && decimals == 0 && raw.Length == 4 && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var year) &&
            year is >= 1990 and <= 2100 && !AttachedUnit(line, numberEnd, end) && !HasUnitAfter(line, numberEnd, end))
            return false;

        return true;
    }

    private static bool IsRateUnit(string line, int at, int end) => ReadUnit(line, at, end, out var unit) > at && unit?.Quantity == Quantity.Rate;

    private static bool AttachedUnit(string line, int at, int end)
    {
        var unitEnd = ReadUnit(line, at, end, out var unit, allowSpace: false);
        return unit is not null && unitEnd > at;
    }

    private static bool HasUnitAfter(string line, int at, int end) => ReadUnit(line, at, end, out var unit) > at && unit is not null;

    /// <summary>Reads a unit after a number ("ms", " tok/s", "%", "x"); returns the end, or <paramref name="at"/> when there is none.</summary>
    private static int ReadUnit(string line, int at, int end, out WrittenUnit? unit, bool allowSpace = true)
    {
        unit = null;
        var i = at;
        if (allowSpace)
        {
            while (i < end && (line[i] == ' ' || line[i] == '\u00A0')) i++;
            if (i - at > 2) return at;
        }

        foreach (var candidate in GroundingVocabulary.Units)
        {
            var text = candidate.Text;
            if (i + text.Length > end)
            {
                continue;
            }

            var caseSensitive = text is "W" or "MB" or "GB" or "KB" or "GiB" or "MiB";
            if (string.Compare(line, i, text, 0, text.Length, caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase) != 0)
            {
                continue;
            }

            var unitEnd = i + text.Length;
            if (char.IsLetterOrDigit(text[text.Length - 1]) && unitEnd < end && (char.IsLetterOrDigit(line[unitEnd]) || line[unitEnd] == '_'))
            {
                continue;
            }

            if (i > at && text.Length == 1 && char.IsLetter(text[0]))
            {
                // a lone "s" or "x" after a space is a unit only when nothing word-like follows ("5 s", "1.4 x")
                if (unitEnd < end && line[unitEnd] == '.' && unitEnd + 1 < end && char.IsLetter(line[unitEnd + 1])) continue;
            }

            unit = candidate;
            return unitEnd;
        }

        return at;
    }

    /// <summary>"300-400 words": the first number of a range takes the unit of the second.</summary>
    private static bool IsRangeStart(string line, int at, int end, out WrittenUnit? unit)
    {
        unit = null;
        var match = RangeEnd.Match(line.Substring(at, end - at));
        if (!match.Success)
        {
            return false;
        }

        var secondEnd = at + match.Length;
        ReadUnit(line, secondEnd, end, out unit);
        return unit is not null;
    }

    private static bool IsDate(string line, int start, int numberStart, int end)
    {
        var windowStart = Math.Max(start, numberStart - 11);
        var windowEnd = Math.Min(end, numberStart + 11);
        var window = line.Substring(windowStart, windowEnd - windowStart);
        var offset = numberStart - windowStart;
        foreach (Match match in DateLike.Matches(window))
        {
            if (offset >= match.Index && offset < match.Index + match.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static string WordAround(string line, int start, int numberStart, int end)
    {
        var a = numberStart;
        while (a > start && !char.IsWhiteSpace(line[a - 1]) && line[a - 1] != '(' && line[a - 1] != '`' && line[a - 1] != '*') a--;
        var b = numberStart;
        while (b < end && !char.IsWhiteSpace(line[b]) && line[b] != ')' && line[b] != '`' && line[b] != '*' && line[b] != ',') b++;
        return line.Substring(a, b - a).TrimEnd('.', ';', ':', '!', '?');
    }

    private static bool OnlyMarkupBefore(string line, int start, int numberStart)
    {
        for (var k = start; k < numberStart; k++)
        {
            var c = line[k];
            if (!(char.IsWhiteSpace(c) || c == '#' || c == '*' || c == '_' || c == '>' || c == '-' || c == '+'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NextIsCapitalisedWord(string line, int at, int end)
    {
        var k = at;
        if (k < end && (line[k] == '.' || line[k] == ')')) k++;
        if (k >= end || line[k] != ' ') return false;
        while (k < end && line[k] == ' ') k++;
        return k + 1 < end && char.IsUpper(line[k]) && char.IsLower(line[k + 1]);
    }

    private static string PreviousWord(string line, int start, int numberStart)
    {
        var k = numberStart - 1;
        while (k >= start && (line[k] == ' ' || line[k] == '#' || line[k] == '*')) k--;
        var wordEnd = k + 1;
        while (k >= start && char.IsLetter(line[k])) k--;
        return line.Substring(k + 1, wordEnd - k - 1);
    }

    private static string NextWord(string line, int at, int end)
    {
        var k = at;
        while (k < end && line[k] == ' ') k++;
        var wordStart = k;
        while (k < end && char.IsLetter(line[k])) k++;
        return line.Substring(wordStart, k - wordStart);
    }

    private static string? SettingBefore(string line, int start, int numberStart)
    {
        var k = numberStart - 1;
        while (k >= start && line[k] == ' ') k--;
        if (k >= start && k < numberStart - 1 && (char.IsLetter(line[k]) || line[k] == '_'))
        {
            // "num_ctx 2048", "temp 0.6": a setting's key right before its value
            var wordEnd = k + 1;
            while (k >= start && (char.IsLetterOrDigit(line[k]) || line[k] == '_')) k--;
            var word = line.Substring(k + 1, wordEnd - k - 1);
            return word.Contains("_") || word.StartsWith("temp", StringComparison.OrdinalIgnoreCase) ? GroundingVocabulary.SettingKey(word) : null;
        }

        if (k < start || (line[k] != '=' && line[k] != ':'))
        {
            return null;
        }

        var separator = line[k];
        k--;
        while (k >= start && (line[k] == ' ' || line[k] == '*' || line[k] == '`')) k--;
        var keyEnd = k + 1;
        while (k >= start && (char.IsLetterOrDigit(line[k]) || line[k] == '_' || line[k] == '-')) k--;
        var key = GroundingVocabulary.SettingKey(line.Substring(k + 1, keyEnd - k - 1));
        return key is null && separator == ':' ? null : key;
    }

    private static int SentenceStart(string line, int start, int at)
    {
        for (var k = at - 1; k > start; k--)
        {
            var c = line[k];
            if (c == ';' || c == '!' || c == '?' || c == '|')
            {
                return k + 1;
            }

            if (c == '.' && k + 1 < line.Length && line[k + 1] == ' ' && !char.IsDigit(line[k - 1]))
            {
                return k + 1;
            }
        }

        return start;
    }

    private static int SentenceEnd(string line, int at, int end)
    {
        for (var k = at; k < end; k++)
        {
            var c = line[k];
            if (c == ';' || c == '!' || c == '?' || c == '|')
            {
                return k;
            }

            if (c == '.' && (k + 1 >= end || line[k + 1] == ' ') && k > 0 && !char.IsDigit(line[k - 1]))
            {
                return k;
            }
        }

        return end;
    }

    private static double Tolerance(string raw, int decimals, bool approximate)
    {
        if (decimals > 0)
        {
            return 0.5 * Math.Pow(10, -decimals) + 1e-9;
        }

        if (approximate)
        {
            var zeros = raw.Length - raw.TrimEnd('0').Length;
            if (zeros > 0 && zeros < raw.Length)
            {
                return 0.5 * Math.Pow(10, zeros) + 1e-9;
            }
        }

        return 0.5 + 1e-9;
    }
}
