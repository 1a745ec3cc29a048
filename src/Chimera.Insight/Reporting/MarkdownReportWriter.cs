using System.Text;

namespace Chimera.Insight.Reporting;

/// <summary>
/// Writes the whole report as Markdown, in the seed's layout: title block, the narrative, Workflow
/// Summary (with the data summary block), Data Summary (the figures per group), Metrics (the LLM
/// call's own timings), Key Findings, Recommendations, Unverified Figures, Warnings, Persona Prompt.
/// Every figure outside the narrative comes from the data or the call.
/// </summary>
public static class MarkdownReportWriter
{
    public static string Write(InsightReport report)
    {
        if (report is null) throw new ArgumentNullException(nameof(report));
        var md = new StringBuilder();
        md.Append("# ").Append(ReportSections.Title).Append("\n\n");
        md.Append("**Date:** ").Append(Numbers.Date(report.GeneratedAt)).Append('\n');
        md.Append("**Agent Type:** ").Append(SafeText.Inline(report.AgentType)).Append('\n');
        md.Append("**Model:** ").Append(SafeText.Inline(report.Model)).Append('\n');
        md.Append("**Provider:** ").Append(Provider(report)).Append('\n');
        md.Append("**Configuration:** ").Append(ReportSections.ConfigurationLine(report)).Append("\n\n");
        md.Append("---\n\n");

        var narrative = NeutraliseHtml(SafeText.Multiline(report.Text).Trim());
        md.Append(narrative.Length > 0 ? narrative : "_No narrative was produced._").Append("\n\n");
        md.Append("---\n\n");

        Section(md, ReportSections.WorkflowSummary);
        md.Append("- Files analyzed: ").Append(Numbers.Integer(report.Inventory?.FileCount ?? report.FilesAnalyzed)).Append('\n');
        md.Append("- Execution time: ").Append(ReportSections.ExecutionTime(report)).Append('\n');
        md.Append("- Data summary:\n");
        Fenced(md, ReportSections.DataSummaryBlock(report));
        md.Append('\n');

        Section(md, ReportSections.DataSummary);
        if (report.Metrics.Length == 0)
        {
            md.Append("- No metrics were given.\n\n");
        }
        else
        {
            // The headline figures come first; a large data set lists the rest in the exports, not here.
            var ordered = ReportSections.OrderedMetrics(report.Metrics);
            Table(md, ReportSections.MetricHeader, ordered.Take(ReportSections.DataSummaryRows).Select(ReportSections.MetricRow));
            if (ordered.Count > ReportSections.DataSummaryRows)
            {
                md.Append("- ... and ").Append(Numbers.Integer(ordered.Count - ReportSections.DataSummaryRows))
                  .Append(" more groups: every figure is in the report's Metrics and in its JSON and HTML exports.\n\n");
            }
        }

        Section(md, ReportSections.Metrics);
        var timings = ReportSections.CallTimings(report);
        if (report.Provider == ReportProvider.Offline)
        {
            md.Append("- No LLM call: the narrative was written offline from the statistics.\n");
        }
        else if (timings.Count == 0)
        {
            md.Append("- The LLM call reported no timings.\n");
        }

        foreach (var (label, value) in timings)
        {
            md.Append("- ").Append(label).Append(": ").Append(value).Append('\n');
        }

        if (!report.Complete)
        {
            md.Append("- Incomplete: the call failed part way; the narrative holds what arrived.\n");
        }

        md.Append('\n');

        Section(md, ReportSections.KeyFindings);
        if (report.Findings.Length == 0)
        {
            md.Append("- No findings.\n");
        }

        // Model by model (each finding's text names its model), those about files or the whole data last.
        foreach (var finding in report.Findings.OrderBy(f => f.Model is null ? 1 : 0).ThenBy(f => f.Model ?? "", StringComparer.Ordinal)
                     .ThenBy(f => f.Severity == FindingSeverity.Warning ? 0 : 1))
        {
            md.Append("- ");
            if (finding.Severity == FindingSeverity.Warning) md.Append("**Warning:** ");
            md.Append(SafeText.Inline(finding.Text, 400)).Append('\n');
        }

        md.Append('\n');

        Section(md, ReportSections.Recommendations);
        foreach (var recommendation in ReportSections.RecommendationsOf(report))
        {
            md.Append("- ").Append(SafeText.Inline(recommendation, 600)).Append('\n');
        }

        md.Append('\n');

        Section(md, ReportSections.UnverifiedFigures);
        md.Append(GroundingSummary(report.Grounding)).Append('\n');

        if (report.Warnings.Length > 0)
        {
            Section(md, ReportSections.Warnings);
            foreach (var warning in report.Warnings)
            {
                md.Append("- ").Append(SafeText.Inline(warning, 1000)).Append('\n');
            }

            md.Append('\n');
        }

        Section(md, ReportSections.PersonaPrompt);
        Fenced(md, SafeText.Multiline(string.IsNullOrWhiteSpace(report.Persona) ? Personas.Default : report.Persona).Trim());
        return md.ToString();
    }

