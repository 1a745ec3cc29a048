using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Chimera.Insight.Extraction;

/// <summary>
/// Reads JSON and JSON Lines with <see cref="JsonDocument"/> (bounded depth). Every object holding numeric
/// fields is a record; the dimensions of its ancestors (a top-level <c>model</c>, <c>options</c>/<c>config</c>
/// objects, a backend's name) carry down to it. This one walk covers the shapes benchmark tools write:
/// arrays of results (also under a top-level <c>model</c>), named groups of summarised figures
/// (<c>mean_time_ms</c>/<c>std_time_ms</c>/... per backend or kernel: the group's path names the backend when
/// no <c>backend</c> field does), raw Ollama responses (durations in ns, TokensPerSecond derived), agent metrics
/// (<c>aggregate_metrics</c> as Mean figures, <c>individual_runs</c>/<c>llm_calls</c> as samples) and system
/// telemetry (<c>cpu_percent</c>, GPU <c>utilization_gpu</c>, <c>memory_used_mb</c>, <c>power_draw</c>).
/// An exported InsightReport (an object with AgentType and Provider) is read through <see cref="ReportSamples"/>.
/// </summary>
internal sealed class JsonArtifactReader(SampleSink sink, Dimensions pathDimensions, ExtractionOptions options)
{
    // Containers hold records without naming a group; their key never becomes part of a backend name.
    private static readonly HashSet<string> Containers = new(StringComparer.OrdinalIgnoreCase)
    {
        "results", "result", "runs", "run_results", "individual_runs", "metrics", "data", "items", "records", "benchmark",
        "benchmarks", "backends", "compilation", "timing", "timing_stats", "aggregate", "aggregate_metrics", "summary",
        "system", "gpu", "gpus", "llm_calls", "calls", "requests", "responses", "entries", "rows", "measurements", "stats",
        "statistics", "samples", "tests", "test_results", "response", "final",
    };

