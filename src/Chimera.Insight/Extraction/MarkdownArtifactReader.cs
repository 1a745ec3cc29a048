using System.Globalization;

namespace Chimera.Insight.Extraction;

/// <summary>
/// Reads the figures a Markdown report states in a form meant to be read as data, and nothing else:
/// <list type="bullet">
/// <item><c>- Name: value unit</c> list items (the seed's <c>## Metrics</c>): the value must be a number with at most a
/// short unit (<c>ms</c>, <c>tok/s</c>, <c>% avg</c>) or <c>mean ± sd</c>; items with prose after the number are passed
/// over, and so are changes (<c>- Throughput Δ: +7.67 tok/s</c>). The items of one section (between headings) form one
/// record; an item of a stated phase (<c>- Mean TTFT (warm): 0.165 s</c>) one of its own.</item>
/// <item>Pipe tables with a header row and a <c>---</c> separator, read as people write them (<see cref="MarkdownTable"/>):
/// a record per row or, for a table with a metric per row, per subject column; headers interpreted word by word
/// (<see cref="MarkdownHeader"/>); a cell's own unit beats the header's; <c>mean ± sd</c> is a Mean and a StdDev;
/// change columns (Δ, vs, %) are never values; a cell without a figure is skipped with a note, never an error.</item>
/// <item><c>Model: x</c>, <c>Configuration: num_gpu=80, num_ctx=512, temp=1</c> and similar lines set the dimensions
/// of what follows.</item>
/// </list>
/// Numbers in prose are never metrics. Fenced code blocks are skipped. Lines run together by a lossy export
/// (<c>| q8_0 | 46.57 | ## Next heading</c>, <c>prose | a | b |</c> headers) are split where a table ends or starts.
/// </summary>
internal sealed class MarkdownArtifactReader(SampleSink sink, Dimensions pathDimensions)
{
    private readonly Dimensions current = new();
    private string[] lines = [];
    private BenchmarkRecord? listRecord;
    private MarkdownTable? table;
    private bool inFence;

    public void Read(string text)
    {
        // What a standard tool printed (llama-bench tables, Ollama responses and --verbose statistics) is its producer's.
        text = Producers.ProducerBlocks.ReadAndRemove(text, pathDimensions, sink);
        lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                table = null;
                continue;
            }

            if (inFence)
            {
                continue;
            }

            // A table starts where a line with pipes is followed by a separator row.
            if (trimmed.IndexOf('|') >= 0 && i + 1 < lines.Length && IsSeparator(lines[i + 1]))
            {
                StartTable(trimmed, SplitRow(lines[i + 1].Trim()).Count, i + 1);
                i++;
                continue;
            }

