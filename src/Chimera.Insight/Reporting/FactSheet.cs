using System.Text;

namespace Chimera.Insight.Reporting;

/// <summary>
/// The compact, deterministic facts a model writes the narrative from: figures per group with their
/// units, findings and a summary of the data analysed. Never raw file content: every string from
/// the data is passed through <see cref="SafeText"/>, every number formatted invariant.
/// Sections are prioritised so that <see cref="PromptBudget"/> can pack them into a small context.
/// </summary>
public sealed class FactSheet
{
    public const string DataSection = "Data analysed";
    public const string HeadlineSection = "Throughput and time to first token";
    public const string FindingsSection = "Findings";
    public const string CallPhasesSection = "Call phases and token counts";
    public const string OtherMetricsSection = "Other metrics";
    public const string DataDetailsSection = "Data details";

    private const int MaxFamilies = 10;
    private const int MaxDuplicateGroups = 5;

    private FactSheet(IReadOnlyList<FactSection> sections, IReadOnlyList<FactFigure> figures)
    {
        Sections = sections;
        Figures = figures;
    }

    /// <summary>Sections in priority order (most important first).</summary>
    public IReadOnlyList<FactSection> Sections { get; }

    /// <summary>The figures of the metric lines by id ([F1], [F2], ...): what a model may write as {F1} to have it printed from the data.</summary>
    public IReadOnlyList<FactFigure> Figures { get; }

    public static FactSheet Build(IReadOnlyList<BenchmarkMetric> metrics, IReadOnlyList<Finding> findings, BenchmarkInventorySummary? inventory)
    {
        metrics ??= [];
        findings ??= [];
        inventory ??= metrics.Select(m => m.Inventory).FirstOrDefault(i => i is not null);

        var ordered = metrics
            .OrderBy(m => MetricNames.Rank(m.Metric))
            .ThenBy(m => m.Metric, StringComparer.Ordinal)
            .ThenBy(m => m.Model ?? "", StringComparer.Ordinal)
            .ThenBy(m => MetricNames.Configuration(m), StringComparer.Ordinal)
            .ThenBy(m => m.Backend ?? "", StringComparer.Ordinal)
            .ThenBy(m => m.Phase)
            .ThenBy(m => m.Source ?? "", StringComparer.Ordinal)
            .ToList();

        // A configuration or backend every group shares is stated once, not on every line.
        var sharedConfiguration = Shared(metrics, MetricNames.Configuration);
        var sharedBackend = Shared(metrics, m => SafeText.Inline(m.Backend, 40));
        var figures = new List<FactFigure>();
        string Line(BenchmarkMetric m) => MetricLine(m, sharedConfiguration is not null, sharedBackend is not null, figures);
        var dataLines = DataLines(metrics, inventory);
        if (sharedConfiguration is not null || sharedBackend is not null)
        {
            dataLines.Add("Every group below: " + string.Join("; ", new[]
            {
                sharedConfiguration is null ? null : "configuration " + sharedConfiguration,
                sharedBackend is null ? null : "backend " + sharedBackend,
            }.Where(p => p is not null)));
        }

        var sections = new List<FactSection>
        {
            new(DataSection, 1, dataLines),
            new(HeadlineSection, 2, WithIdNote(ordered.Where(m => MetricNames.Rank(m.Metric) < 10).Select(Line).ToList())),
            new(FindingsSection, 3, findings
                .OrderBy(f => f.Severity == FindingSeverity.Warning ? 0 : 1)
                .Select(FindingLine).ToList()),
            new(CallPhasesSection, 4, ordered.Where(m => MetricNames.Rank(m.Metric) is >= 10 and < 100).Select(Line).ToList()),
            new(OtherMetricsSection, 5, ordered.Where(m => MetricNames.Rank(m.Metric) >= 100).Select(Line).ToList()),
            new(DataDetailsSection, 6, DetailLines(inventory)),
        };

        // Ids were handed out as the lines were written, section by section.
        var kept = sections.Where(s => s.Lines.Count > 0).ToList();
        return new FactSheet(kept, figures);
    }

    private static List<string> WithIdNote(List<string> lines) => lines.Count == 0 ? lines : [ReportingMessages.FactIdNote, .. lines];

    /// <summary>The whole fact sheet as prompt text.</summary>
    public string ToText() => Render(Sections.Select(s => (s, s.Lines.Count)));

    public override string ToString() => ToText();

