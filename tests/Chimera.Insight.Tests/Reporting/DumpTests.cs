using Chimera.Insight.Reporting;
using Xunit;

namespace Chimera.Insight.Tests.Reporting;

public class DumpTests
{
    [Fact]
    public void Dump()
    {
        var report = ReportingFixtures.Report();
        report.Inventory!.Kinds[1].FirstFiles = ["<script>alert(1)</script>.csv", "a.json"];
        report.Text = OfflineNarrativeWriter.Write(report.Metrics, report.Findings, report.Inventory) + "\n<script>alert(2)</script> [x](http://evil) ![img](http://evil/x.png)\n";
        report.Grounding = GroundingChecker.Check(report.Text, FactSet.From(report.Metrics, report.Findings, report.Inventory, report));
        File.WriteAllText("/tmp/r.md", MarkdownReportWriter.Write(report));
        File.WriteAllText("/tmp/r.html", HtmlReportWriter.Write(report));
        File.WriteAllText("/tmp/r.json", ReportJson.Serialize(report));
        File.WriteAllText("/tmp/facts.txt", FactSheet.Build(report.Metrics, report.Findings, report.Inventory).ToText() + "\n\n" + PromptBudget.Fit(null, FactSheet.Build(report.Metrics, report.Findings, report.Inventory), 512).Prompt + "\n\n" + string.Join("\n", report.Grounding.Ungrounded.Select(f => f.Text + " " + f.Line)));
    }
}
