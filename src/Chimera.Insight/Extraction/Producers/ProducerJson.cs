using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>
/// Recognises the JSON a standard tool wrote by its content (never its file name) and hands it to that producer's
/// reader: a whole document (object, array of runs or rows), or one document per line (vLLM <c>--append-result</c>
/// into a <c>.json</c>, SGLang's JSONL, llama-bench <c>-o jsonl</c>, AIPerf's per-request records, Ollama's NDJSON
/// stream). Lines that are not JSON (stderr mixed in) are passed over once a producer is recognised; Python's bare
/// <c>Infinity</c> and <c>NaN</c> read as null. Anything else is left to the generic JSON reader.
/// </summary>
internal static class ProducerJson
{
    /// <summary>Reads a parsed document when a producer wrote it; false leaves it to the generic reader.</summary>
    public static bool TryRead(JsonElement root, Dimensions inherited, SampleSink sink)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                if (GuideLlmReport.Is(root))
                {
                    GuideLlmReport.Read(root, inherited, sink);
                    return true;
                }

                if (AiPerfResults.IsAggregate(root))
                {
                    AiPerfResults.ReadAggregate(root, "$", inherited, sink);
                    return true;
                }

                if (TryReadObject(root, "$", null, inherited, sink))
                {
                    return true;
                }

