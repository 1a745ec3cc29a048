using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>What the producer readers share: the fields of canonical figures (one mapping per metric and statistic),
/// the statistic names producers use (avg, median, p99, stddev, ...), time units, and numbers that may be JSON
/// numbers or text (GuideLLM and LLMPerf write some figures as strings).</summary>
internal static class ProducerFigures
{
    private static readonly ConcurrentDictionary<(string Metric, string? Statistic), FieldMapping> Fields = new();

    /// <summary>The field of a canonical metric with a statistic (null: a raw sample).</summary>
    public static FieldMapping Field(string metric, string? statistic) => Fields.GetOrAdd((metric, statistic), key => new FieldMapping
    {
        Role = FieldRole.Metric,
        Metric = key.Metric,
        Unit = MetricNames.UnitOf(key.Metric),
        Kind = MetricNames.KindOf(key.Metric),
        Scale = 1,
        Statistic = key.Statistic,
        IsCanonical = MetricNames.KindOf(key.Metric) != MetricKind.Other || MetricNames.UnitOf(key.Metric).Length > 0,
    });

    private static readonly ConcurrentDictionary<(string Name, string Unit, string? Statistic), FieldMapping> OwnFields = new();

    /// <summary>A figure kept under the producer's own name (no canonical metric defines it).</summary>
    public static FieldMapping OwnField(string name, string unit, string? statistic) => OwnFields.GetOrAdd((name, unit, statistic), key => new FieldMapping
    {
        Role = FieldRole.Metric,
        Metric = key.Name,
        Unit = key.Unit,
        Scale = 1,
        Statistic = key.Statistic,
    });

    /// <summary>Adds a figure (already in the metric's unit); a value the record refuses is said as an error. A summary
    /// statistic the record holds already (vLLM's <c>median_ttft_ms</c> beside <c>p50_ttft_ms</c>) is the same figure
    /// written twice: it is kept once.</summary>
    public static void Add(SampleSink sink, BenchmarkRecord record, FieldMapping field, double value, string name)
    {
        if (field.Statistic is { } statistic && record.Has(field.Metric, statistic))
        {
            return;
        }

        if (record.Add(field, value) is { } problem)
        {
            sink.Error(record.Location, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.ValueProblem, name, problem));
        }
    }

    /// <summary>The statistic a producer's word names: avg/mean, median/p50, std/stddev/std_dev, min, max, pN
    /// (p1, p25, p99, p999 or p99.9, p001 as 0.1); null for anything else.</summary>
    public static string? Statistic(string word)
    {
        switch (word.ToLowerInvariant())
        {
            case "avg":
            case "mean":
            case "average":
                return Insight.Statistic.Mean;
            case "median":
            case "p50":
                return Insight.Statistic.Median;
            case "std":
            case "stddev":
            case "std_dev":
            case "stdev":
                return Insight.Statistic.StdDev;
            case "min":
                return Insight.Statistic.Min;
            case "max":
                return Insight.Statistic.Max;
        }

        return Percentile(word);
    }

    /// <summary>p90 -> P90, p99.9 -> P99.9, p999 -> P99.9, p001 -> P0.1, p0p1 -> P0.1; null when not a percentile.</summary>
    public static string? Percentile(string word)
    {
        if (word.Length < 2 || (word[0] != 'p' && word[0] != 'P'))
        {
            return null;
        }

        var digits = word.Substring(1).Replace('p', '.');
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        // GuideLLM writes p001 (0.1), p01 (1), p05 (5), p999 (99.9): a leading zero or a third digit is a decimal.
        if (digits.IndexOf('.') < 0 && digits.Length >= 2 && digits[0] == '0')
        {
            value = digits.Length == 2 ? value : value / 10;
        }
        else if (digits.IndexOf('.') < 0 && digits.Length == 3)
        {
            value /= 10;
        }

        if (value <= 0 || value >= 100)
        {
            return null;
        }

        return value == 50 ? Insight.Statistic.Median : "P" + value.ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary>A number written as a JSON number or as text ("550", "16.79"); null otherwise (null, "", "inf", NaN).</summary>
    public static double? Number(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDouble(out var number) && ProducerFigures.IsFinite(number) ? number : null;
            case JsonValueKind.String:
                return double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && ProducerFigures.IsFinite(parsed)
                    ? parsed
                    : null;
            default:
                return null;
        }
    }

    public static double? Number(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? Number(value) : null;

    public static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    /// <summary>A whole, non-negative number that fits an int (counts, concurrency).</summary>
    public static int? Whole(double? value) =>
        value is { } v && v >= 0 && v <= int.MaxValue && v == Math.Floor(v) ? (int)v : null;

    /// <summary>The factor from a producer's time unit (s, sec, ms, us, ns) to ms; null for anything else.</summary>
    public static double? TimeFactor(string? unit) => unit?.Trim().ToLowerInvariant() switch
    {
        "s" or "sec" or "secs" or "second" or "seconds" => 1000,
        "ms" or "msec" or "milliseconds" => 1,
        "us" or "µs" or "μs" or "microseconds" => 0.001,
        "ns" or "nanoseconds" => 1e-6,
        _ => null,
    };
}
