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
    public static InsightReport Complete(InsightReport report) => Complete(report, inputFacts: null);

    /// <summary>As <see cref="Complete(InsightReport)"/>, with the facts of the report's metrics, findings and inventory
    /// built already (<see cref="InputFacts"/>): only the call's own figures are added to them.</summary>
    public static InsightReport Complete(InsightReport report, FactSet? inputFacts)
    {
        if (report is null) throw new ArgumentNullException(nameof(report));
        if (report.Recommendations is not { Length: > 0 })
        {
            report.Recommendations = RecommendationWriter.From(report.Findings, report.Metrics);
        }

        report.Grounding = GroundingChecker.Check(report.Text, FactsOf(report, inputFacts), "narrative");
        FactIdRenderer.Mark(report.Grounding, report.FactReferences ?? []);
        report.Markdown = MarkdownReportWriter.Write(report);
        return report;
    }

    /// <summary>The facts of the report's inputs: its metrics, findings and inventory.</summary>
    public static FactSet InputFacts(InsightReport report) =>
        FactSet.From(report.Metrics ?? [], report.Findings ?? [], report.Inventory);

    /// <summary>Every fact the report's narrative may state: its inputs' (built here unless given) and its own call's.</summary>
    public static FactSet FactsOf(InsightReport report, FactSet? inputFacts)
    {
        var facts = inputFacts?.Copy() ?? InputFacts(report);
        facts.AddReport(report, includeInputs: false);
        return facts;
    }
}