                return TryReadKeyedByConcurrency(root, inherited, sink) || TryReadWrapped(root, inherited, sink);
            case JsonValueKind.Array:
                return TryReadArray(root, "$", inherited, sink);
            default:
                return false;
        }
    }

    /// <summary>A document that did not parse as a whole (Python's Infinity/NaN), or one document per line.</summary>
    public static bool TryReadText(ReadOnlyMemory<byte> utf8, JsonDocumentOptions options, Dimensions inherited, SampleSink sink)
    {
        // Only the first JSON line decides whether a producer wrote the file: the rest is decoded once one did.
        if (FirstJsonLine(utf8) is not { } firstLine)
        {
            return false;
        }

        var firstIsProducer = false;
        try
        {
            using var first = HasNonJsonNumber(firstLine.Span)
                ? JsonDocument.Parse(WithoutNonJsonNumbers(Encoding.UTF8.GetString(firstLine.Span)), options)
                : JsonDocument.Parse(firstLine, options);
            firstIsProducer = Kind(first.RootElement) is not null;
        }
        catch (JsonException)
        {
            // A pretty-printed document: its first line is not a document.
        }

        if (!firstIsProducer && !HasNonJsonNumber(utf8.Span))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(utf8.Span);
        if (!firstIsProducer)
        {
            try
            {
                using var document = JsonDocument.Parse(WithoutNonJsonNumbers(text), options);
                return TryRead(document.RootElement, inherited, sink);
            }
            catch (JsonException)
            {
                return false;
            }
        }

        ReadLines(text, options, inherited, sink);
        return true;
    }

    /// <summary>The first line (of the first 50) that starts a JSON object, without its surrounding white space.</summary>
    private static ReadOnlyMemory<byte>? FirstJsonLine(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        var start = 0;
        for (var n = 0; n < 50 && start < span.Length; n++)
        {
            var length = span.Slice(start).IndexOf((byte)'\n');
            var end = length < 0 ? span.Length : start + length;
            var line = span.Slice(start, end - start);
            var leading = line.Length - line.TrimStart(JsonWhiteSpace).Length;
            var trimmed = line.Trim(JsonWhiteSpace);
            if (trimmed.Length > 0 && trimmed[0] == (byte)'{')
            {
                return bytes.Slice(start + leading, trimmed.Length);
            }

            start = end + 1;
        }

        return null;
    }

    private static ReadOnlySpan<byte> JsonWhiteSpace => " \t\r\n\f\v"u8;

    private static void ReadLines(string text, JsonDocumentOptions options, Dimensions inherited, SampleSink sink)
    {
        var lines = text.Split('\n');
        var documents = new List<(JsonDocument Document, string Location)>();
        try
        {
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0 || (line[0] != '{' && line[0] != '['))
                {
                    continue;
                }

                try
                {
                    documents.Add((JsonDocument.Parse(WithoutNonJsonNumbers(line), options), "line " + (i + 1).ToString(CultureInfo.InvariantCulture)));
                }
                catch (JsonException)
                {
                    sink.Error("line " + (i + 1).ToString(CultureInfo.InvariantCulture), ProducerStrings.BrokenLine);
                }
            }

            if (documents.Count > 0 && Kind(documents[0].Document.RootElement) is { } kind)
            {
                ReadLines(kind, documents, inherited, sink);
            }
        }
        finally
        {
            foreach (var (document, _) in documents)
            {
                document.Dispose();
            }
        }
    }

    private enum LineKind { Vllm, Sglang, LlamaBench, AiPerfRequest, Ollama, LlmPerfSummary }

    private static LineKind? Kind(JsonElement o) =>
        ServingResults.IsSglang(o) ? LineKind.Sglang
        : ServingResults.IsVllm(o) ? LineKind.Vllm
        : LlamaBench.IsRow(JsonFields(o)) ? LineKind.LlamaBench
        : AiPerfResults.IsRequestRecord(o) ? LineKind.AiPerfRequest
        : OllamaResponses.IsResponse(o) ? LineKind.Ollama
        : LlmPerfResults.IsSummary(o) ? LineKind.LlmPerfSummary
        : null;

    private static void ReadLines(LineKind kind, List<(JsonDocument Document, string Location)> documents, Dimensions inherited, SampleSink sink)
    {
        if (kind == LineKind.AiPerfRequest)
        {
            AiPerfResults.ReadRequests(documents.Where(d => AiPerfResults.IsRequestRecord(d.Document.RootElement))
                .Select(d => (d.Document.RootElement, d.Location)).ToList(), inherited, sink);
            return;
        }

        if (kind == LineKind.Ollama)
        {
            foreach (var (document, location) in documents)
            {
                OllamaResponses.ReadLine(document.RootElement, location, inherited, sink);
            }

            return;
        }

        var runs = documents.Count(d => Kind(d.Document.RootElement) == kind);
        var index = 0;
        foreach (var (document, location) in documents)
        {
            var line = document.RootElement;
            if (Kind(line) != kind)
            {
                continue;
            }

            index++;
            var label = runs > 1 ? index.ToString(CultureInfo.InvariantCulture) : null;
            switch (kind)
            {
                case LineKind.Vllm:
                    ServingResults.Read(line, "vllm", location, label, inherited, sink);
                    break;
                case LineKind.Sglang:
                    ServingResults.Read(line, "sglang", location, label, inherited, sink);
                    break;
                case LineKind.LlmPerfSummary:
                    LlmPerfResults.ReadSummary(line, location, label, inherited, sink);
                    break;
                case LineKind.LlamaBench:
                    LlamaBench.ReadRow(JsonFields(line), location, inherited, sink);
                    break;
            }
        }
    }

    /// <summary>One object a producer wrote (a run, a summary, a row, a response).</summary>
    private static bool TryReadObject(JsonElement o, string location, string? runLabel, Dimensions inherited, SampleSink sink)
    {
        if (ServingResults.IsSglang(o))
        {
            ServingResults.Read(o, "sglang", location, runLabel, inherited, sink);
        }
        else if (ServingResults.IsVllm(o))
        {
            ServingResults.Read(o, "vllm", location, runLabel, inherited, sink);
        }
        else if (LlmPerfResults.IsSummary(o))
        {
            LlmPerfResults.ReadSummary(o, location, runLabel, inherited, sink);
        }
        else if (LlamaBench.IsRow(JsonFields(o)))
        {
            LlamaBench.ReadRow(JsonFields(o), location, inherited, sink);
        }
        else if (OllamaResponses.IsFinal(o))
        {
            OllamaResponses.Read(o, location, inherited, sink);
        }
        else if (OfflineBenchResults.IsLatency(o) || OfflineBenchResults.IsThroughput(o))
        {
            OfflineBenchResults.Read(o, location, inherited, sink);
        }
        else
        {
            return false;
        }

        return true;
    }

    /// <summary>An array of runs (a sweep's summary), rows (llama-bench -o json) or LLMPerf's individual responses.</summary>
    private static bool TryReadArray(JsonElement array, string location, Dimensions inherited, SampleSink sink)
    {
        var first = array.EnumerateArray().FirstOrDefault(e => e.ValueKind == JsonValueKind.Object);
        if (first.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (LlmPerfResults.IsRequest(first))
        {
            LlmPerfResults.ReadRequests(array, location, inherited, sink);
            return true;
        }

        if (Kind(first) is null || OllamaResponses.IsResponse(first) && !array.EnumerateArray().Any(OllamaResponses.IsFinal))
        {
            return false;
        }

        var objects = array.GetArrayLength();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = location + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            index++;
            if (item.ValueKind == JsonValueKind.Object && !(OllamaResponses.IsResponse(item) && !OllamaResponses.IsFinal(item)))
            {
                TryReadObject(item, at, objects > 1 ? index.ToString(CultureInfo.InvariantCulture) : null, inherited, sink);
            }
        }

        return true;
    }

    /// <summary>LLMPerf results keyed by concurrency: <c>{"1": [...requests...], "8": [...]}</c> or summaries so keyed.</summary>
    private static bool TryReadKeyedByConcurrency(JsonElement root, Dimensions inherited, SampleSink sink)
    {
        var entries = root.EnumerateObject().ToList();
        if (entries.Count == 0 || !entries.All(e => ConcurrencyKey(e.Name) is not null))
        {
            return false;
        }

        var read = false;
        foreach (var entry in entries)
        {
            var dimensions = inherited.Clone();
            dimensions.Concurrency = ConcurrencyKey(entry.Name);
            var location = "$." + entry.Name;
            if (entry.Value.ValueKind == JsonValueKind.Array && entry.Value.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first
                && LlmPerfResults.IsRequest(first))
            {
                LlmPerfResults.ReadRequests(entry.Value, location, dimensions, sink);
                read = true;
            }
            else if (entry.Value.ValueKind == JsonValueKind.Object && TryReadObject(entry.Value, location, null, dimensions, sink))
            {
                read = true;
            }
        }

        return read;
    }

    /// <summary>A tool's runs kept under a key of a wrapper object (<c>{"results": [run, run]}</c>, a lab's own wrapper).</summary>
    private static bool TryReadWrapped(JsonElement root, Dimensions inherited, SampleSink sink)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() > 0
                && property.Value[0] is { ValueKind: JsonValueKind.Object } first && (Kind(first) is not null || LlmPerfResults.IsRequest(first)))
            {
                var dimensions = inherited.Clone();
                dimensions.Model ??= ProducerFigures.Text(root, "model");
                return TryReadArray(property.Value, "$." + property.Name, dimensions, sink);
            }
        }

        return false;
    }

    private static int? ConcurrencyKey(string name)
    {
        var digits = name.StartsWith("concurrency", StringComparison.OrdinalIgnoreCase) ? name.Substring(11).TrimStart('_', '-', '=', ' ') : name;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
    }

    /// <summary>An object's fields as the text a printer wrote (numbers raw, arrays as their JSON).</summary>
    internal static Func<string, string?> JsonFields(JsonElement o) => name =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.Array or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            }
            : null;

    private static bool HasNonJsonNumber(string text) =>
        text.Contains("Infinity", StringComparison.Ordinal) || text.Contains("NaN", StringComparison.Ordinal);

    private static bool HasNonJsonNumber(ReadOnlySpan<byte> utf8) =>
        utf8.IndexOf("Infinity"u8) >= 0 || utf8.IndexOf("NaN"u8) >= 0;

    /// <summary>The text with Python's bare <c>Infinity</c>, <c>-Infinity</c> and <c>NaN</c> (outside strings) as null.</summary>
    internal static string WithoutNonJsonNumbers(string text)
    {
        if (!HasNonJsonNumber(text))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    result.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (string.CompareOrdinal(text, i, "-Infinity", 0, 9) == 0)
            {
                result.Append("null");
                i += 8;
                continue;
            }
            else if (string.CompareOrdinal(text, i, "Infinity", 0, 8) == 0)
            {
                result.Append("null");
                i += 7;
                continue;
            }
            else if (string.CompareOrdinal(text, i, "NaN", 0, 3) == 0)
            {
                result.Append("null");
                i += 2;
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
