using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chimera.Insight.Extraction;

/// <summary>
/// The LLM call timings of an <see cref="InsightReport"/> as samples, so reports (live, or exported as JSON) can be
/// measured and compared like any other run: TtftMs, TokensPerSecond, LoadMs (LoadDurationMs), PromptEvalMs
/// (PromptEvalDurationMs), EvalMs (EvalDurationMs), TotalMs (TotalDurationMs), PromptTokens, OutputTokens
/// (TokensGenerated), under the report's Model and Configuration, Timestamp = GeneratedAt. A report whose call
/// failed part way (Complete = false) gives every one of these as a failed sample.
/// </summary>
public static class ReportSamples
{
    private static readonly JsonSerializerOptions SerializerOptions = CreateSerializerOptions();

    /// <summary>The samples of one report; <paramref name="source"/> becomes each sample's Source.</summary>
    public static List<BenchmarkSample> FromReport(InsightReport report, string source)
    {
        if (report is null)
        {
            throw new ArgumentNullException(nameof(report));
        }

        var result = new ExtractionResult();
        var sink = new SampleSink(source, result, maxErrors: 100);
        sink.Add(ToRecord(report, "Run " + report.Run.ToString(CultureInfo.InvariantCulture)));
        sink.Complete();
        return result.Samples;
    }

    /// <summary>The samples of several reports of one source (New-InsightReport -Runs N), with cold starts marked
    /// among them (<see cref="ColdStartClassifier"/>: a run whose load time stands far above the others').</summary>
    public static List<BenchmarkSample> FromReports(IEnumerable<InsightReport> reports, string source)
    {
        var result = new ExtractionResult();
        var sink = new SampleSink(source, result, maxErrors: 100);
        foreach (var report in reports)
        {
            sink.Add(ToRecord(report, "Run " + report.Run.ToString(CultureInfo.InvariantCulture)));
        }

        sink.Complete();
        return result.Samples;
    }

    /// <summary>An exported report: a JSON object with the AgentType and Provider properties.</summary>
    internal static bool IsReport(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(nameof(InsightReport.AgentType), out _)
        && element.TryGetProperty(nameof(InsightReport.Provider), out _);

    internal static InsightReport Deserialize(JsonElement element) =>
        JsonSerializer.Deserialize<InsightReport>(element, SerializerOptions)
        ?? throw new JsonException("null report");

    internal static BenchmarkRecord ToRecord(InsightReport report, string location)
    {
        var dimensions = new Dimensions
        {
            Model = string.IsNullOrWhiteSpace(report.Model) ? null : report.Model,
            Settings = report.Settings,
            Timestamp = report.GeneratedAt == default ? null : report.GeneratedAt.ToUniversalTime(),
        };

        // Parts not set one by one may still be in the configuration text ("num_gpu=80, num_ctx=512, temp=1").
        if (!string.IsNullOrWhiteSpace(report.Configuration))
        {
            var fromText = new Dimensions();
            fromText.SetFromPairs(report.Configuration);
            dimensions.FillFrom(fromText);
        }

        var record = new BenchmarkRecord(dimensions, location);
        if (!report.Complete)
        {
            record.MarkFailed(report.Warnings is { Length: > 0 } warnings ? string.Join("; ", warnings) : "the report's LLM call did not complete");
        }

        Add(record, CanonicalMetric.TtftMs, report.TtftMs);
        Add(record, CanonicalMetric.TokensPerSecond, report.TokensPerSecond);
        Add(record, CanonicalMetric.LoadMs, report.LoadDurationMs);
        Add(record, CanonicalMetric.PromptEvalMs, report.PromptEvalDurationMs);
        Add(record, CanonicalMetric.EvalMs, report.EvalDurationMs);
        Add(record, CanonicalMetric.TotalMs, report.TotalDurationMs);
        Add(record, CanonicalMetric.PromptTokens, report.PromptTokens);
        Add(record, CanonicalMetric.OutputTokens, report.TokensGenerated);
        return record;
    }

    private static void Add(BenchmarkRecord record, string metric, double? value)
    {
        var mapping = new FieldMapping
        {
            Role = FieldRole.Metric,
            Metric = metric,
            Unit = MetricNames.UnitOf(metric),
            Kind = MetricNames.KindOf(metric),
            IsCanonical = true,
        };

        if (value is { } v && record.Add(mapping, v) is null)
        {
            return;
        }

        if (record.Failed)
        {
            record.AddMissing(mapping);
        }
    }

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions
        {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
