namespace Chimera.Insight.Reporting;

/// <summary>
/// Writes the report as one self-contained HTML page, model by model: a headline card per model (its best
/// configuration, warm throughput and TTFT with p95 and counts, cold-start penalty, failures), the findings and
/// recommendations of each model, chart panels that each name their model, the narrative with its unsupported
/// figures marked and explained, then the full figures table collapsed per model and filterable. No fonts,
/// images or scripts from outside (one inline script, allowed by its hash, filters the table); everything from
/// the data is escaped.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Models whose chart panels are drawn (the rest are in the cards, findings and table).</summary>
    public const int ChartedModels = 8;

    public static string Write(InsightReport report)
    {
        if (report is null) throw new ArgumentNullException(nameof(report));
        var inventory = report.Inventory ?? report.Metrics.Select(m => m.Inventory).FirstOrDefault(i => i is not null);
        var headlines = ModelHeadlines.Of(report.Metrics, report.Findings);
        var html = new HtmlDocument($"{ReportSections.Title}: {SafeText.Inline(report.Model)} ({Numbers.Date(report.GeneratedAt)})");
        html.Raw("<header>\n").Heading(ReportSections.Title, 1);
        Strip(html, report, inventory, headlines);
        html.Raw("</header>\n");

        ModelCards(html, headlines, report.Metrics);
        Comparisons(html, report.Findings);
        Charts(html, report, headlines);

        var roots = inventory?.Roots ?? [];
        var order = headlines.Select(h => h.Model).ToList();
        html.Heading(ReportSections.KeyFindings);
        PerModel(html, report.Findings.Where(f => f.Kind != "ModelComparison")
            .Select(f => (f.Model, Text: SafeText.Inline(WithoutRoots(f.Text, roots), 400), Warning: f.Severity == FindingSeverity.Warning))
            .ToList(), order, "No findings.", ordered: false);

        html.Heading(ReportSections.Recommendations);
        var recommendations = report.Recommendations is { Length: > 0 } given && !IsDerived(given, report.Findings)
            ? given.Select(r => ((string?)null, Text: SafeText.Inline(WithoutRoots(r, roots), 600), Warning: false)).ToList()
            : RecommendationWriter.PerModel(report.Findings).Select(r => (r.Model, Text: SafeText.Inline(WithoutRoots(r.Text, roots), 600), Warning: false)).ToList();
        PerModel(html, recommendations, order, RecommendationWriter.From([]).First(), ordered: true);

        html.Heading("Narrative");
        html.Element("p", report.Provider == ReportProvider.Offline
            ? "Written offline from the statistics: no language model was involved."
            : $"Written by {SafeText.Inline(report.Model)} through Ollama; every figure it wrote was checked against the data.", "lead");
        if (!report.Complete)
        {
            html.Element("p", "The LLM call failed part way: the narrative below holds what arrived.", "warning");
        }

        var ungrounded = report.Grounding?.Ungrounded ?? [];
        if (ungrounded.Length > 0)
        {
            html.Element("p", $"{Numbers.Integer(ungrounded.Length)} highlighted figure(s) in the narrative are not supported by the data; see {ReportSections.UnverifiedFigures} for why.", "note");
        }

        html.Raw("<section class=\"narrative\">\n")
            .Raw(string.IsNullOrWhiteSpace(report.Text) ? "<p><em>No narrative was produced.</em></p>\n" : MarkdownHtml.Render(MarkdownHtml.MarkFigures(report.Text, ungrounded)))
            .Raw("</section>\n");

        html.Heading(ReportSections.UnverifiedFigures);
        GroundingSection(html, report.Grounding);

        html.Heading(ReportSections.DataSummary);
        MetricsTable(html, report.Metrics);

        html.Heading(ReportSections.WorkflowSummary);
        html.Table(["Item", "Value"],
        [
            ["Files analyzed", Numbers.Integer(inventory?.FileCount ?? report.FilesAnalyzed)],
            ["Execution time", ReportSections.ExecutionTime(report)],
        ], (column, _) => null);
        html.Collapsed("The files analysed", d => d.Pre(ReportSections.DataSummaryBlock(report)), "files");

        html.Heading(ReportSections.Metrics);
        var timings = ReportSections.CallTimings(report);
        if (report.Provider == ReportProvider.Offline)
        {
            html.Element("p", "No LLM call: the narrative was written offline from the statistics.");
        }
        else if (timings.Count > 0)
        {
            html.Table(["The report's LLM call", "Value"], timings.Select(t => (IReadOnlyList<string>)[t.Label, t.Value]));
        }
        else
        {
            html.Element("p", "The LLM call reported no timings.");
        }

        if (report.Warnings.Length > 0)
        {
            html.Heading(ReportSections.Warnings);
            html.List(report.Warnings.Select(w => SafeText.Inline(w, 1000)), itemClass: _ => "warning");
        }

        html.Heading(ReportSections.PersonaPrompt);
        html.Raw("<details><summary>The system prompt the model was given</summary>\n")
            .Pre(SafeText.Multiline(string.IsNullOrWhiteSpace(report.Persona) ? Personas.Default : report.Persona).Trim())
            .Raw("</details>\n");
        html.Element("footer", $"Generated by Chimera Insight on {Numbers.DateTimeUtc(report.GeneratedAt)}. Every figure outside the narrative comes from the data or the LLM call.");
        return html.ToString();
    }

    /// <summary>Recommendations the report carries that are simply those derived from its findings (then shown per model).</summary>
    private static bool IsDerived(string[] given, Finding[] findings) => given.SequenceEqual(RecommendationWriter.From(findings));

    /// <summary>The line under the title: date, who wrote the narrative, what was analysed.</summary>
    private static void Strip(HtmlDocument html, InsightReport report, BenchmarkInventorySummary? inventory, IReadOnlyList<ModelHeadline> headlines)
    {
        var items = new List<(string, string)>
        {
            ("Date", Numbers.Date(report.GeneratedAt)),
            ("Narrative", report.Provider == ReportProvider.Offline ? "offline (no LLM)" : $"{SafeText.Inline(report.Model)} via {MarkdownReportWriter.Provider(report)}"),
            ("Files", Numbers.Integer(inventory?.FileCount ?? report.FilesAnalyzed)),
            ("Models", Numbers.Integer(headlines.Count)),
            ("Metric groups", Numbers.Integer(report.Metrics.Length)),
        };
        if (report.Provider == ReportProvider.Ollama)
        {
            items.Add(("Configuration", ReportSections.ConfigurationLine(report)));
        }

        if (report.Grounding is { Figures.Length: > 0 } grounding)
        {
            items.Add(("Narrative figures grounded", $"{Numbers.Integer(grounding.Grounded.Length)} of {Numbers.Integer(grounding.Figures.Length)}"));
        }

        html.Raw("<div class=\"strip\">");
        foreach (var (label, value) in items)
        {
            html.Raw("<span>" + HtmlDocument.Encode(label) + " <b>" + HtmlDocument.Encode(value) + "</b></span>");
        }

        html.Raw("</div>\n");
    }

    /// <summary>One card per model, each figure with its configuration and the count behind it.</summary>
    private static void ModelCards(HtmlDocument html, IReadOnlyList<ModelHeadline> headlines, IReadOnlyList<BenchmarkMetric> metrics)
    {
        if (headlines.Count == 0)
        {
            html.Element("p", metrics.Count == 0
                ? "No metrics were given: there is nothing to report."
                : "No group names a model with throughput or TTFT; the figures are in the table below.", "lead");
            return;
        }

        html.Raw("<section class=\"models\">\n");
        foreach (var headline in headlines)
        {
            html.Raw("<article class=\"model\">\n").Element("h3", SafeText.Inline(headline.Model, 100));
            var setting = headline.Throughput ?? headline.Ttft;
            var best = headline.Configurations <= 1 ? ""
                : headline.IsBestConfiguration ? $"best of {Numbers.Integer(headline.Configurations)} configurations"
                : $"best-covered of {Numbers.Integer(headline.Configurations)} configurations";
            html.Element("div", setting is null ? "" : ReportCharts.Compact(ModelHeadlines.Setting(setting)) + (best.Length > 0 ? " · " + best : ""), "setting");
            html.Raw("<div class=\"figs\">\n");
            if (headline.Throughput is { } throughput) Figure(html, "Throughput, warm", throughput);
            if (headline.Ttft is { } ttft) Figure(html, "TTFT, warm", ttft, headline.Throughput is { } t && ModelHeadlines.Setting(t) != ModelHeadlines.Setting(ttft) ? ReportCharts.Compact(ModelHeadlines.Setting(ttft)) : null);
            if (headline.ColdStart is { } cold)
            {
                double Value(string name) => cold.Figures.FirstOrDefault(f => f.Name == name)?.Value ?? 0;
                Fig(html, "Cold start", Numbers.Format(Value("Ratio"), 1) + "x warm",
                    $"{Numbers.WithUnit(Value("ColdMean"), "ms")} mean, n={Numbers.Integer((int)Value("ColdCount"))}", Value("Ratio") >= 2);
            }

            if (headline.Runs > 0)
            {
                Fig(html, "Failed runs", $"{Numbers.Integer(headline.Failed)} of {Numbers.Integer(headline.Runs)}",
                    headline.Failed > 0 ? Numbers.Percent(headline.FailureRate) + " counted apart, never averaged in" : "none failed", headline.Failed > 0);
            }

            html.Raw("</div>\n");
            html.Element("div", $"{Numbers.Integer(headline.Groups)} metric groups" +
                                (headline.SingleValueGroups > 0 ? $", {Numbers.Integer(headline.SingleValueGroups)} of them a single value (n=1)" : ""), "foot");
            html.Raw("</article>\n");
        }

        html.Raw("</section>\n");
        var unnamed = metrics.Count(m => string.IsNullOrWhiteSpace(m.Model));
        if (unnamed > 0)
        {
            html.Element("p", $"{Numbers.Integer(unnamed)} further metric groups name no model (telemetry, compilation and other benches): they are in the figures table, never ranked against the models.", "lead");
        }
    }

    private static void Figure(HtmlDocument html, string label, BenchmarkMetric metric, string? setting = null)
    {
        var notes = new List<string>();
        if (metric.P95.HasValue && metric.Count > 1) notes.Add("p95 " + Numbers.Format(metric.P95));
        notes.Add("n=" + Numbers.Integer(metric.Count));
        if (metric.Origin == MetricOrigin.Reported) notes.Add("reported " + (metric.Statistic ?? "mean").ToLowerInvariant());
        if (setting is not null) notes.Add(setting);
        Fig(html, label, Numbers.WithUnit(metric.Mean, SafeText.Inline(metric.Unit, 16)), string.Join(" · ", notes), false);
    }

    private static void Fig(HtmlDocument html, string label, string value, string note, bool bad) =>
        html.Raw("<div class=\"fig\"><div class=\"label\">" + HtmlDocument.Encode(label) + "</div><div class=\"value" + (bad ? " bad" : "") + "\">" +
                 HtmlDocument.Encode(value) + "</div><div class=\"note\">" + HtmlDocument.Encode(note) + "</div></div>\n");

    /// <summary>Models side by side, only where one file measured them with one configuration.</summary>
    private static void Comparisons(HtmlDocument html, IReadOnlyList<Finding> findings)
    {
        var comparisons = findings.Where(f => f.Kind == "ModelComparison").ToList();
        if (comparisons.Count == 0) return;
        html.Heading("Across models");
        html.Element("p", "Only where one file measured several models with the same configuration (so the same machine and settings):", "lead");
        html.List(comparisons.Select(f => SafeText.Inline(f.Text, 600)));
    }

    /// <summary>Items grouped under their model's name: the headline models first, in card order, then other
    /// named subjects, then what is about files or the data as a whole. Warnings first within each, tagged.</summary>
    private static void PerModel(HtmlDocument html, IReadOnlyList<(string? Model, string Text, bool Warning)> items, List<string> order, string none, bool ordered)
    {
        if (items.Count == 0)
        {
            html.Element("p", none);
            return;
        }

        int Rank(string model) => model.Length == 0 ? int.MaxValue : order.IndexOf(model) is var i and >= 0 ? i : order.Count;
        var groups = items.GroupBy(i => i.Model ?? "", StringComparer.Ordinal)
            .OrderBy(g => Rank(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var group in groups)
        {
            if (groups.Count > 1 || group.Key.Length > 0)
            {
                html.Raw("<h3 class=\"model-name\">" + HtmlDocument.Encode(group.Key.Length == 0 ? "Files and data without a model" : SafeText.Inline(group.Key, 100)) + "</h3>\n");
            }

            var tag = ordered ? "ol" : "ul";
            html.Raw($"<{tag} class=\"{(ordered ? "recommendations" : "findings")}\">\n");
            foreach (var item in group.OrderBy(i => i.Warning ? 0 : 1))
            {
                html.Raw("<li>" + (item.Warning ? "<span class=\"tag\">warning</span> " : "") + HtmlDocument.Encode(item.Text) + "</li>\n");
            }

            html.Raw($"</{tag}>\n");
        }
    }

    /// <summary>Paths in a sentence shown relative to the folder they were found under.</summary>
    private static string WithoutRoots(string text, IReadOnlyList<string> roots)
    {
        foreach (var root in roots.Where(r => r.Length > 1).OrderByDescending(r => r.Length))
        {
            text = text.Replace(root.TrimEnd('/', '\\') + "/", "").Replace(root.TrimEnd('/', '\\') + "\\", "");
        }

        return text;
    }

    private static void Charts(HtmlDocument html, InsightReport report, IReadOnlyList<ModelHeadline> headlines)
    {
        var panels = headlines.Take(ChartedModels)
            .SelectMany(h => ReportCharts.ForModel(h.Model, report.Metrics, h.ColdStart)).ToList();
        if (panels.Count == 0) return;
        html.Heading("Charts");
        if (headlines.Count > ChartedModels)
        {
            html.Element("p", $"The first {ChartedModels} of {Numbers.Integer(headlines.Count)} models; every model's figures are in the table below.", "lead");
        }

        foreach (var panel in panels) html.Chart(panel);
    }

    /// <summary>Every metric group, collapsed per model, filterable; groups of one value marked n=1.</summary>
    private static void MetricsTable(HtmlDocument html, IReadOnlyList<BenchmarkMetric> metrics)
    {
        if (metrics.Count == 0)
        {
            html.Element("p", "No metrics were given.");
            return;
        }

        html.Element("p", $"{Numbers.Integer(metrics.Count)} metric groups, collapsed by model; open one, or type to filter (model, metric, configuration).", "lead");
        html.FilterBox("Filter the figures, e.g. TtftMs q4_0 ctx=2048");
        var byModel = metrics.GroupBy(m => m.Model ?? "", StringComparer.Ordinal)
            .OrderBy(g => g.Key.Length == 0 ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byModel)
        {
            var rows = ReportSections.OrderedMetrics(group);
            var single = rows.Count(m => m.Count == 1);
            var name = group.Key.Length == 0 ? "No model recorded" : SafeText.Inline(group.Key, 100);
            html.Collapsed($"{name}: {Numbers.Integer(rows.Count)} groups" + (single > 0 ? $" ({Numbers.Integer(single)} with n=1)" : ""),
                d => d.RowTable(ReportSections.MetricHeader, rows.Select(m => ((IReadOnlyList<string>)ReportSections.MetricRow(m), m.Count == 1 ? "n1" : (string?)null)), 3, "n=1"),
                model: name);
        }
    }

    private static void GroundingSection(HtmlDocument html, GroundingResult? grounding)
    {
        if (grounding is null)
        {
            html.Element("p", "The narrative's figures were not checked.");
            return;
        }

        if (grounding.Figures.Length == 0)
        {
            html.Element("p", "The narrative states no figures.");
            return;
        }

        html.Element("p", $"{Numbers.Integer(grounding.Grounded.Length)} of {Numbers.Integer(grounding.Figures.Length)} figures in the narrative are supported by the data ({Numbers.Percent(grounding.GroundedRatio * 100)}).");
        if (grounding.Ungrounded.Length > 0)
        {
            html.Table(FlaggedHeader, grounding.Ungrounded.Select(FlaggedRow), (column, _) => column == 0 ? "warning" : null);
        }
    }

    private static readonly string[] FlaggedHeader = ["Figure as written", "Where", "Why it is flagged", "The data holds"];

    /// <summary>One flagged figure: as written, where, why (the grounding check's reason) and what the data holds for
    /// the claim (and whose the value is, when it belongs to another subject).</summary>
    private static IReadOnlyList<string> FlaggedRow(GroundedFigure figure) =>
    [
        SafeText.Inline(figure.Text, 60),
        $"line {Numbers.Integer(figure.Line)}, column {Numbers.Integer(figure.Column)}",
        figure.Reason?.ToString() ?? "",
        SafeText.Inline(figure.Expected, 40) + (string.IsNullOrWhiteSpace(figure.BelongsTo) ? "" : " (the value is " + SafeText.Inline(figure.BelongsTo, 120) + ")"),
    ];
}
