using System.Globalization;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Reporting.Grounding;

/// <summary>
/// One metric group of the data (a <see cref="BenchmarkMetric"/>) as the grounding matcher sees it: the
/// subject it belongs to (model, configuration settings, backend, phase, prompt, source) and its statistics
/// in the canonical unit of its quantity (milliseconds for times).
/// </summary>
internal sealed partial class MetricGroup
{
    private static readonly Regex SettingPair = SettingPairRegex();
    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_\-]*)\s*=\s*([^,;·\s]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SettingPairRegex();

    /// <param name="configurations">Settings already read, by configuration text: groups of a sweep share a few configurations.</param>
    public MetricGroup(BenchmarkMetric metric, Dictionary<string, Dictionary<string, string>> configurations)
    {
        Source = metric;
        Metric = metric.Metric;
        (Quantity, Factor, OtherUnit) = FactSet.Classify(metric.Unit, metric.Metric);
        Model = Blank(metric.Model);
        Backend = Blank(metric.Backend);
        Phase = metric.Phase;
        Prompt = Blank(metric.Prompt);
        SourceFile = Blank(metric.Source) is { } s ? Path.GetFileName(s) : metric.Sources is { Length: 1 } one ? Path.GetFileName(one[0]) : null;
        Settings = ReadSettings(metric, configurations);
        Label = MetricNames.Group(metric);
        Reported = metric.Origin == MetricOrigin.Reported;
        ReportedStatistic = Reported ? NormaliseStatistic(metric.Statistic) ?? Insight.Statistic.Mean : null;
    }

    public BenchmarkMetric Source { get; }
    public string Metric { get; }
    public Quantity Quantity { get; }
    /// <summary>From the group's unit to the canonical unit of <see cref="Quantity"/>.</summary>
    public double Factor { get; }
    public string? OtherUnit { get; }
    public string? Model { get; }
    public string? Backend { get; }
    public Phase? Phase { get; }
    public string? Prompt { get; }
    /// <summary>The file the group comes from, when it comes from one file only.</summary>
    public string? SourceFile { get; }
    /// <summary>Configuration settings, canonical key to value as written (num_ctx → 2048).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }
    public string Label { get; }
    public bool Reported { get; }
    /// <summary>For a reported group, the one statistic the file stated (its value is the metric's Mean).</summary>
    public string? ReportedStatistic { get; }

    /// <summary>The group's value of <paramref name="statistic"/> in canonical units, null when it has none.</summary>
    public double? Statistic(string statistic)
    {
        var m = Source;
        if (Reported)
        {
            // The value a file stated is kept in Mean; other statistics only where the group holds them.
            if (statistic == ReportedStatistic) return Scale(m.Mean);
            if (statistic == Insight.Statistic.Mean) return null;
        }

        return statistic switch
        {
            "Mean" => Scale(m.Mean),
            "P50" => Scale(m.P50),
            "P90" => Scale(m.P90),
            "P95" => Scale(m.P95),
            "P99" => Scale(m.P99),
            "Min" => Scale(m.Min),
            "Max" => Scale(m.Max),
            "StdDev" => Scale(m.StdDev),
            "CV" => m.CV,
            "Count" => m.Count,
            "Failed" => m.FailedCount,
            _ when statistic.StartsWith("P", StringComparison.Ordinal) && double.TryParse(statistic.Substring(1), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) =>
                Scale(m.Percentiles?.FirstOrDefault(x => x.Percentile == p)?.Value),
            _ => null,
        };
    }

    private double? Scale(double? value) => value is double v && !double.IsNaN(v) && !double.IsInfinity(v) ? v * Factor : null;

    /// <summary>"median" → P50, "p95" → P95, "std" → StdDev: a file's statistic name in the form the matcher uses.</summary>
    public static string? NormaliseStatistic(string? statistic)
    {
        if (string.IsNullOrWhiteSpace(statistic)) return null;
        var s = statistic!.Trim();
        return s.ToLowerInvariant() switch
        {
            "mean" or "average" or "avg" => Insight.Statistic.Mean,
            "median" or "p50" => "P50",
            "std" or "stddev" or "sd" or "std_dev" => "StdDev",
            "min" or "minimum" => "Min",
            "max" or "maximum" => "Max",
            "cv" => "CV",
            var lower when lower.Length > 1 && lower[0] == 'p' && char.IsDigit(lower[1]) => "P" + lower.Substring(1),
            _ => s,
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();

    private static IReadOnlyDictionary<string, string> ReadSettings(BenchmarkMetric metric, Dictionary<string, Dictionary<string, string>> configurations)
    {
        var configuration = metric.Configuration ?? "";
        if (!configurations.TryGetValue(configuration, out var parsed))
        {
            parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match match in SettingPair.Matches(configuration))
            {
                var key = GroundingVocabulary.SettingKey(match.Groups[1].Value) ?? match.Groups[1].Value.ToLowerInvariant();
                if (match.Groups[2].Value.Length > 0) parsed[key] = match.Groups[2].Value;
            }

            configurations[configuration] = parsed;
        }

        var settings = new Dictionary<string, string>(parsed, StringComparer.OrdinalIgnoreCase);
        void Set(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) settings[key] = value!;
        }

        string Num(double v) => v.ToString(CultureInfo.InvariantCulture);
        foreach (var option in RunSettings.Options)
        {
            if (metric.Settings[option] is { } value) Set(option.Name, Num(value));
        }

        if (!string.IsNullOrWhiteSpace(metric.Quantization)) Set("quantization", metric.Quantization);
        return settings;
    }

    public override string ToString() => $"{Metric} ({Label})";
}