    /// <summary>The Unverified Figures section's body: which narrative figures the data does not support.</summary>
    public static string GroundingSummary(GroundingResult? grounding)
    {
        if (grounding is null)
        {
            return "- The narrative's figures were not checked.\n";
        }

        if (grounding.Figures.Length == 0)
        {
            return "- The narrative states no figures.\n";
        }

        var text = new StringBuilder();
        text.Append($"- {Numbers.Integer(grounding.Grounded.Length)} of {Numbers.Integer(grounding.Figures.Length)} figures in the narrative are supported by the data ({Numbers.Percent(grounding.GroundedRatio * 100)}).\n");
        foreach (var figure in grounding.Ungrounded)
        {
            text.Append("- Not in the data: `").Append(SafeText.Inline(figure.Text, 60)).Append("` (line ")
                .Append(Numbers.Integer(figure.Line)).Append(", column ").Append(Numbers.Integer(figure.Column)).Append(")")
                .Append(Why(figure)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>": OtherSubject, expected 76.59 tok/s (gemma3:270m · Warm)": why a flagged figure is flagged, and what the data holds.</summary>
    internal static string Why(GroundedFigure figure)
    {
        if (figure.Reason is null) return "";
        var text = ": " + figure.Reason;
        if (!string.IsNullOrWhiteSpace(figure.Expected)) text += ", expected " + SafeText.Inline(figure.Expected, 40);
        if (!string.IsNullOrWhiteSpace(figure.BelongsTo)) text += " (the value is " + SafeText.Inline(figure.BelongsTo, 120) + ")";
        return text;
    }

    private static readonly System.Text.RegularExpressions.Regex HtmlTagStart = new(@"<(?=[A-Za-z/!?])", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The narrative is model output: raw HTML tags in it are shown as text, never rendered by a Markdown viewer.</summary>
    internal static string NeutraliseHtml(string markdown) => HtmlTagStart.Replace(markdown, "&lt;");

    internal static string Provider(InsightReport report)
    {
        if (report.Provider == ReportProvider.Offline)
        {
            return "Offline";
        }

        var details = new[] { SafeText.Inline(report.OllamaUri, 120), report.OllamaVersion is { Length: > 0 } v ? "version " + SafeText.Inline(v, 40) : "" }
            .Where(p => p.Length > 0).ToList();
        return "Ollama" + (details.Count > 0 ? " (" + string.Join(", ", details) + ")" : "");
    }

    private static void Section(StringBuilder md, string title) => md.Append("## ").Append(title).Append("\n\n");

    private static void Table(StringBuilder md, string[] header, IEnumerable<string[]> rows)
    {
        md.Append("| ").Append(string.Join(" | ", header)).Append(" |\n");
        md.Append('|').Append(string.Concat(header.Select(_ => " --- |"))).Append('\n');
        foreach (var row in rows)
        {
            md.Append("| ").Append(string.Join(" | ", row.Select(SafeText.TableCell))).Append(" |\n");
        }

        md.Append('\n');
    }

    /// <summary>A fenced block whose fence is longer than any backtick run inside it.</summary>
    internal static void Fenced(StringBuilder md, string content)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in content)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        md.Append(fence).Append('\n').Append(content).Append('\n').Append(fence).Append('\n');
    }
}
