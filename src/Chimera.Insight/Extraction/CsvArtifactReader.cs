using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using CsvHelper;

namespace Chimera.Insight.Extraction;

/// <summary>
/// Reads a CSV (comma, semicolon, tab or pipe: CsvHelper detects it) with CsvHelper's UTF-8 reader. The header is
/// mapped once, and kept for the next file with the same header; each row is one record. Dimension columns (model,
/// num_gpu, num_ctx, temperature, top_p, top_k, repeat_penalty, tag, backend, prompt, prompt_text, prompt_index,
/// timestamp, options as JSON) describe the record; every numeric column becomes a sample. An error/status/success
/// column marks failed rows. Semicolon files read decimal commas (see <see cref="NumberText"/>). Ragged and malformed
/// rows are skipped with an error; the good rows still count.
/// </summary>
internal sealed class CsvArtifactReader(SampleSink sink, Dimensions pathDimensions)
{
    private CsvColumn[] columns = [];
    private int metricColumns;
    private bool decimalComma;

    /// <param name="utf8">The file as UTF-8 without NUL bytes.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Read(ReadOnlyMemory<byte> utf8)
    {
        // An odd number of quotes means one never closes: then every line ends a record, so one bad quote
        // cannot swallow the rest of the file (the malformed line is reported and skipped).
        var context = sink.Context.Csv;
        var options = context.OptionsFor(QuotesBalance(utf8.Span), HeaderSeparator(utf8.Span));
        context.Current = this;
        using var reader = CsvReader.Create(utf8, options);
        try
        {
            // The header is read as the first record and its layout looked up (see CsvHeaderLayout): CsvHelper's own
            // header handling would make its names and index again for every file.
            var layout = reader.Read() ? CsvHeaderLayout.Of(reader, context.Layouts) : null;
            if (layout is null || layout.IsBlank)
            {
                sink.Error(null, ExtractionStrings.CsvNoHeader);
                return;
            }

            decimalComma = reader.Separator == ';';
            UseHeader(layout);
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                // CsvHelper numbers data records after a header it knows of; here the header is its first record.
                ReadRow(reader, reader.RowNumber - 1, reader.LineNumber);
            }

            if (rows == 0 && malformedRows == 0)
            {
                sink.Error(null, ExtractionStrings.CsvNoRows);
            }
        }
        catch (CsvFormatException e)
        {
            sink.Error(e.LineNumber > 0 ? "line " + e.LineNumber.ToString(CultureInfo.InvariantCulture) : null,
                string.Format(CultureInfo.InvariantCulture, ExtractionStrings.CsvParseFailure, FirstLine(e.Message)));
        }
        finally
        {
            context.Current = null;
        }
    }

    private static readonly char[] Separators = [',', ';', '\t', '|'];

    /// <summary>What one reader context keeps for CSV files: the reader options (CsvHelper's are immutable; their
    /// malformed-record callback reaches the reader this context is running), and the header layouts seen.</summary>
    internal sealed class Context
    {
        // Options for each quoting mode and each separator (the last: none known, CsvHelper detects it).
        private readonly CsvReaderOptions[] recordOptions;
        private readonly CsvReaderOptions[] lineOptions;

        public Context()
        {
            recordOptions = [.. Separators.Select(s => CreateOptions(true, s)), CreateOptions(true, null)];
            lineOptions = [.. Separators.Select(s => CreateOptions(false, s)), CreateOptions(false, null)];
        }

        public CsvArtifactReader? Current { get; set; }

        public CsvHeaderLayout.Cache Layouts { get; } = new();

        public CsvReaderOptions OptionsFor(bool quotesBalance, char? separator)
        {
            var index = separator is { } known ? Array.IndexOf(Separators, known) : Separators.Length;
            return (quotesBalance ? recordOptions : lineOptions)[index];
        }

        private CsvReaderOptions CreateOptions(bool allowLineBreaksInQuotes, char? separator) => new()
        {
            HasHeader = false,
            Separator = separator,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = allowLineBreaksInQuotes,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            TrackLineNumbers = true,
            PoolStrings = false,
            SkipEmptyLines = true,
            OnMalformedRecord = record => Current?.Malformed(record),
        };
    }

    /// <summary>The separator of the header line when it holds exactly one kind of the usual ones (outside quotes);
    /// null otherwise, and CsvHelper then detects it from the data.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static char? HeaderSeparator(ReadOnlySpan<byte> bytes)
    {
        char? found = null;
        var quoted = false;
        foreach (var b in bytes)
        {
            if (b == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (b == (byte)'\n' || b == (byte)'\r'))
            {
                break;
            }
            else if (!quoted && b is (byte)',' or (byte)';' or (byte)'\t' or (byte)'|')
            {
                if (found is { } other && other != (char)b)
                {
                    return null;
                }

                found = (char)b;
            }
        }

        return found;
    }

    private int malformedRows;

    private void Malformed(CsvMalformedRecord record)
    {
        malformedRows++;
        var location = BenchmarkRecord.RowLocation(record.RecordNumber - 1, record.LineNumber);
        if (record.Reason == CsvMalformedReason.FieldCountMismatch)
        {
            var fields = CountFields(record.RawRecord);
            sink.Error(location, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.CsvRagged, fields, columns.Length));
        }
        else
        {
            sink.Error(location, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.CsvBadData,
                record.Reason + ": " + NumberText.Shorten(record.RawRecord ?? "")));
        }
    }

    // Separators outside quotes + 1: for the message only.
    private int CountFields(string? raw)
    {
        if (raw is null)
        {
            return 0;
        }

        var separator = decimalComma ? ';' : raw.IndexOf('\t') >= 0 && raw.IndexOf(',') < 0 ? '\t' : ',';
        var count = 1;
        var quoted = false;
        foreach (var c in raw)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == separator && !quoted)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>True when the bytes hold an even number of quotes. Only the parity counts: eight bytes at a time, each
    /// quote byte is flagged (its top bit) and the flags are folded together with XOR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool QuotesBalance(ReadOnlySpan<byte> bytes)
    {
        const ulong Quotes = 0x2222222222222222UL;
        const ulong Low7 = 0x7F7F7F7F7F7F7F7FUL;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        ulong flags = 0;
        foreach (var word in words)
        {
            var x = word ^ Quotes; // a quote byte becomes zero
            flags ^= ~(((x & Low7) + Low7) | x | Low7); // 0x80 in each byte that is zero, nothing else
        }

        flags ^= flags >> 32;
        flags ^= flags >> 16;
        flags ^= flags >> 8;
        var odd = (flags & 0x80) != 0;
        foreach (var b in bytes.Slice(words.Length * sizeof(ulong)))
        {
            odd ^= b == (byte)'"';
        }

        return !odd;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message.Substring(0, end);
    }

    private void UseHeader(CsvHeaderLayout layout)
    {
        foreach (var repeat in layout.Repeated)
        {
            sink.Error("header", CsvHeaderLayout.RepeatedMessage(repeat));
        }

        columns = layout.TakeColumns();
        metricColumns = layout.MetricColumns;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadRow(CsvReader parser, long row, long line)
    {
        var dimensions = new Dimensions();
        var record = new BenchmarkRecord(dimensions, row, line, metricColumns + 1);
        // A failed row's values are expected to be missing: its problems are told only for a row that did not fail.
        var problems = rowProblems;
        problems.Clear();
        for (var i = 0; i < columns.Length; i++)
        {
            ref var column = ref columns[i];
            var mapping = column.Mapping;
            switch (mapping.Role)
            {
                case FieldRole.Ignore:
                    break;
                case FieldRole.Metric:
                    // Plain numbers are read from the field's bytes; anything else goes through the full rules.
                    string? cell = null;
                    string? problem = null;
                    if (NumberText.TryParsePlain(parser.GetSpan(i), decimalComma, out var value)
                        || NumberText.TryParse(cell = parser.GetString(i), decimalComma, out value, out problem))
                    {
                        column.Numeric = true;
                        problem = record.Add(mapping, value * mapping.Scale);
                    }
                    else if (!mapping.IsCanonical && !column.Numeric)
                    {
                        // A text column (context, tone, response...): not a metric.
                        problem = null;
                    }
                    else if (!mapping.IsCanonical && string.IsNullOrWhiteSpace(cell))
                    {
                        problem = null;
                    }

                    if (problem is not null)
                    {
                        problems.Add((i, problem));
                    }

                    break;
                case FieldRole.Options:
                    ReadOptions(parser.GetString(i), dimensions, problems);
                    break;
                case FieldRole.Error:
                    if (RecordRules.IsError(parser.GetString(i)))
                    {
                        record.MarkFailed(parser.GetString(i).Trim(), isErrorText: true);
                    }

                    break;
                case FieldRole.Status:
                    if (RecordRules.IsFailedStatus(parser.GetString(i)))
                    {
                        record.MarkFailed(column.Name + " " + parser.GetString(i).Trim());
                    }

                    break;
                case FieldRole.Success:
                    if (RecordRules.IsFalse(parser.GetString(i)))
                    {
                        record.MarkFailed(column.Name + " " + parser.GetString(i).Trim());
                    }

                    break;
                case FieldRole.Timestamp when Dimensions.TryParseIsoSeconds(parser.GetSpan(i), out var timestamp):
                    // The usual form, read from the field's bytes: no text made for it.
                    dimensions.Timestamp = timestamp;
                    break;
                case >= FieldRoles.FirstRunSetting
                    when NumberText.TryParsePlain(parser.GetSpan(i), decimalComma, out var number):
                    if (!dimensions.SetNumber(mapping.Role, number))
                    {
                        problems.Add((i, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.NotANumber, NumberText.Shorten(parser.GetString(i)))));
                    }

                    break;
                default:
                    if (!dimensions.Set(mapping.Role, column.TextOf(parser, i), decimalComma))
                    {
                        problems.Add((i, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.NotANumber, NumberText.Shorten(parser.GetString(i)))));
                    }

                    break;
            }
        }

        dimensions.FillFrom(pathDimensions);
        if (record.Failed)
        {
            RecordRules.CompleteFailed(record, columns
                .Where(c => c.Mapping.Role == FieldRole.Metric && (c.Mapping.IsCanonical || c.Numeric))
                .Select(c => c.Mapping));
        }
        else
        {
            foreach (var (column, problem) in problems)
            {
                sink.Error(record.Location, column < 0 ? problem
                    : string.Format(CultureInfo.InvariantCulture, ExtractionStrings.ValueProblem, "column '" + columns[column].Name + "'", problem));
            }

            RecordRules.DeriveThroughput(record);
        }

        sink.Add(record);
    }

    // A row's problems: the column (-1 for the row as a whole) and what is wrong.
    private readonly List<(int Column, string Problem)> rowProblems = [];

    private void ReadOptions(string cell, Dimensions dimensions, List<(int Column, string Problem)> problems)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(cell, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException(document.RootElement.ValueKind.ToString());
            }

            JsonArtifactReader.ApplyOptions(document.RootElement, dimensions);
        }
        catch (JsonException e)
        {
            problems.Add((-1, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.CsvOptionsInvalid, FirstLine(e.Message))));
        }
    }
}
