using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>
/// CSV files a standard tool wrote, recognised by their first header: AIPerf / GenAI-Perf <c>profile_export_*.csv</c>
/// (several tables separated by blank lines, CRLF: <c>Metric,avg,min,max,p1..p99,std</c> rows such as
/// <c>Time to First Token (ms)</c>, then <c>Metric,Value</c> rows, then GPU telemetry), <c>genai-perf analyze</c>'s
/// <c>Config Name,Concurrency,...,p99 Time To First Token (ms),...</c> (one row per run configuration), and
/// llama-bench <c>-o csv</c>. The AIPerf CSVs name no model: the aggregate JSON beside them does.
/// </summary>
internal static partial class ProducerCsv
{
    private static readonly Regex MetricLabel = MetricLabelRegex();
    [GeneratedRegex(@"^(?<name>.+?)\s*(?:\((?<unit>[^)]*)\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex MetricLabelRegex();
    private static readonly Regex AnalyzeColumn = AnalyzeColumnRegex();
    [GeneratedRegex(@"^(?<stat>p\d+|avg\.?|min|max|std)\s+(?<label>.+)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AnalyzeColumnRegex();

    public static bool TryRead(ReadOnlyMemory<byte> utf8, Dimensions inherited, SampleSink sink)
    {
        var span = utf8.Span;
        var newline = span.IndexOf((byte)'\n');
        var headBytes = span.Slice(0, newline < 0 ? span.Length : newline);
        if (!MayBeProducerHeader(headBytes))
        {
            return false;
        }

        var head = Encoding.UTF8.GetString(headBytes).Trim().TrimStart('\uFEFF');
        var first = Split(head);
        var isAiPerf = first.Count >= 2 && first[0] == "Metric" && (first[1] == "avg" || first[1] == "Value");
        var isAnalyze = first.Count >= 2 && first[0] == "Config Name" && first.Any(c => AnalyzeColumn.IsMatch(c));
        var isLlamaBench = first.Contains("model_type") && first.Contains("n_prompt") && (first.Contains("avg_ts") || first.Contains("samples_ts"));
        if (!isAiPerf && !isAnalyze && !isLlamaBench)
        {
            return false;
        }

        var lines = Encoding.UTF8.GetString(utf8.Span).Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        if (isLlamaBench)
        {
            ReadLlamaBench(lines, inherited, sink);
        }
        else
        {
            ReadAiPerfTables(lines, inherited, sink, analyze: isAnalyze);
        }

        return true;
    }

    /// <summary>Whether a first line can be one of the headers above at all, from its bytes: most CSV files are no
    /// producer's, and are passed over without their header being decoded and split.</summary>
    private static bool MayBeProducerHeader(ReadOnlySpan<byte> line) =>
        line.IndexOf("Metric"u8) >= 0 || line.IndexOf("Config Name"u8) >= 0
        || (line.IndexOf("model_type"u8) >= 0 && line.IndexOf("n_prompt"u8) >= 0);

    private static void ReadLlamaBench(string[] lines, Dimensions inherited, SampleSink sink)
    {
        var header = Split(lines[0].TrimStart('\uFEFF'));
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var cells = Split(lines[i]);
            string? Field(string name)
            {
                var index = header.IndexOf(name);
                return index >= 0 && index < cells.Count ? cells[index] : null;
            }

            if (LlamaBench.IsRow(Field))
            {
                LlamaBench.ReadRow(Field, BenchmarkRecord.RowLocation(i, i + 1), inherited, sink);
            }
        }
    }

    private static void ReadAiPerfTables(string[] lines, Dimensions inherited, SampleSink sink, bool analyze)
    {
        var dimensions = inherited.Clone();
        dimensions.Producer ??= "aiperf";
        if (dimensions.Model is null && CompanionFiles.AiPerfAggregate(sink.Source) is { } companion)
        {
            using (companion.Document)
            {
                var described = AiPerfResults.Describe(companion.Document.RootElement, dimensions);
                dimensions.Model = described.Model;
                dimensions.Concurrency ??= described.Concurrency;
                dimensions.Producer = described.Producer;
            }
        }
        else if (analyze)
        {
            dimensions.Producer = "genai-perf";
        }

        List<string>? header = null;
        var summary = new BenchmarkRecord(dimensions, "table 2");
        var records = new List<BenchmarkRecord> { summary };
        int? completed = null, failed = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart('\uFEFF');
            if (line.Trim().Length == 0)
            {
                header = null;
                continue;
            }

            var cells = Split(line);
            if (header is null)
            {
                header = cells;
                continue;
            }

            var location = BenchmarkRecord.RowLocation(i, i + 1);
            if (header[0] == "Metric" && header.Count > 2)
            {
                if (ReadDistributionRow(header, cells, location, dimensions, sink) is { } record)
                {
                    records.Add(record);
                }
            }
            else if (header[0] == "Metric" && header.Count == 2 && cells.Count >= 2)
            {
                completed ??= CountOf(cells, "Request Count");
                failed ??= CountOf(cells, "Error Request Count");
                AddLabelled(summary, cells[0], Insight.Statistic.Mean, cells[1], location, sink);
            }
            else if (header[0] == "Config Name" && analyze)
            {
                ReadAnalyzeRow(header, cells, location, dimensions, sink);
            }
        }

        if (summary.Values.Count > 0)
        {
            sink.Add(summary);
        }

        // The summary table counts the run's requests: every figure of the file covers them.
        if (!analyze && completed is not null)
        {
            foreach (var record in records)
            {
                record.RequestCount = completed;
                record.FailedRequestCount = failed;
            }
        }
    }

    private static int? CountOf(List<string> cells, string label) =>
        cells[0].StartsWith(label, StringComparison.OrdinalIgnoreCase) && (cells[0].Length == label.Length || cells[0][label.Length] == ' ')
        && double.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? ProducerFigures.Whole(value)
            : null;

    private static BenchmarkRecord? ReadDistributionRow(List<string> header, List<string> cells, string location, Dimensions dimensions, SampleSink sink)
    {
        var record = new BenchmarkRecord(dimensions, location);
        for (var c = 1; c < header.Count && c < cells.Count; c++)
        {
            if (ProducerFigures.Statistic(header[c]) is { } statistic)
            {
                AddLabelled(record, cells[0], statistic, cells[c], location, sink);
            }
        }

        if (record.Values.Count == 0)
        {
            return null;
        }

        sink.Add(record);
        return record;
    }

    private static void ReadAnalyzeRow(List<string> header, List<string> cells, string location, Dimensions inherited, SampleSink sink)
    {
        var dimensions = inherited.Clone();
        dimensions.Run = cells.Count > 0 ? cells[0] : null;
        var concurrency = header.IndexOf("Concurrency");
        if (concurrency >= 0 && concurrency < cells.Count && int.TryParse(cells[concurrency], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            dimensions.Concurrency = value;
        }

        var record = new BenchmarkRecord(dimensions, location);
        for (var c = 1; c < header.Count && c < cells.Count; c++)
        {
            if (AnalyzeColumn.Match(header[c]) is { Success: true } column)
            {
                var stat = column.Groups["stat"].Value.TrimEnd('.');
                AddLabelled(record, column.Groups["label"].Value, ProducerFigures.Statistic(stat) ?? Insight.Statistic.Mean, cells[c], location, sink);
            }
            else if (header[c].StartsWith("Request Throughput", StringComparison.OrdinalIgnoreCase))
            {
                AddLabelled(record, header[c], Insight.Statistic.Mean, cells[c], location, sink);
            }
        }

        if (record.Values.Count > 0)
        {
            sink.Add(record);
        }
    }

    /// <summary>Adds a cell under the metric its label (<c>Time to First Token (ms)</c>) names, converted from the label's unit.</summary>
    private static void AddLabelled(BenchmarkRecord record, string label, string? statistic, string cell, string location, SampleSink sink)
    {
        if (MetricLabel.Match(label.Trim()) is not { Success: true } match || MetricOf(match.Groups["name"].Value) is not { } metric
            || !double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !ProducerFigures.IsFinite(value))
        {
            return;
        }

        var unit = match.Groups["unit"].Success ? match.Groups["unit"].Value : null;
        if (AiPerfResults.Scale(metric, unit) is not { } scale)
        {
            return;
        }

        ProducerFigures.Add(sink, record, ProducerFigures.Field(metric, statistic), value * scale, label);
    }

    /// <summary>The canonical metric of an AIPerf / GenAI-Perf display name.</summary>
    private static string? MetricOf(string name) =>
        AiPerfResults.CanonicalOf(string.Join("_", name.Trim().ToLowerInvariant().Replace(".", "").Split([' '], StringSplitOptions.RemoveEmptyEntries))
            .Replace("time_to_first_token", "ttft").Replace("request_throughput_per_sec", "request_throughput")
            .Replace("output_token_throughput_per_sec", "output_token_throughput"));

    /// <summary>Splits one CSV line (quoted cells allowed).</summary>
    internal static List<string> Split(string line)
    {
        var cells = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        cells.Add(current.ToString().Trim());
        return cells;
    }
}
