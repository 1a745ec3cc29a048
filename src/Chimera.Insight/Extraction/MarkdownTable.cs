using System.Globalization;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Extraction;

/// <summary>
/// One pipe table of a Markdown report, read as people write them. Its headers are interpreted by
/// <see cref="MarkdownHeader"/>, its cells by <see cref="MarkdownCell"/>; a cell's own unit beats the header's;
/// <c>mean ± sd</c> gives a Mean and a StdDev. Two layouts:
/// <list type="bullet">
/// <item>A record per row, a metric or dimension per column (<c>| Model | TTFT (ms) | Tokens/s |</c>). An empty
/// dimension cell repeats the row above. Columns of a stated phase (<c>Mean TTFT (warm)</c>) go into a record of
/// that phase.</item>
/// <item>A metric per row, subjects per column (<c>| Metric | Baseline | Chimera | Δ |</c>): detected from the first
/// header (Metric, Name, ...) or from the first cells naming metrics while no other header does. Each subject column
/// (a model, a quantization, else a named variant, kept as Backend) is a record; columns naming a statistic
/// (<c>Average Value</c>, <c>Std</c>) belong to the table's own subject. Figures of such a table are reported
/// (Mean unless the row or column names another statistic).</item>
/// </list>
/// Change columns (Δ, diff, vs, speedup, %) are never values of a metric. A cell that holds no figure is skipped with
/// a note; nothing in a table is an error, except a failed run a row states.
/// </summary>
internal sealed class MarkdownTable
{
    private static readonly HashSet<string> TransposedFirstColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "metric", "metrics", "name", "kpi", "figure", "measure", "measurement", "parameter", "statistic", "item",
    };

    private static readonly HashSet<string> PlainValueHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "value", "values", "result", "results", "figure", "figures", "measurement", "measured", "score", "reading",
    };

    private static readonly Regex QuantizationTag = new(@"^(?:[qQ]\d(?:_[0-9A-Za-z]+)*|i?q\d_\w+|[fF][pP]?(?:8|16|32)|bf16|BF16|int[48]|INT[48])$",
        RegexOptions.CultureInvariant);

    private readonly SampleSink sink;
    private readonly MarkdownHeader[] headers;
    private readonly string?[] lastDimension;
    private readonly bool transposed;
    // Transposed: the dimensions of each column's subject, and its records by phase.
    private readonly Dimensions?[] columnDimensions;
    private readonly Dictionary<(int Column, int Phase), BenchmarkRecord> columnRecords = [];

    private MarkdownTable(SampleSink sink, MarkdownHeader[] headers, bool transposed, Dimensions dimensions)
    {
        this.sink = sink;
        this.headers = headers;
        this.transposed = transposed;
        lastDimension = new string?[headers.Length];
        columnDimensions = new Dimensions?[headers.Length];
        if (transposed)
        {
            SetSubjects(dimensions);
        }
    }

    public int ColumnCount => headers.Length;

    /// <summary>Starts a table from its header cells; <paramref name="firstCells"/> are the first cells of its body rows
    /// (for telling a table with a metric per row); <paramref name="dimensions"/> what the report said before it.</summary>
    public static MarkdownTable Start(IReadOnlyList<string> names, IReadOnlyList<string> firstCells, Dimensions dimensions,
        SampleSink sink, string location)
    {
        var headers = names.Select(MarkdownHeader.Interpret).ToArray();
        var transposed = TransposedFirstColumns.Contains(MarkdownText.Plain(names[0]))
                         || (headers[0].Kind is not HeaderKind.Dimension && NamesMetricsPerRow(headers, firstCells));
        if (!transposed)
        {
            // Column tables: the columns of a metric lacking a unit take their siblings' (RecordRules).
            var mappings = headers.Select(h => h.Kind == HeaderKind.Metric ? h.Mapping : null).ToList();
            RecordRules.ResolveSiblings(mappings, headers.Select(h => h.Core).ToList());
            for (var i = 0; i < headers.Length; i++)
            {
                if (mappings[i] is { } resolved && !ReferenceEquals(resolved, headers[i].Mapping))
                {
                    headers[i] = headers[i].Resolved(resolved);
                }
            }
        }

        for (var i = transposed ? 1 : 0; i < headers.Length; i++)
        {
            if (headers[i].Kind == HeaderKind.Change)
            {
                sink.Note(location, string.Format(CultureInfo.InvariantCulture, MarkdownStrings.ChangeColumn, headers[i].Text));
            }
        }

        return new MarkdownTable(sink, headers, transposed, dimensions);
    }

    // Most body rows start with a metric's name, and no other header names one: | | Baseline | Chimera | Δ |.
    private static bool NamesMetricsPerRow(MarkdownHeader[] headers, IReadOnlyList<string> firstCells)
    {
        if (firstCells.Count < 2 || headers.Skip(1).Any(h => h.Kind == HeaderKind.Metric && h.Mapping.IsCanonical))
        {
            return false;
        }

        var metrics = firstCells.Count(c => MarkdownHeader.Interpret(c) is { Kind: HeaderKind.Metric, Mapping.IsCanonical: true });
        return metrics * 2 >= firstCells.Count;
    }

    /// <summary>Reads one body row; <paramref name="dimensions"/> is a fresh snapshot of the report's dimensions.</summary>
    public void Row(IReadOnlyList<string> cells, Dimensions dimensions, string location)
    {
        if (transposed)
        {
            TransposedRow(cells, location);
        }
        else
        {
            ColumnRow(cells, dimensions, location);
        }
    }

    private void ColumnRow(IReadOnlyList<string> cells, Dimensions dimensions, string location)
    {
        var record = new BenchmarkRecord(dimensions, location);
        BenchmarkRecord? warm = null, cold = null;
        List<string>? notes = null;
        for (var i = 0; i < headers.Length; i++)
        {
            var header = headers[i];
            var cell = i < cells.Count ? cells[i] : "";
            switch (header.Kind)
            {
                case HeaderKind.Metric:
                    var target = header.Phase switch
                    {
                        Insight.Phase.Warm => warm ??= PhaseRecord(dimensions, location, Insight.Phase.Warm),
                        Insight.Phase.Cold => cold ??= PhaseRecord(dimensions, location, Insight.Phase.Cold),
                        _ => record,
                    };
                    if (ReadCell(target, header, header.Mapping, cell, null) is { } problem)
                    {
                        (notes ??= []).Add(string.Format(CultureInfo.InvariantCulture, MarkdownStrings.CellSkipped, header.Text, problem));
                    }

                    break;
                case HeaderKind.Dimension:
                    ReadDimension(record, dimensions, header, i, MarkdownText.Plain(cell));
                    break;
            }
        }

        foreach (var part in new[] { record, warm, cold })
        {
            if (part is null)
            {
                continue;
            }

            if (record.Failed && !ReferenceEquals(part, record))
            {
                part.MarkFailed(record.Error ?? "");
            }

            if (part.Failed)
            {
                RecordRules.CompleteFailed(part, headers.Where(h => h.Kind == HeaderKind.Metric && h.Mapping.IsCanonical && h.Phase == (part == record ? null : part.Phase))
                    .Select(h => h.Mapping));
            }
            else
            {
                RecordRules.DeriveThroughput(part);
            }

            sink.Add(part);
        }

        if (notes is not null && !record.Failed)
        {
            foreach (var note in notes)
            {
                sink.Note(location, note);
            }
        }
    }

    private static BenchmarkRecord PhaseRecord(Dimensions dimensions, string location, Phase phase)
    {
        var record = new BenchmarkRecord(dimensions, location);
        record.StatePhase(phase);
        return record;
    }

    private void ReadDimension(BenchmarkRecord record, Dimensions dimensions, MarkdownHeader header, int column, string cell)
    {
        var role = header.Mapping.Role;
        switch (role)
        {
            case FieldRole.Error:
                if (RecordRules.IsError(cell))
                {
                    record.MarkFailed(cell, isErrorText: true);
                }

                return;
            case FieldRole.Status:
                if (RecordRules.IsFailedStatus(cell) && !NumberText.IsMissingMarker(cell))
                {
                    record.MarkFailed(header.Text + " " + cell);
                }

                return;
            case FieldRole.Success:
                if (RecordRules.IsFalse(cell))
                {
                    record.MarkFailed(header.Text + " " + cell);
                }

                return;
            case FieldRole.Options:
                dimensions.SetFromPairs(cell);
                return;
        }

        // An empty dimension cell repeats the row above (| `mlp` | eager | ... then | | jit | ...).
        if (cell.Length == 0)
        {
            cell = lastDimension[column] ?? "";
        }

        lastDimension[column] = cell;
        if (role == FieldRole.Backend)
        {
            dimensions.Backend = null;
        }

        dimensions.Set(role, cell);
    }

    /// <summary>Reads a cell's figure(s) into <paramref name="record"/> under <paramref name="mapping"/> (the cell's own unit
    /// beats it); <paramref name="statistic"/> applies where the mapping names none. Returns why the cell gave nothing,
    /// or null.</summary>
    private static string? ReadCell(BenchmarkRecord record, MarkdownHeader header, FieldMapping mapping, string cell, string? statistic)
    {
        if (!MarkdownCell.TryRead(cell, out var figure, out var problem))
        {
            return problem;
        }

        var mapped = ReferenceEquals(mapping, header.Mapping) ? header.MappingFor(figure.Unit) : mapping;
        if (mapped is null)
        {
            return string.Format(CultureInfo.InvariantCulture, MarkdownStrings.UnitConflict, MarkdownText.Plain(cell), header.Mapping.Metric);
        }

        if (statistic is not null && mapped.Statistic is null)
        {
            mapped = mapped.WithStatistic(statistic);
        }

        if (header.Statistics is { } statistics)
        {
            if (figure.Numbers.Length != statistics.Length || statistics.Any(s => s.Length == 0))
            {
                return string.Format(CultureInfo.InvariantCulture, MarkdownStrings.FigureCount, MarkdownText.Plain(cell), string.Join("/", statistics));
            }

            for (var k = 0; k < statistics.Length; k++)
            {
                if (Add(record, mapped.WithStatistic(statistics[k]), figure.Numbers[k], figure.Decimals) is { } refused)
                {
                    return refused;
                }
            }

            return null;
        }

        if (figure.Numbers.Length > 1)
        {
            return string.Format(CultureInfo.InvariantCulture, MarkdownStrings.NotAFigure, MarkdownText.Plain(cell));
        }

        if (figure.Spread is { } spread)
        {
            var central = mapped.Statistic is null ? mapped.WithStatistic(Insight.Statistic.Mean) : mapped;
            return Add(record, central, figure.Value, figure.Decimals)
                   ?? Add(record, mapped.WithStatistic(Insight.Statistic.StdDev), spread, figure.Decimals);
        }

        return Add(record, mapped, figure.Value, figure.Decimals);
    }

    private static string? Add(BenchmarkRecord record, FieldMapping mapping, double number, int decimals)
    {
        var problem = record.Add(mapping, number * mapping.Scale);
        if (problem is null)
        {
            record.SetLastResolution(0.5 * Math.Pow(10, -decimals) * Math.Abs(mapping.Scale));
        }

        return problem;
    }

    // Transposed: which column is a subject (a model, a quantization, a named variant), a statistic, or nothing.
    private void SetSubjects(Dimensions dimensions)
    {
        for (var j = 1; j < headers.Length; j++)
        {
            var header = headers[j];
            var text = MarkdownText.Plain(header.Text);
            if (header.Kind is HeaderKind.Change or HeaderKind.Ignore or HeaderKind.Empty || header.Statistic is not null
                || PlainValueHeaders.Contains(text) || (header.Kind == HeaderKind.Metric && header.Mapping.IsCanonical))
            {
                continue;
            }

            var subject = dimensions.Clone();
            if (QuantizationTag.IsMatch(text))
            {
                subject.Quantization = text;
            }
            else if (text.IndexOf(':') > 0 && text.IndexOf(' ') < 0)
            {
                subject.Model = text;
            }
            else
            {
                subject.Backend = text;
            }

            columnDimensions[j] = subject;
        }

        columnDimensions[0] = dimensions;
    }

    private void TransposedRow(IReadOnlyList<string> cells, string location)
    {
        if (cells.Count == 0)
        {
            return;
        }

        var label = MarkdownHeader.Interpret(cells[0]);
        if (label.Kind == HeaderKind.Dimension)
        {
            // | Model | gemma3:latest | llama3.1:8b | : a dimension of each subject.
            for (var j = 1; j < headers.Length && j < cells.Count; j++)
            {
                columnDimensions[j]?.Set(label.Mapping.Role, MarkdownText.Plain(cells[j]));
            }

            return;
        }

        if (label.Kind != HeaderKind.Metric)
        {
            if (label.Kind == HeaderKind.Change)
            {
                sink.Note(location, string.Format(CultureInfo.InvariantCulture, MarkdownStrings.ChangeItem, MarkdownText.Plain(cells[0])));
            }

            return;
        }

        for (var j = 1; j < headers.Length && j < cells.Count; j++)
        {
            var header = headers[j];
            if (header.Kind is HeaderKind.Change or HeaderKind.Ignore)
            {
                continue;
            }

            var subject = columnDimensions[j] is not null ? j : 0;
            var phase = label.Phase ?? header.Phase;
            var key = (subject, phase is null ? 0 : (int)phase + 1);
            if (!columnRecords.TryGetValue(key, out var record))
            {
                record = new BenchmarkRecord(columnDimensions[subject]!, location);
                if (phase is { } stated)
                {
                    record.StatePhase(stated);
                }

                columnRecords.Add(key, record);
                sink.Add(record);
            }

            var statistic = label.Statistic ?? header.Statistic ?? Insight.Statistic.Mean;
            if (ReadCell(record, label, label.Mapping, cells[j], statistic) is { } problem)
            {
                sink.Note(location, string.Format(CultureInfo.InvariantCulture, MarkdownStrings.CellSkipped,
                    MarkdownText.Plain(cells[0]) + " / " + MarkdownText.Plain(header.Text), problem));
            }
        }
    }
}