    /// <summary>Renders sections, each with the given number of its lines.</summary>
    public static string Render(IEnumerable<(FactSection Section, int Lines)> parts)
    {
        var builder = new StringBuilder();
        foreach (var (section, lines) in parts)
        {
            if (lines <= 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append("\n\n");
            }

            builder.Append(section.Render(lines));
        }

        return builder.ToString();
    }

    /// <summary>"model · configuration · phase · Throughput (tok/s): mean 108.05, p50 107.9, p95 112.3, n 20, failed 1".</summary>
    public static string MetricLine(BenchmarkMetric metric) => MetricLine(metric, omitConfiguration: false, omitBackend: false, figures: null);

    private static string? Shared(IReadOnlyList<BenchmarkMetric> metrics, Func<BenchmarkMetric, string> part)
    {
        if (metrics.Count < 2)
        {
            return null;
        }

        var values = metrics.Select(part).Distinct(StringComparer.Ordinal).ToList();
        return values.Count == 1 && values[0].Length > 0 ? values[0] : null;
    }

    private static string MetricLine(BenchmarkMetric metric, bool omitConfiguration, bool omitBackend, List<FactFigure>? figures)
    {
        var unit = SafeText.Inline(metric.Unit, 16);
        var name = MetricNames.DisplayName(SafeText.Inline(metric.Metric, 60)) + (unit.Length > 0 ? " (" + unit + ")" : "");
        var group = MetricNames.Group(metric, omitConfiguration, omitBackend);
        var parts = new List<string>();
        // "mean 108.05 [F3]": with an id registered when the sheet hands ids out.
        string Figure(string statistic, double? value, string text, string? figureUnit)
        {
            if (figures is null || value is not double v) return statistic + " " + text;
            var id = "F" + Numbers.Integer(figures.Count + 1);
            figures.Add(new FactFigure(id, v, figureUnit, figureUnit is null ? text : Numbers.WithUnit(v, figureUnit), $"{group} · {name} {statistic}"));
            return statistic + " " + text + " [" + id + "]";
        }

        if (metric.Origin == MetricOrigin.Reported)
        {
            var statistic = string.IsNullOrWhiteSpace(metric.Statistic) ? "mean" : SafeText.Inline(metric.Statistic, 16).ToLowerInvariant();
            parts.Add(Figure("reported " + statistic, metric.Mean, Numbers.Format(metric.Mean), unit));
        }
        else
        {
            parts.Add(Figure("mean", metric.Mean, Numbers.Format(metric.Mean), unit));
            if (metric.P50.HasValue) parts.Add(Figure("p50", metric.P50, Numbers.Format(metric.P50), unit));
            if (metric.P95.HasValue) parts.Add(Figure("p95", metric.P95, Numbers.Format(metric.P95), unit));
            if (metric.StdDev.HasValue && metric.Count > 1) parts.Add(Figure("sd", metric.StdDev, Numbers.Format(metric.StdDev), unit));
            if (metric.CV.HasValue && metric.Count > 1) parts.Add("cv " + Numbers.Percent(metric.CV.Value));
        }

        parts.Add("n " + Numbers.Integer(metric.Count));
        if (metric.FailedCount > 0)
        {
            parts.Add("failed " + Numbers.Integer(metric.FailedCount));
        }

        return group + " · " + name + ": " + string.Join(", ", parts);
    }

    private static string FindingLine(Finding finding)
    {
        var text = SafeText.Inline(finding.Text, SafeText.SentenceLength);
        var prefix = finding.Severity == FindingSeverity.Warning ? "Warning: " : "";
        var figures = finding.Figures
            .Take(6)
            .Select(f => SafeText.Inline(f.Name, 40) + " " + Numbers.WithUnit(f.Value, SafeText.Inline(f.Unit, 16)))
            .ToList();
        return prefix + text + (figures.Count > 0 ? " [" + string.Join("; ", figures) + "]" : "");
    }