    // Descriptions of the environment, not measurements.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "environment", "env", "settings", "system_info", "metadata", "details", "model_info", "context", "capabilities",
        "hardware", "host", "graph_preview", "variations", "messages", "message", "model_details",
    };

    private static readonly HashSet<string> GpuGroups = new(StringComparer.OrdinalIgnoreCase) { "gpu", "gpus", "gpu_metrics" };

    /// <summary>The lists a JSON reader reuses from object to object and file to file, one set per reader context.</summary>
    internal sealed class Scratch
    {
        /// <summary>The property names of the object being read (for duplicates), emptied for each object.</summary>
        public HashSet<string> NamesSeen { get; } = new(StringComparer.Ordinal);

        public List<(string Name, FieldMapping Mapping, double Value)> NumberFigures { get; } = [];

        public List<FieldMapping?> RecordMappings { get; } = [];

        public List<string> RecordFieldNames { get; } = [];

        public JsonPropertyNames PropertyNames { get; } = new();
    }

    private readonly Scratch scratch = sink.Context.Json;

    private HashSet<string> NamesSeen => scratch.NamesSeen;

    public void Read(ReadOnlyMemory<byte> utf8, string extension)
    {
        var documentOptions = new JsonDocumentOptions
        {
            MaxDepth = Math.Max(1, options.MaxJsonDepth),
            CommentHandling = JsonCommentHandling.Skip,
        };

        var lines = extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase);
        if (!lines)
        {
            try
            {
                using var document = JsonDocument.Parse(utf8, documentOptions);
                // A standard tool's output (vLLM, AIPerf, GuideLLM, LLMPerf, llama-bench, Ollama) is read by its producer.
                if (!Producers.ProducerJson.TryRead(document.RootElement, pathDimensions, sink))
                {
                    ReadRoot(document.RootElement);
                }

                return;
            }
            catch (JsonException e)
            {
                if (Producers.ProducerJson.TryReadText(utf8, documentOptions, pathDimensions, sink))
                {
                    return;
                }

                if (!LooksLikeJsonLines(utf8, documentOptions))
                {
                    sink.Error(Location(e, 0), Describe(e));
                    return;
                }
            }
        }

        if (lines && Producers.ProducerJson.TryReadText(utf8, documentOptions, pathDimensions, sink))
        {
            return;
        }

        ReadLines(utf8, documentOptions);
    }

    private void ReadRoot(JsonElement root)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                if (ReportSamples.IsReport(root))
                {
                    ReadReport(root, "$");
                }
                else
                {
                    Visit(root, "$", pathDimensions, Frame.Root);
                }

                break;
            case JsonValueKind.Array:
                VisitArray(root, "$", pathDimensions, Frame.Root, null, topLevel: true);
                break;
            default:
                sink.Error("$", string.Format(CultureInfo.InvariantCulture, ExtractionStrings.JsonScalarRoot, root.ValueKind.ToString().ToLowerInvariant()));
                break;
        }
    }

    private void ReadReport(JsonElement element, string location)
    {
        try
        {
            var report = ReportSamples.Deserialize(element);
            sink.Add(ReportSamples.ToRecord(report, location));
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            sink.Error(location, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.JsonReportInvalid, FirstSentence(e.Message)));
        }
    }

    /// <summary>JSON Lines: one document per line; a broken line is reported and skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadLines(ReadOnlyMemory<byte> utf8, JsonDocumentOptions documentOptions)
    {
        var records = new List<BenchmarkRecord>();
        var span = utf8.Span;
        var start = 0;
        var lineNumber = 0;
        while (start <= span.Length)
        {
            lineNumber++;
            var length = span.Slice(start).IndexOf((byte)'\n');
            var end = length < 0 ? span.Length : start + length;
            var line = utf8.Slice(start, end - start);
            start = end + 1;
            if (IsBlank(line.Span))
            {
                if (length < 0)
                {
                    break;
                }

                continue;
            }

            var location = "line " + lineNumber.ToString(CultureInfo.InvariantCulture);
            try
            {
                using var document = JsonDocument.Parse(line, documentOptions);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && ReportSamples.IsReport(root))
                {
                    ReadReport(root, location);
                }
                else if (root.ValueKind == JsonValueKind.Object)
                {
                    if (Visit(root, location, pathDimensions, Frame.Root) is { } record)
                    {
                        records.Add(record);
                    }
                }
                else if (root.ValueKind == JsonValueKind.Array)
                {
                    VisitArray(root, location, pathDimensions, Frame.Root, null, topLevel: true);
                }
                else
                {
                    sink.Error(location, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.JsonScalarRoot, root.ValueKind.ToString().ToLowerInvariant()));
                }
            }
            catch (JsonException e)
            {
                sink.Error(location, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.JsonLineInvalid, Describe(e)));
            }

            if (length < 0)
            {
                break;
            }
        }

        CompleteFailedSiblings(records);
    }

    /// <summary>Reads one object: its own figures form a record (returned), its child objects and arrays are walked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private BenchmarkRecord? Visit(JsonElement element, string path, Dimensions inherited, Frame frame)
    {
        var dimensions = new Dimensions();
        var failure = (string?)null;
        var errorText = (string?)null;
        // Read before any child object is visited: one list per reader context serves every object.
        var figures = scratch.NumberFigures;
        figures.Clear();
        // Figures written as text and null figures are rare: their lists are made when one appears.
        List<(string Name, FieldMapping Mapping, string Text)>? textFigures = null;
        List<FieldMapping>? nullFigures = null;
        List<(string Name, JsonElement Value, FieldMapping Mapping)>? children = null;

        NamesSeen.Clear();
        foreach (var property in element.EnumerateObject())
        {
            var name = scratch.PropertyNames.Of(property, out var mapped);
            var value = property.Value;
            if (!NamesSeen.Add(name))
            {
                sink.Error(path, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.JsonDuplicateKey, name));
                RemoveFigures(name, figures, textFigures);
            }

            var mapping = frame.Gpu ? MapGpu(name) : mapped;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                case JsonValueKind.Array:
                    if (mapping.Role == FieldRole.Options && value.ValueKind == JsonValueKind.Object)
                    {
                        ApplyOptions(value, dimensions);
                    }
                    else if (mapping.Role == FieldRole.Model && value.ValueKind == JsonValueKind.Object)
                    {
                        ApplyModel(value, dimensions);
                    }
                    else if (mapping.Role == FieldRole.Error)
                    {
                        if (value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Any() : value.GetArrayLength() > 0)
                        {
                            errorText ??= NumberText.Shorten(value.GetRawText());
                        }
                    }
                    else if (name.Equals("metadata", StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.Object
                             && value.TryGetProperty("error", out var metadataError) && metadataError.ValueKind == JsonValueKind.String
                             && RecordRules.IsError(metadataError.GetString()))
                    {
                        errorText ??= metadataError.GetString();
                    }
                    else if (!Skipped.Contains(name))
                    {
                        (children ??= []).Add((name, value, mapping));
                    }

                    break;
                case JsonValueKind.String:
                    var text = value.GetString() ?? "";
                    switch (mapping.Role)
                    {
                        case FieldRole.Metric:
                            if (mapping.IsCanonical)
                            {
                                (textFigures ??= []).Add((name, mapping, text));
                            }

                            break;
                        case FieldRole.Error:
                            if (RecordRules.IsError(text))
                            {
                                errorText ??= text;
                            }

                            break;
                        case FieldRole.Status:
                            if (RecordRules.IsFailedStatus(text))
                            {
                                failure ??= name + " " + text;
                            }

                            break;
                        case FieldRole.Success:
                            if (RecordRules.IsFalse(text))
                            {
                                failure ??= name + " " + text;
                            }

                            break;
                        case FieldRole.Ignore:
                        case FieldRole.Options:
                            break;
                        default:
                            dimensions.Set(mapping.Role, text);
                            break;
                    }

                    break;
                case JsonValueKind.Number:
                    // Beyond double's range: NaN, refused below as not a finite number.
                    var number = value.TryGetDouble(out var parsedNumber) ? parsedNumber : double.NaN;
                    switch (mapping.Role)
                    {
                        case FieldRole.Metric:
                            figures.Add((name, mapping, number));
                            break;
                        case FieldRole.Success:
                            if (number == 0)
                            {
                                failure ??= name + " 0";
                            }

                            break;
                        case FieldRole.Status:
                            var status = value.GetRawText();
                            if (RecordRules.IsFailedStatus(status))
                            {
                                failure ??= name + " " + status;
                            }

                            break;
                        case FieldRole.Ignore:
                        case FieldRole.Error:
                            break;
                        default:
                            dimensions.SetNumber(mapping.Role, number);
                            break;
                    }

                    break;
                case JsonValueKind.False:
                    if (mapping.Role == FieldRole.Success)
                    {
                        failure ??= name + " false";
                    }

                    break;
                case JsonValueKind.True:
                    if (mapping.Role == FieldRole.Error)
                    {
                        failure ??= name + " true";
                    }

                    break;
                case JsonValueKind.Null:
                    if (mapping.Role == FieldRole.Metric && mapping.IsCanonical)
                    {
                        (nullFigures ??= []).Add(mapping);
                    }

                    break;
            }
        }

        // Dimensions: the object's own, then its ancestors'; a backend named higher up stays (backends.jit.compilation
        // is jit, whatever compiler it names), and a group path names the backend when nothing else does.
        if (inherited.Backend is not null)
        {
            dimensions.Backend = inherited.Backend;
        }

        dimensions.FillFrom(inherited);
        var record = BuildRecord(path, dimensions, frame, errorText ?? failure, figures, textFigures, nullFigures);
        if (record is not null && record.Dimensions.Backend is null && frame.GroupPath is not null)
        {
            record.Dimensions.Backend = frame.GroupPath;
        }

        if (children is not null)
        {
            foreach (var (name, value, mapping) in children)
            {
                var childPath = path + "." + name;
                var childFrame = frame.Enter(name);
                if (value.ValueKind == JsonValueKind.Object)
                {
                    Visit(value, childPath, dimensions, childFrame);
                }
                else
                {
                    VisitArray(value, childPath, dimensions, childFrame, mapping, topLevel: false);
                }
            }
        }

        return record;
    }

    // Its own method: a lambda capturing a variable of Visit's loop would allocate a closure for every property.
    private static void RemoveFigures(string name, List<(string Name, FieldMapping Mapping, double Value)> figures,
        List<(string Name, FieldMapping Mapping, string Text)>? textFigures)
    {
        figures.RemoveAll(f => f.Name == name);
        textFigures?.RemoveAll(f => f.Name == name);
    }

    private BenchmarkRecord? BuildRecord(string path, Dimensions dimensions, Frame frame, string? failure,
        List<(string Name, FieldMapping Mapping, double Value)> figures, List<(string Name, FieldMapping Mapping, string Text)>? textFigures,
        List<FieldMapping>? nullFigures)
    {
        var textCount = textFigures?.Count ?? 0;
        if (figures.Count == 0 && textCount == 0 && failure is null)
        {
            return null;
        }

        var mappings = scratch.RecordMappings;
        var fieldNames = scratch.RecordFieldNames;
        mappings.Clear();
        fieldNames.Clear();
        foreach (var figure in figures)
        {
            mappings.Add(figure.Mapping);
            fieldNames.Add(figure.Name);
        }

        if (textFigures is not null)
        {
            foreach (var figure in textFigures)
            {
                mappings.Add(figure.Mapping);
                fieldNames.Add(figure.Name);
            }
        }

        RecordRules.ResolveSiblings(mappings, fieldNames);
        // Room for each figure and a derived throughput.
        var record = new BenchmarkRecord(dimensions, path, mappings.Count + 1);
        if (failure is not null)
        {
            record.MarkFailed(failure);
        }

        for (var i = 0; i < mappings.Count; i++)
        {
            var mapping = mappings[i]!;
            if (frame.DefaultStatistic is not null && mapping.IsCanonical && mapping.Statistic is null)
            {
                mapping = mapping.WithStatistic(frame.DefaultStatistic);
            }

            string? problem;
            if (i < figures.Count)
            {
                problem = record.Add(mapping, figures[i].Value * mapping.Scale);
            }
            else if (NumberText.TryParse(textFigures![i - figures.Count].Text, false, out var parsed, out problem))
            {
                problem = record.Add(mapping, parsed * mapping.Scale);
            }

            if (problem is not null)
            {
                if (record.Failed)
                {
                    record.AddMissing(mapping);
                }
                else
                {
                    sink.Error(path, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.ValueProblem, fieldNames[i], problem));
                }
            }
        }

        if (record.Failed)
        {
            CompleteFailed(record, nullFigures, frame.DefaultStatistic);
        }
        else
        {
            RecordRules.DeriveThroughput(record);
        }

        sink.Add(record);
        return record;
    }

    /// <summary>A failed record names the metrics it reported as null too.</summary>
    private static void CompleteFailed(BenchmarkRecord record, List<FieldMapping>? nullFigures, string? defaultStatistic)
    {
        if (nullFigures is not null)
        {
            RecordRules.CompleteFailed(record, defaultStatistic is null ? nullFigures : nullFigures.Select(m => m.WithStatistic(defaultStatistic)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void VisitArray(JsonElement array, string path, Dimensions inherited, Frame frame, FieldMapping? keyMapping, bool topLevel)
    {
        // "ttft_ms": [812.1, 95.3, ...]: raw samples of one metric.
        if (keyMapping is { Role: FieldRole.Metric, IsCanonical: true } && array.GetArrayLength() > 0
            && array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number))
        {
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var location = path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
                var record = new BenchmarkRecord(inherited.Clone(), location);
                var number = item.TryGetDouble(out var parsed) ? parsed : double.NaN;
                if (record.Add(keyMapping, number * keyMapping.Scale) is { } problem)
                {
                    sink.Error(location, problem);
                }

                sink.Add(record);
                index++;
            }

            return;
        }

        var records = new List<BenchmarkRecord>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var location = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            switch (item.ValueKind)
            {
                case JsonValueKind.Object:
                    if (topLevel && ReportSamples.IsReport(item))
                    {
                        ReadReport(item, location);
                    }
                    else if (Visit(item, location, inherited, frame) is { } record)
                    {
                        records.Add(record);
                    }

                    break;
                case JsonValueKind.Array:
                    VisitArray(item, location, inherited, frame, keyMapping, topLevel);
                    break;
                default:
                    if (topLevel)
                    {
                        sink.Error(location, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.JsonNotAnObject, item.ValueKind.ToString().ToLowerInvariant()));
                    }

                    break;
            }

            i++;
        }

        CompleteFailedSiblings(records);
    }

    /// <summary>A failed element of an array keeps every metric its successful siblings report (as NaN); when no
    /// sibling succeeded, the headline metrics.</summary>
    private static readonly List<FieldMapping> HeadlineFields =
    [
        new() { Role = FieldRole.Metric, Metric = CanonicalMetric.TtftMs, Unit = "ms" },
        new() { Role = FieldRole.Metric, Metric = CanonicalMetric.TokensPerSecond, Unit = "tok/s" },
    ];

    private static void CompleteFailedSiblings(List<BenchmarkRecord> records)
    {
        if (!records.Any(r => r.Failed))
        {
            return;
        }

        // The fields the other elements gave figures for, each once, in the order they first appear.
        var seen = new HashSet<(string, string, string)>();
        var expected = new List<FieldMapping>();
        foreach (var record in records)
        {
            if (record.Failed)
            {
                continue;
            }

            foreach (var value in record.Values)
            {
                if (value.Valid && seen.Add((value.Metric, value.Unit, value.Statistic)))
                {
                    expected.Add(value.Field);
                }
            }
        }

        if (expected.Count == 0)
        {
            // Every element failed and none says what it measured: a failed request gives neither a first
            // token nor a throughput, so the suite still shows, as failures of the headline metrics.
            expected = HeadlineFields;
        }

        foreach (var record in records)
        {
            RecordRules.CompleteFailed(record, expected);
        }
    }

    /// <summary>Reads Ollama options / a configuration object into dimensions (nested options and model too).</summary>
    internal static void ApplyOptions(JsonElement element, Dimensions dimensions)
    {
        foreach (var property in element.EnumerateObject())
        {
            var mapping = MetricNames.Map(property.Name);
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object when mapping.Role == FieldRole.Options:
                    ApplyOptions(value, dimensions);
                    break;
                case JsonValueKind.Object when mapping.Role == FieldRole.Model:
                    ApplyModel(value, dimensions);
                    break;
                case JsonValueKind.String when IsDimension(mapping.Role):
                    dimensions.Set(mapping.Role, value.GetString());
                    break;
                case JsonValueKind.Number when IsDimension(mapping.Role):
                    dimensions.SetNumber(mapping.Role, value.TryGetDouble(out var number) ? number : double.NaN);
                    break;
            }
        }
    }

    private static bool IsDimension(FieldRole role) =>
        role is not (FieldRole.Metric or FieldRole.Ignore or FieldRole.Options or FieldRole.Error or FieldRole.Status or FieldRole.Success);

    // "model": { "name": "conv", "device": "cuda", ... }
    private static void ApplyModel(JsonElement element, Dimensions dimensions)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var key = property.Name;
            if (key.Equals("name", StringComparison.OrdinalIgnoreCase) || key.Equals("model", StringComparison.OrdinalIgnoreCase))
            {
                dimensions.Model = property.Value.GetString();
            }
            else if (MetricNames.Map(key).Role is FieldRole.Device or FieldRole.Quantization)
            {
                dimensions.Set(MetricNames.Map(key).Role, property.Value.GetString());
            }
        }
    }

    // Inside a "gpu" group: temperature is the GPU's, memory_used_mb its VRAM.
    private static FieldMapping MapGpu(string name)
    {
        if (name.StartsWith("gpu", StringComparison.OrdinalIgnoreCase))
        {
            return MetricNames.Map(name);
        }

        var prefixed = MetricNames.Map("gpu_" + name);
        if (prefixed.Role != FieldRole.Metric || prefixed.IsCanonical)
        {
            return prefixed;
        }

        var plain = MetricNames.Map(name);
        return plain.Role == FieldRole.Metric && plain.IsCanonical ? plain : prefixed;
    }

    private static bool LooksLikeJsonLines(ReadOnlyMemory<byte> utf8, JsonDocumentOptions documentOptions)
    {
        var span = utf8.Span;
        var newline = span.IndexOf((byte)'\n');
        if (newline < 0 || IsBlank(span.Slice(newline + 1)))
        {
            return false;
        }

        try
        {
            using var first = JsonDocument.Parse(utf8.Slice(0, newline), documentOptions);
            return first.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Location(JsonException e, int lineOffset) =>
        e.LineNumber is { } line
            ? string.Format(CultureInfo.InvariantCulture, "line {0}, byte {1}", line + 1 + lineOffset, (e.BytePositionInLine ?? 0) + 1)
            : null;

    private string Describe(JsonException e)
    {
        var message = FirstSentence(e.Message);
        return message.IndexOf("depth", StringComparison.OrdinalIgnoreCase) >= 0
            ? string.Format(CultureInfo.InvariantCulture, ExtractionStrings.JsonTooDeep, options.MaxJsonDepth)
            : string.Format(CultureInfo.InvariantCulture, ExtractionStrings.JsonInvalid, message);
    }

    // System.Text.Json appends " Path: $ | LineNumber: 0 | BytePositionInLine: 12." to its messages.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return (cut < 0 ? message : message.Substring(0, cut)).Trim();
    }

    /// <summary>Where in the document a walk is: the group path (backend name) and defaults for its records.</summary>
    private sealed class Frame
    {
        public static readonly Frame Root = new(null, false, null);

        private Frame(string? groupPath, bool gpu, string? defaultStatistic)
        {
            GroupPath = groupPath;
            Gpu = gpu;
            DefaultStatistic = defaultStatistic;
        }

        public string? GroupPath { get; }
        public bool Gpu { get; }
        /// <summary>aggregate_metrics and kin: figures that state no statistic are means.</summary>
        public string? DefaultStatistic { get; }

        public Frame Enter(string key)
        {
            var gpu = Gpu || GpuGroups.Contains(key);
            var statistic = key.StartsWith("aggregate", StringComparison.OrdinalIgnoreCase) ? Insight.Statistic.Mean : DefaultStatistic;
            var group = Containers.Contains(key) || MetricNames.Map(key).Role != FieldRole.Metric
                ? GroupPath
                : GroupPath is null ? key : GroupPath + "/" + key;
            return new Frame(group, gpu, statistic);
        }
    }
}
