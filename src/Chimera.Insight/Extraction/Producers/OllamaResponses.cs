using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>
/// Ollama's own figures: the final object of <c>/api/generate</c> and <c>/api/chat</c> (durations in nanoseconds; a
/// streamed response's chunks before it carry none), and the statistics block <c>ollama run --verbose</c> prints
/// (<c>total duration: 1.2s</c>, <c>eval rate: 58.43 tokens/s</c>). TokensPerSecond is eval_count / eval_duration and
/// PromptTokensPerSecond prompt_eval_count / prompt_eval_duration, only where both are there: a response without
/// durations (a cloud model) gives no invented rate. No prompt_eval_count means the prompt came from the cache: said so.
/// Ollama reports no time to first token.
/// </summary>
internal static partial class OllamaResponses
{
    public const string Producer = "ollama";

    /// <summary>A final response: done true and at least one of Ollama's statistics.</summary>
    public static bool IsFinal(JsonElement o) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty("done", out var done) && done.ValueKind == JsonValueKind.True
        && (o.TryGetProperty("eval_count", out _) || o.TryGetProperty("total_duration", out _));

    /// <summary>Any object of Ollama's responses (a streamed chunk too): model, created_at and done.</summary>
    public static bool IsResponse(JsonElement o) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty("done", out var done) && done.ValueKind is JsonValueKind.True or JsonValueKind.False
        && o.TryGetProperty("created_at", out _) && (o.TryGetProperty("response", out _) || o.TryGetProperty("message", out _) || IsFinal(o));

    public static void Read(JsonElement response, string location, Dimensions inherited, SampleSink sink)
    {
        var dimensions = inherited.Clone();
        dimensions.Producer = Producer;
        dimensions.Model = ProducerFigures.Text(response, "model") ?? dimensions.Model;
        if (ProducerFigures.Text(response, "created_at") is { } created)
        {
            dimensions.Timestamp = Dimensions.ParseTimestamp(created) ?? dimensions.Timestamp;
        }

        var record = new BenchmarkRecord(dimensions, location);
        var promptCount = ProducerFigures.Number(response, "prompt_eval_count");
        AddStatistics(record, sink, location,
            Nanoseconds(response, "total_duration"), Nanoseconds(response, "load_duration"), promptCount,
            Nanoseconds(response, "prompt_eval_duration"), ProducerFigures.Number(response, "eval_count"), Nanoseconds(response, "eval_duration"),
            statedPromptRate: null, statedRate: null);
        sink.Add(record);
    }

    /// <summary>One line of an NDJSON log of responses: a final response is read, an <c>{"error": ...}</c> object is a
    /// failed request, a streamed chunk before the final one carries nothing.</summary>
    public static void ReadLine(JsonElement line, string location, Dimensions inherited, SampleSink sink)
    {
        if (IsFinal(line))
        {
            Read(line, location, inherited, sink);
        }
        else if (ProducerFigures.Text(line, "error") is { } error && RecordRules.IsError(error))
        {
            var dimensions = inherited.Clone();
            dimensions.Producer = Producer;
            dimensions.Model = ProducerFigures.Text(line, "model") ?? dimensions.Model;
            var record = new BenchmarkRecord(dimensions, location);
            record.MarkFailed(error, isErrorText: true);
            record.AddMissing(ProducerFigures.Field(CanonicalMetric.TokensPerSecond, null));
            record.AddMissing(ProducerFigures.Field(CanonicalMetric.TotalMs, null));
            sink.Add(record);
        }
    }

    private static double? Nanoseconds(JsonElement response, string name) => ProducerFigures.Number(response, name) is { } ns ? ns / 1e6 : null;

