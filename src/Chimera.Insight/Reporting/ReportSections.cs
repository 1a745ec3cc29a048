namespace Chimera.Insight.Reporting;

/// <summary>The content shared by the Markdown and HTML writers: title block, data summary, call timings, metric rows.</summary>
public static class ReportSections
{
    public const string Title = "Chimera Insight";
    public const string WorkflowSummary = "Workflow Summary";
    public const string DataSummary = "Data Summary";
    public const string Metrics = "Metrics";
    public const string KeyFindings = "Key Findings";
    public const string Recommendations = "Recommendations";
    public const string UnverifiedFigures = "Unverified Figures";
    public const string Warnings = "Warnings";
    public const string PersonaPrompt = "Persona Prompt";

    /// <summary>How many metric groups the Markdown's Data Summary table lists.</summary>
    public const int DataSummaryRows = 40;

    /// <summary>How many file names each kind lists before "... and N more".</summary>
    public const int FilesPerKind = Inventory.InventorySummaryBuilder.FirstFilesKept;

    // The options the seed's layout always lists ("default" when unset); any other is listed when set.
    private static readonly RunOption[] AlwaysListed =
    [
        RunSettings.NumGpuOption, RunSettings.NumCtxOption, RunSettings.TemperatureOption,
        RunSettings.TopPOption, RunSettings.TopKOption, RunSettings.RepeatPenaltyOption,
    ];

    /// <summary>"num_gpu=80, num_ctx=512, temp=1, top_p=default, top_k=default, repeat_penalty=default" (then, say,
    /// "min_p=0.05" when set).</summary>
    public static string ConfigurationLine(InsightReport report) => string.Join(", ", RunSettings.Options
        .Where(option => AlwaysListed.Contains(option) || report.Settings[option] is not null)
        .Select(option => (option == RunSettings.TemperatureOption ? "temp" : option.Name) + "=" +
            (report.Settings[option] is { } value ? Numbers.Setting(option, value) : "default")));

    /// <summary>"23.55s (ingest 0.03s | analysis 10.28s | report 13.23s)".</summary>
    public static string ExecutionTime(InsightReport report) =>
        $"{Numbers.Format(report.TotalSeconds, 2)}s (ingest {Numbers.Format(report.IngestSeconds, 2)}s | analysis {Numbers.Format(report.AnalysisSeconds, 2)}s | report {Numbers.Format(report.ReportSeconds, 2)}s)";

    /// <summary>The seed's data summary block, true: counts per kind with share, first file names, latest modified per kind.</summary>
    public static string DataSummaryBlock(InsightReport report)
    {
        var inventory = report.Inventory ?? report.Metrics.Select(m => m.Inventory).FirstOrDefault(i => i is not null);
        var lines = new List<string>();
        var fileCount = inventory?.FileCount ?? report.FilesAnalyzed;
        lines.Add("Total files analyzed: " + Numbers.Integer(fileCount));
        if (inventory is null)
        {
            lines.Add("");
            lines.Add("No inventory was given: file kinds and names are unknown.");
            return string.Join("\n", lines);
        }

        if (inventory.ComputerNames.Length > 0 || inventory.MissingComputerNames.Length > 0)
        {
            lines.Add("Servers merged: " + (inventory.ComputerNames.Length > 0 ? string.Join(", ", inventory.ComputerNames.Select(c => SafeText.Inline(c, 60))) : "none"));
        }

        if (inventory.MissingComputerNames.Length > 0)
        {
            lines.Add("Servers missing (no results arrived; their files are not counted): " +
                      string.Join(", ", inventory.MissingComputerNames.Select(c => SafeText.Inline(c, 60))));
        }

        // Kinds the inventory met: a kind with no files says nothing worth a heading.
        foreach (var kind in inventory.Kinds.Where(k => k.Count > 0).OrderBy(k => k.Kind))
        {
            lines.Add("");
            lines.Add($"{kind.Kind.ToString().ToUpperInvariant()} Files ({Numbers.Integer(kind.Count)}, {Numbers.Percent(kind.SharePercent)})");
            var files = FilesOf(kind, report);
            foreach (var file in files.Take(FilesPerKind))
            {
                lines.Add("  - " + SafeText.Inline(file, 120));
            }

            var more = UnlistedFiles(kind, files);
            if (more > 0)
            {
                lines.Add($"  ... and {Numbers.Integer(more)} more");
            }

            if (kind.LatestModifiedUtc.HasValue)
            {
                lines.Add("  Latest modified: " + Numbers.DateTimeUtc(kind.LatestModifiedUtc.Value));
            }
        }

        if (inventory.DuplicateGroups.Length > 0)
        {
            lines.Add("");
            lines.Add($"Identical content: {Numbers.Integer(inventory.DuplicateGroups.Length)} groups");
            foreach (var group in inventory.DuplicateGroups.Take(FilesPerKind))
            {
                lines.Add("  - " + string.Join(" = ", group.Files.Take(4).Select(f => SafeText.Inline(f, 80))));
            }
        }

        if (inventory.SkippedCount > 0)
        {
            lines.Add("");
            lines.Add($"Skipped (not benchmark artifacts): {Numbers.Integer(inventory.SkippedCount)}");
        }

        return string.Join("\n", lines);
    }