            ProcessLine(trimmed, i + 1);
        }

        FlushList();
    }

    private void ProcessLine(string trimmed, int lineNumber)
    {
        if (trimmed.Length == 0)
        {
            table = null;
            return;
        }

        if (table is not null)
        {
            if (trimmed[0] == '|')
            {
                TableRow(trimmed, lineNumber);
                return;
            }

            table = null;
        }

        if (trimmed[0] == '#')
        {
            FlushList();
            return;
        }

        var isListItem = trimmed.Length > 2 && (trimmed[0] is '-' or '*' or '+') && trimmed[1] == ' ';
        var content = isListItem ? trimmed.Substring(2).Trim() : trimmed;
        var colon = content.IndexOf(':');
        if (colon <= 0)
        {
            return;
        }

        var label = content.Substring(0, colon).Trim().Trim('*', '`', '_').Trim();
        var value = content.Substring(colon + 1).Trim().Trim('*', '_').Trim();
        if (label.Length == 0 || label.Length > 80)
        {
            return;
        }

        if (value.IndexOf('=') > 0)
        {
            current.SetFromPairs(value);
        }

        var notFinite = false;
        if (isListItem && value.IndexOf('\u00b1') > 0 && ListFigureWithSpread(label, value, lineNumber))
        {
            return;
        }

        if (isListItem && TrySplitFigure(value, out var number, out var unit, out notFinite))
        {
            var header = MarkdownHeader.Interpret(label);
            var location = "line " + lineNumber.ToString(CultureInfo.InvariantCulture);
            if (header.Kind == HeaderKind.Change)
            {
                sink.Note(location, string.Format(CultureInfo.InvariantCulture, MarkdownStrings.ChangeItem, label));
                return;
            }

            var mapping = header.Kind == HeaderKind.Metric ? header.MappingFor(unit) : header.Mapping;
            if (mapping is null)
            {
                sink.Note(location, string.Format(CultureInfo.InvariantCulture, MarkdownStrings.ItemSkipped, label,
                    string.Format(CultureInfo.InvariantCulture, MarkdownStrings.UnitConflict, value, header.Mapping.Metric)));
                return;
            }

            if (mapping.Role == FieldRole.Metric)
            {
                AddListFigure(header, mapping, label, number, MarkdownCell.DecimalsOf(value), lineNumber);
                return;
            }

            if (mapping.Role is not (FieldRole.Ignore or FieldRole.Options or FieldRole.Error or FieldRole.Status or FieldRole.Success))
            {
                current.SetNumber(mapping.Role, number);
            }

            return;
        }

        if (isListItem && notFinite && MetricNames.MapLabel(label, "").IsCanonical)
        {
            var location = "line " + lineNumber.ToString(CultureInfo.InvariantCulture);
            sink.Error(location, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.ValueProblem, label,
                string.Format(CultureInfo.InvariantCulture, ExtractionStrings.NotFinite, value)));
            return;
        }

        var role = MetricNames.Map(label).Role;
        if (role is FieldRole.Model or FieldRole.Backend or FieldRole.Device or FieldRole.Quantization or >= FieldRoles.FirstRunSetting)
        {
            current.Set(role, value);
        }
    }

    /// <summary>A list item's figure. A report's metrics list ("- Throughput: 108.05 tok/s") states figures already
    /// summarised: they are Reported (as means unless the label names a statistic), never pooled with raw samples. A
    /// label's phase ("- Mean TTFT (warm): 0.165 s") puts the figure in a record of that phase.</summary>
    private void AddListFigure(MarkdownHeader header, FieldMapping mapping, string label, double number, int decimals, int lineNumber)
    {
        if (mapping.Statistic is null)
        {
            mapping = mapping.WithStatistic(Insight.Statistic.Mean);
        }

        var location = "line " + lineNumber.ToString(CultureInfo.InvariantCulture);
        BenchmarkRecord record;
        if (header.Phase is { } phase)
        {
            record = new BenchmarkRecord(Snapshot(), location);
            record.StatePhase(phase);
            sink.Add(record);
        }
        else
        {
            record = listRecord ??= new BenchmarkRecord(Snapshot(), location);
        }

        if (record.Add(mapping, number * mapping.Scale, location) is { } problem)
        {
            sink.Error(location, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.ValueProblem, label, problem));
        }
        else
        {
            // As written, to so many decimals: a rendering of a data file is matched to it within that.
            record.SetLastResolution(0.5 * Math.Pow(10, -decimals) * Math.Abs(mapping.Scale));
        }
    }

    /// <summary>"- Throughput: 99.16 ± 0.25 tok/s": a Mean and its StdDev. False when the value is no such figure.</summary>
    private bool ListFigureWithSpread(string label, string value, int lineNumber)
    {
        var header = MarkdownHeader.Interpret(label);
        if (header.Kind != HeaderKind.Metric || !MarkdownCell.TryRead(value, out var cell, out _) || cell.Spread is not { } spread
            || header.MappingFor(cell.Unit) is not { } mapping)
        {
            return false;
        }

        AddListFigure(header, mapping.Statistic is null ? mapping.WithStatistic(Insight.Statistic.Mean) : mapping, label, cell.Value, cell.Decimals, lineNumber);
        AddListFigure(header, mapping.WithStatistic(Insight.Statistic.StdDev), label, spread, cell.Decimals, lineNumber);
        return true;
    }

    /// <summary>"105.23 tok/s", "374", "13.9% avg", "1.37x": a number and at most three short unit words.</summary>
    private static bool TrySplitFigure(string value, out double number, out string unit, out bool notFinite)
    {
        number = 0;
        unit = "";
        notFinite = false;
        var end = 0;
        while (end < value.Length && (char.IsDigit(value[end]) || value[end] is '.' or ',' or '+' or '-' || (end > 0 && value[end] is 'e' or 'E'
                   && end + 1 < value.Length && (char.IsDigit(value[end + 1]) || value[end + 1] is '-' or '+'))))
        {
            end++;
        }

        var numberText = value.Substring(0, end).TrimEnd(',', '.');
        if (numberText.Length == 0)
        {
            var word = value.TrimEnd(',', '.', ';').Trim();
            notFinite = word.Equals("NaN", StringComparison.OrdinalIgnoreCase) || word.StartsWith("inf", StringComparison.OrdinalIgnoreCase)
                        || word.Equals("-inf", StringComparison.OrdinalIgnoreCase) || word.Equals("-Infinity", StringComparison.OrdinalIgnoreCase);
            return false;
        }

        var rest = value.Substring(numberText.Length).Trim().TrimEnd(',', ';', '.').Trim();
        if (rest.Length > 24 || rest.IndexOfAny(['(', ')', '=', ':', '|', '[', ']']) >= 0 || rest.Any(char.IsDigit)
            || rest.Split([' '], StringSplitOptions.RemoveEmptyEntries).Length > 3)
        {
            return false;
        }

        if (!NumberText.TryParse(numberText, false, out number, out _))
        {
            return false;
        }

        unit = rest;
        return true;
    }

    private void FlushList()
    {
        if (listRecord is not null)
        {
            RecordRules.DeriveThroughput(listRecord);
            sink.Add(listRecord);
            listRecord = null;
        }
    }

    private Dimensions Snapshot()
    {
        var dimensions = current.Clone();
        dimensions.FillFrom(pathDimensions);
        return dimensions;
    }

    private void StartTable(string headerLine, int columnCount, int lineNumber)
    {
        FlushList();
        var cells = SplitRow(headerLine);
        if (columnCount == 0 || cells.Count == 0)
        {
            return;
        }

        // "- DType: torch.float32 | Backend | Success |": text before the table's own cells.
        if (cells.Count > columnCount)
        {
            ProcessLine(string.Join(" | ", cells.Take(cells.Count - columnCount)), lineNumber);
            cells = cells.Skip(cells.Count - columnCount).ToList();
        }

        // The first cells of the body rows (after the separator) tell a table with a metric per row.
        var firstCells = new List<string>();
        for (var i = lineNumber + 1; i < lines.Length && firstCells.Count < 50; i++)
        {
            var row = lines[i].Trim();
            if (row.Length == 0 || row[0] != '|')
            {
                break;
            }

            var rowCells = SplitRow(row);
            if (rowCells.Count > 0)
            {
                firstCells.Add(rowCells[0]);
            }
        }

        table = MarkdownTable.Start(cells, firstCells, Snapshot(), sink, "line " + lineNumber.ToString(CultureInfo.InvariantCulture));
    }

    private void TableRow(string line, int lineNumber)
    {
        var cells = SplitRow(line);
        var t = table!;
        var count = t.ColumnCount;
        t.Row(cells, Snapshot(), "line " + lineNumber.ToString(CultureInfo.InvariantCulture));

        // "| q8_0 | 46.57 | ## Parameter Sweep": what follows the row's last cell is a line of its own.
        if (cells.Count > count)
        {
            var rest = string.Join(" | ", cells.Skip(count)).Trim();
            if (rest.Length > 0)
            {
                table = null;
                ProcessLine(rest, lineNumber);
            }
        }
    }

    private static bool IsSeparator(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.IndexOf('-') < 0 || trimmed.IndexOf('|') < 0)
        {
            return false;
        }

        var cells = SplitRow(trimmed);
        return cells.Count > 0 && cells.All(c =>
        {
            var cell = c.Trim().Trim(':');
            return cell.Length > 0 && cell.All(ch => ch == '-');
        });
    }

    /// <summary>Cells of a pipe row: the leading pipe and one trailing pipe dropped, "\|" kept inside a cell.</summary>
    private static List<string> SplitRow(string line)
    {
        var cells = new List<string>();
        var start = line.StartsWith("|", StringComparison.Ordinal) ? 1 : 0;
        var cell = new System.Text.StringBuilder();
        for (var i = start; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length && line[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (c == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        var last = cell.ToString().Trim();
        if (last.Length > 0)
        {
            cells.Add(last);
        }

        return cells;
    }
}