    private static List<string> DataLines(IReadOnlyList<BenchmarkMetric> metrics, BenchmarkInventorySummary? inventory)
    {
        var lines = new List<string>();
        if (inventory is not null)
        {
            var kinds = inventory.Kinds
                .OrderBy(k => k.Kind)
                .Select(k => Numbers.Integer(k.Count) + " " + k.Kind + " (" + Numbers.Percent(k.SharePercent) + ")");
            lines.Add("Files analysed: " + Numbers.Integer(inventory.FileCount) +
                      (inventory.Kinds.Length > 0 ? " (" + string.Join(", ", kinds) + ")" : ""));
            if (inventory.DuplicateGroups.Length > 0)
            {
                lines.Add("Files with identical content: " + Numbers.Integer(inventory.DuplicateGroups.Length) + " groups, " +
                          Numbers.Integer(inventory.DuplicateGroups.Sum(g => Math.Max(0, g.Files.Length - 1))) + " duplicate files");
            }

            if (inventory.SkippedCount > 0)
            {
                lines.Add("Files skipped (not benchmark artifacts): " + Numbers.Integer(inventory.SkippedCount));
            }

            if (inventory.ComputerNames.Length > 0)
            {
                lines.Add("Servers merged: " + string.Join(", ", inventory.ComputerNames.Select(c => SafeText.Inline(c, 60))));
            }

            if (inventory.MissingComputerNames.Length > 0)
            {
                lines.Add("Servers missing (no results arrived; their files are not counted): " +
                          string.Join(", ", inventory.MissingComputerNames.Select(c => SafeText.Inline(c, 60))));
            }
        }

        if (metrics.Count > 0)
        {
            var models = metrics.Select(m => m.Model).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => SafeText.Inline(m)).Distinct().OrderBy(m => m, StringComparer.Ordinal).ToList();
            var configurations = metrics.Select(MetricNames.Configuration).Where(c => c.Length > 0).Distinct().Count();
            var names = metrics.Select(m => m.Metric).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            lines.Add("Metric groups: " + Numbers.Integer(metrics.Count) + " (" + Numbers.Integer(names) + " metrics, " +
                      Numbers.Integer(models.Count) + " models, " + Numbers.Integer(configurations) + " configurations)");
            if (models.Count > 0)
            {
                lines.Add("Models: " + string.Join(", ", models.Take(12)) + (models.Count > 12 ? ", ... " + Numbers.Integer(models.Count - 12) + " more" : ""));
            }

            var failed = metrics.Where(m => m.Origin == MetricOrigin.Measured).GroupBy(m => m.Metric).Select(g => g.Sum(m => m.FailedCount)).DefaultIfEmpty(0).Max();
            if (failed > 0)
            {
                lines.Add("Failed runs (counted apart, never averaged in): " + Numbers.Integer(failed));
            }

            if (metrics.Any(m => m.Origin == MetricOrigin.Reported))
            {
                lines.Add("Figures marked 'reported' were stated already summarised by a file; the others are measured from raw samples.");
            }
        }

        return lines;
    }

    private static List<string> DetailLines(BenchmarkInventorySummary? inventory)
    {
        var lines = new List<string>();
        if (inventory is null)
        {
            return lines;
        }

        foreach (var kind in inventory.Kinds.OrderBy(k => k.Kind).Where(k => k.LatestModifiedUtc.HasValue))
        {
            lines.Add("Latest modified " + kind.Kind + " file: " + Numbers.DateTimeUtc(kind.LatestModifiedUtc!.Value));
        }

        var families = inventory.Families.OrderByDescending(f => f.Count).ThenBy(f => f.Family, StringComparer.Ordinal).Take(MaxFamilies).ToList();
        if (families.Count > 0)
        {
            lines.Add("File families: " + string.Join(", ", families.Select(f => SafeText.Inline(f.Family, 40) + " (" + Numbers.Integer(f.Count) + ")")));
        }

        foreach (var group in inventory.DuplicateGroups.Take(MaxDuplicateGroups))
        {
            lines.Add("Identical content: " + string.Join(" = ", group.Files.Take(4).Select(f => SafeText.Inline(f, 60))));
        }

        return lines;
    }
}

/// <summary>A figure of the fact sheet with its id: what {F12} in a model's text is printed as.</summary>
public sealed class FactFigure
{
    public FactFigure(string id, double value, string? unit, string text, string fact)
    {
        Id = id;
        Value = value;
        Unit = unit;
        Text = text;
        Fact = fact;
    }

    /// <summary>F1, F2, ...</summary>
    public string Id { get; }
    public double Value { get; }
    public string? Unit { get; }
    /// <summary>The figure as printed: value at the sheet's precision, with its unit ("108.05 tok/s").</summary>
    public string Text { get; }
    /// <summary>What the figure is: "gemma3:270m · Warm · Throughput (tok/s) mean".</summary>
    public string Fact { get; }
    public override string ToString() => $"{Id} = {Text} ({Fact})";
}