    /// <summary>The kind's first file names, or, when the inventory carries none, the metric sources of that kind.</summary>
    /// <summary>How many files of a kind the Data Summary does not name ("... and N more").</summary>
    public static int UnlistedFiles(KindSummary kind, InsightReport report) => UnlistedFiles(kind, FilesOf(kind, report));

    private static int UnlistedFiles(KindSummary kind, IReadOnlyList<string> files) => kind.Count - Math.Min(FilesPerKind, files.Count);

    private static IReadOnlyList<string> FilesOf(KindSummary kind, InsightReport report)
    {
        if (kind.FirstFiles is { Length: > 0 } first)
        {
            return first;
        }

        // A summary without its first files (deserialized from an older module) names them from the metrics' sources.
        if (kind.Count == 0)
        {
            return [];
        }

        var extensions = kind.Kind switch
        {
            ArtifactKind.Csv => new[] { ".csv" },
            ArtifactKind.Json => new[] { ".json", ".jsonl" },
            _ => new[] { ".md", ".markdown" },
        };
        return report.Metrics.SelectMany(m => m.Sources ?? [])
            .Where(s => extensions.Any(e => s.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The LLM call's own timings, as (label, value) pairs; empty when offline.</summary>
    public static IReadOnlyList<(string Label, string Value)> CallTimings(InsightReport report)
    {
        var rows = new List<(string, string)>();
        void Add(string label, double? value, string unit)
        {
            if (value.HasValue) rows.Add((label, Numbers.Format(value.Value, 2) + " " + unit));
        }

        Add("Throughput", report.TokensPerSecond, "tok/s");
        Add("TTFT", report.TtftMs, "ms");
        Add("Total Duration", report.TotalDurationMs, "ms");
        if (report.TokensGenerated.HasValue) rows.Add(("Tokens Generated", Numbers.Integer(report.TokensGenerated.Value)));
        if (report.PromptTokens.HasValue) rows.Add(("Prompt Tokens", Numbers.Integer(report.PromptTokens.Value)));
        Add("Prompt Eval", report.PromptEvalDurationMs, "ms");
        Add("Eval Duration", report.EvalDurationMs, "ms");
        Add("Load Duration", report.LoadDurationMs, "ms");
        return rows;
    }

    /// <summary>Metric rows for the figures table, headline metrics first.</summary>
    public static IReadOnlyList<BenchmarkMetric> OrderedMetrics(IEnumerable<BenchmarkMetric> metrics) => metrics
        .OrderBy(m => MetricNames.Rank(m.Metric))
        .ThenBy(m => m.Metric, StringComparer.Ordinal)
        .ThenBy(m => m.Model ?? "", StringComparer.Ordinal)
        .ThenBy(m => MetricNames.Configuration(m), StringComparer.Ordinal)
        .ThenBy(m => m.Phase)
        .ToList();

    /// <summary>The figures of one metric group for a table: group, metric, unit, n, failed, mean, p50, p95, p99, CV. A reported
    /// figure stands in the column of the statistic its file stated; one with no column (a stated StdDev) is named in the metric cell.</summary>
    public static string[] MetricRow(BenchmarkMetric metric)
    {
        var stated = metric.Origin == MetricOrigin.Reported ? Grounding.MetricGroup.NormaliseStatistic(metric.Statistic) ?? Statistic.Mean : null;
        double? Column(string statistic, double? measured) =>
            stated is null ? measured : stated == statistic ? metric.Mean : null;
        var columns = new[] { Statistic.Mean, Statistic.Median, "P95", "P99" };
        var name = MetricNames.DisplayName(SafeText.Inline(metric.Metric, 60));
        var label = stated is null ? name
            : columns.Contains(stated) ? name + " (reported)"
            : $"{name} (reported {stated.ToLowerInvariant()} {Numbers.Format(metric.Mean)})";
        return
        [
            MetricNames.Group(metric),
            label,
            SafeText.Inline(metric.Unit, 16),
            Numbers.Integer(metric.Count),
            Numbers.Integer(metric.FailedCount),
            Numbers.Format(Column(Statistic.Mean, metric.Mean)),
            Numbers.Format(Column(Statistic.Median, metric.P50)),
            Numbers.Format(Column("P95", metric.P95)),
            Numbers.Format(Column("P99", metric.P99)),
            metric.CV.HasValue ? Numbers.Percent(metric.CV.Value) : "n/a",
        ];
    }

    public static readonly string[] MetricHeader = ["Group", "Metric", "Unit", "n", "Failed", "Mean", "P50", "P95", "P99", "CV"];

    /// <summary>Recommendations of the report, or derived from its findings when it carries none.</summary>
    public static string[] RecommendationsOf(InsightReport report) =>
        report.Recommendations is { Length: > 0 } given ? given : RecommendationWriter.From(report.Findings, report.Metrics);
}