    /// <summary>Adds the figures of one response (times in ms); rates derived where counts and durations allow, or as
    /// <c>--verbose</c> stated them.</summary>
    private static void AddStatistics(BenchmarkRecord record, SampleSink sink, string location, double? totalMs, double? loadMs, double? promptCount,
        double? promptMs, double? evalCount, double? evalMs, double? statedPromptRate, double? statedRate)
    {
        Add(sink, record, CanonicalMetric.TotalMs, totalMs, "total_duration");
        Add(sink, record, CanonicalMetric.LoadMs, loadMs, "load_duration");
        Add(sink, record, CanonicalMetric.PromptTokens, promptCount, "prompt_eval_count");
        Add(sink, record, CanonicalMetric.PromptEvalMs, promptMs, "prompt_eval_duration");
        Add(sink, record, CanonicalMetric.OutputTokens, evalCount, "eval_count");
        Add(sink, record, CanonicalMetric.EvalMs, evalMs, "eval_duration");
        var rate = statedRate ?? (evalCount is { } n && evalMs is > 0 ? n / evalMs.Value * 1000 : null);
        var promptRate = statedPromptRate ?? (promptCount is { } p && promptMs is > 0 ? p / promptMs.Value * 1000 : null);
        Add(sink, record, CanonicalMetric.TokensPerSecond, rate, "eval rate");
        Add(sink, record, CanonicalMetric.PromptTokensPerSecond, promptRate, "prompt eval rate");
        if (promptCount is null)
        {
            sink.Note(location, ProducerStrings.PromptFromCache);
        }

        if (rate is null && evalCount is not null)
        {
            sink.Note(location, ProducerStrings.NoDurations);
        }
    }

    private static void Add(SampleSink sink, BenchmarkRecord record, string metric, double? value, string name)
    {
        if (value is { } v)
        {
            ProducerFigures.Add(sink, record, ProducerFigures.Field(metric, null), v, name);
        }
    }

    private static readonly Regex StatLine = StatLineRegex();
    [GeneratedRegex(@"^\s*(?<name>total duration|load duration|prompt eval count|prompt eval duration|prompt eval rate|eval count|eval duration|eval rate)\s*:\s*(?<value>\S+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StatLineRegex();

    private static readonly Regex RunCommand = RunCommandRegex();
    [GeneratedRegex(@"\bollama\s+run\s+(?:--?\S+\s+)*(?<model>[^\s-][^\s]*)", RegexOptions.CultureInvariant)]
    private static partial Regex RunCommandRegex();

    private static readonly Regex GoDuration = GoDurationRegex();
    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)(?<u>h|ms|µs|μs|us|ns|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex GoDurationRegex();

    /// <summary>Finds the <c>--verbose</c> statistics blocks of a text (a log, a pasted terminal); the lines they cover are
    /// returned so that no other reader reads them again.</summary>
    public static List<int> ReadVerboseBlocks(string[] lines, Dimensions inherited, SampleSink sink)
    {
        var consumed = new List<int>();
        string? model = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (RunCommand.Match(lines[i]) is { Success: true } command)
            {
                model = command.Groups["model"].Value;
            }

            if (StatLine.Match(lines[i]) is not { Success: true } first || !first.Groups["name"].Value.Equals("total duration", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var start = i;
            var end = i;
            for (var j = i; j < lines.Length && j < i + 10 && StatLine.Match(lines[j]) is { Success: true } stat; j++)
            {
                var key = stat.Groups["name"].Value.ToLowerInvariant();
                if (!values.ContainsKey(key))
                {
                    values.Add(key, stat.Groups["value"].Value);
                }

                end = j;
            }

            if (values.Count < 2)
            {
                continue;
            }

            var dimensions = inherited.Clone();
            dimensions.Producer = Producer;
            dimensions.Model = model ?? dimensions.Model;
            var location = "line " + (start + 1).ToString(CultureInfo.InvariantCulture);
            var record = new BenchmarkRecord(dimensions, location);
            AddStatistics(record, sink, location, Duration(values, "total duration"), Duration(values, "load duration"),
                Count(values, "prompt eval count"), Duration(values, "prompt eval duration"), Count(values, "eval count"), Duration(values, "eval duration"),
                Count(values, "prompt eval rate"), Count(values, "eval rate"));
            sink.Add(record);
            for (var k = start; k <= end; k++)
            {
                consumed.Add(k);
            }

            i = end;
        }

        return consumed;
    }

    private static double? Count(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && ProducerFigures.IsFinite(v) ? v : null;

    /// <summary>A Go duration (<c>1m2.5s</c>, <c>35.2ms</c>, <c>812µs</c>) in ms.</summary>
    private static double? Duration(Dictionary<string, string> values, string name)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return null;
        }

        var matches = GoDuration.Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Cast<Match>().Select(m => m.Value)) != text)
        {
            return null;
        }

        var ms = 0.0;
        foreach (Match m in matches)
        {
            var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            ms += m.Groups["u"].Value switch
            {
                "h" => n * 3_600_000,
                "m" => n * 60_000,
                "s" => n * 1000,
                "ms" => n,
                "ns" => n / 1e6,
                _ => n / 1000,
            };
        }

        return ms;
    }
}
