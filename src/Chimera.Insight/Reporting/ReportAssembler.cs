namespace Chimera.Insight.Reporting;

/// <summary>Fills in the parts of an <see cref="InsightReport"/> that the reporting engine derives.</summary>
public static class ReportAssembler
{
    /// <summary>
    /// Sets <see cref="InsightReport.Recommendations"/> (from the findings, when the report has none),
    /// <see cref="InsightReport.Grounding"/> (the narrative checked against the report's metrics, findings,
    /// inventory and call timings) and <see cref="InsightReport.Markdown"/> (the whole document), in that
    /// order so the document shows both. Returns the same report.
    /// </summary>
    public static InsightReport Complete(InsightReport report)
    {
        if (report is null) throw new ArgumentNullException(nameof(report));
        if (report.Recommendations is not { Length: > 0 })
        {
            report.Recommendations = RecommendationWriter.From(report.Findings, report.Metrics);
        }

        report.Grounding = GroundingChecker.Check(report.Text, FactSet.From(report.Metrics, report.Findings, report.Inventory, report), "narrative");
        report.Markdown = MarkdownReportWriter.Write(report);
        return report;
    }
}