/// <summary>
/// The statistics of several groups of one metric taken together, as a text means them when it speaks of a
/// model over all its configurations or of cold and warm requests together. Computed from what the groups
/// keep: counts and means pool exactly; percentiles, medians and the spread come from the groups' values
/// when every group keeps them, the spread otherwise from counts, means and standard deviations.
/// </summary>
internal sealed class PooledGroup
{
    private readonly Dictionary<string, double> statistics = new(StringComparer.Ordinal);

    private PooledGroup(IReadOnlyList<MetricGroup> groups, string label)
    {
        Groups = groups;
        Label = label;
    }

    public IReadOnlyList<MetricGroup> Groups { get; }
    public string Label { get; }

    public double? Statistic(string statistic) => statistics.TryGetValue(statistic, out var v) ? v : null;

    /// <summary>Pools measured groups (reported ones pool only a stated mean with its count); null when nothing pools.</summary>
    public static PooledGroup? Of(IReadOnlyList<MetricGroup> groups, string label)
    {
        if (groups.Count == 0) return null;
        var pooled = new PooledGroup(groups, label);
        var s = pooled.statistics;
        if (groups.All(g => g.Reported))
        {
            if (groups.All(g => g.ReportedStatistic == Insight.Statistic.Mean && g.Source.Count > 0 && g.Statistic(Insight.Statistic.Mean) is not null))
            {
                var n = groups.Sum(g => (double)g.Source.Count);
                s["Mean"] = groups.Sum(g => g.Source.Count * g.Statistic("Mean")!.Value) / n;
                s["Count"] = n;
            }

            return s.Count == 0 ? null : pooled;
        }

        if (groups.Any(g => g.Reported)) return null;
        var counted = groups.Where(g => g.Source.Count > 0 && g.Statistic("Mean") is not null).ToList();
        var total = counted.Sum(g => (double)g.Source.Count);
        s["Count"] = groups.Sum(g => (double)g.Source.Count);
        s["Failed"] = groups.Sum(g => (double)g.Source.FailedCount);
        if (total == 0) return pooled;

        var mean = counted.Sum(g => g.Source.Count * g.Statistic("Mean")!.Value) / total;
        s["Mean"] = mean;
        s["Min"] = counted.Min(g => g.Statistic("Min") ?? double.PositiveInfinity);
        s["Max"] = counted.Max(g => g.Statistic("Max") ?? double.NegativeInfinity);
        if (double.IsInfinity(s["Min"])) s.Remove("Min");
        if (double.IsInfinity(s["Max"])) s.Remove("Max");

        if (counted.All(g => g.Source.ValueCount == g.Source.Count))
        {
            var values = counted.SelectMany(g => g.Source.ValueList.Select(v => v * g.Factor)).ToArray();
            Array.Sort(values);
            foreach (var p in new[] { 50.0, 90, 95, 99 })
            {
                s["P" + p.ToString(CultureInfo.InvariantCulture)] = Statistics.DescriptiveSummary.Percentile(values, p);
            }

            if (values.Length > 1)
            {
                var ss = values.Sum(v => (v - mean) * (v - mean));
                s["StdDev"] = Math.Sqrt(ss / (values.Length - 1));
            }
        }
        else if (total > 1 && counted.All(g => g.Source.Count == 1 || g.Statistic("StdDev") is not null))
        {
            var ss = counted.Sum(g => (g.Source.Count - 1) * Math.Pow(g.Statistic("StdDev") ?? 0, 2) + g.Source.Count * Math.Pow(g.Statistic("Mean")!.Value - mean, 2));
            s["StdDev"] = Math.Sqrt(ss / (total - 1));
        }

        if (s.TryGetValue("StdDev", out var sd) && mean != 0)
        {
            s["CV"] = sd / Math.Abs(mean) * 100;
        }

        return pooled;
    }
}
