using System.Text;

namespace Chimera.Insight.Reporting;

/// <summary>
/// Writes the narrative without a model, when Ollama cannot be reached or with -Offline: an executive
/// summary with bold metric callouts, three recommendations and a risk/mitigation table, every
/// figure taken from the metrics, findings and inventory.
/// </summary>
public static class OfflineNarrativeWriter
{
    public static string Write(IReadOnlyList<BenchmarkMetric>? metrics, IReadOnlyList<Finding>? findings, BenchmarkInventorySummary? inventory)
    {
        metrics ??= [];
        findings ??= [];
        inventory ??= metrics.Select(m => m.Inventory).FirstOrDefault(i => i is not null);
        var text = new StringBuilder();
        text.Append("## 1. Executive Summary\n\n");
        text.Append(Scope(metrics, inventory)).Append("\n\n");
        foreach (var line in Callouts(metrics, findings))
        {
            text.Append("- ").Append(line).Append('\n');
        }

        text.Append("\n## 2. Optimisation Recommendations\n\n");
        var recommendations = Leading(findings, ModelHeadlines.Of(metrics, findings));
        for (var i = 0; i < recommendations.Count; i++)
        {
            text.Append(i + 1).Append(". ").Append(recommendations[i]).Append('\n');
        }

        text.Append("\n## 3. Risks and Mitigations\n\n");
        text.Append("| Risk | Evidence | Mitigation |\n| --- | --- | --- |\n");
        foreach (var (risk, evidence, mitigation) in Risks(metrics, findings))
        {
            text.Append("| ").Append(Cell(risk)).Append(" | ").Append(Cell(evidence)).Append(" | ").Append(Cell(mitigation)).Append(" |\n");
        }

        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>Three recommendations: the first of each headline model in turn, then the others.</summary>
    private static List<string> Leading(IReadOnlyList<Finding> findings, IReadOnlyList<ModelHeadline> headlines)
    {
        var all = RecommendationWriter.PerModel(findings);
        var first = headlines.Select(h => all.FirstOrDefault(r => r.Model == h.Model).Text).Where(t => t is not null);
        var list = first.Concat(all.Select(r => r.Text)).Distinct(StringComparer.Ordinal).Take(3).ToList();
        return list.Count > 0 ? list : RecommendationWriter.From([]).ToList();
    }

    private static string Scope(IReadOnlyList<BenchmarkMetric> metrics, BenchmarkInventorySummary? inventory)
    {
        var parts = new List<string>();
        if (inventory is not null)
        {
            var kinds = inventory.Kinds.OrderBy(k => k.Kind).Select(k => Numbers.Integer(k.Count) + " " + k.Kind);
            parts.Add($"This report analyses **{Numbers.Integer(inventory.FileCount)} files**" +
                      (inventory.Kinds.Length > 0 ? " (" + string.Join(", ", kinds) + ")" : ""));
        }
        else
        {
            parts.Add("This report analyses the metrics it was given");
        }

        var models = metrics.Select(m => m.Model).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct().Count();
        parts.Add($"{Numbers.Integer(metrics.Count)} metric groups across {Numbers.Integer(models)} models");
        return string.Join(": ", parts) + ". It was written offline from the computed statistics; no language model was involved.";
    }

    /// <summary>One line per model, every figure with its configuration and count; models side by side only
    /// where a ModelComparison finding says they shared a file and a configuration.</summary>
    private static IEnumerable<string> Callouts(IReadOnlyList<BenchmarkMetric> metrics, IReadOnlyList<Finding> findings)
    {
        var headlines = ModelHeadlines.Of(metrics, findings);
        foreach (var headline in headlines)
        {
            yield return ModelHeadlines.Sentence(headline);
        }

        foreach (var comparison in findings.Where(f => f.Kind == "ModelComparison"))
        {
            yield return "**Across models:** " + SafeText.Inline(comparison.Text, SafeText.SentenceLength);
        }

        if (headlines.Count == 0)
        {
            foreach (var metric in metrics.Take(3))
            {
                yield return $"**{MetricNames.DisplayName(SafeText.Inline(metric.Metric, 60))}:** **{Numbers.WithUnit(metric.Mean, SafeText.Inline(metric.Unit, 16))}** mean for {MetricNames.Group(metric)} (n={Numbers.Integer(metric.Count)}).";
            }
        }

        var unnamed = metrics.Count(m => string.IsNullOrWhiteSpace(m.Model));
        if (unnamed > 0 && headlines.Count > 0)
        {
            yield return $"{Numbers.Integer(unnamed)} metric groups name no model (telemetry, compilation and other benches): they are listed in the figures table, never ranked against the models.";
        }

        var warnings = findings.Count(f => f.Severity == FindingSeverity.Warning);
        if (warnings > 0)
        {
            yield return $"**Findings:** {Numbers.Integer(warnings)} of {Numbers.Integer(findings.Count)} need attention (see Key Findings).";
        }
    }

    /// <summary>Groups with fewer values than this (written "five" in the text) have no firm percentiles.</summary>
    private const int FewValues = 5;

    /// <summary>A model's measured group with too few values for firm percentiles (the risk table counts them).</summary>
    internal static bool HasFewValues(BenchmarkMetric m) =>
        m.Origin == MetricOrigin.Measured && m.Count is > 0 and < FewValues && !string.IsNullOrWhiteSpace(m.Model);

    private static IEnumerable<(string Risk, string Evidence, string Mitigation)> Risks(IReadOnlyList<BenchmarkMetric> metrics, IReadOnlyList<Finding> findings)
    {
        var rows = new List<(string, string, string)>();
        foreach (var finding in findings.Where(f => f.Severity == FindingSeverity.Warning).Take(3))
        {
            rows.Add((RiskName(finding.Kind), SafeText.Inline(finding.Text, SafeText.SentenceLength), RecommendationWriter.From([finding])[0]));
        }

        var small = metrics.Where(HasFewValues).ToList();
        if (small.Count > 0)
        {
            var models = small.Select(m => m.Model!).Distinct(StringComparer.Ordinal).OrderBy(m => m, StringComparer.Ordinal).Select(m => SafeText.Inline(m, SafeText.NameLength));
            rows.Add(("Too few samples for firm percentiles", $"{Numbers.Integer(small.Count)} metric groups of {string.Join(", ", models)} hold fewer than five values", "Repeat the runs until every group has enough samples for stable percentiles (twenty or more)."));
        }

        if (metrics.Any(m => m.Origin == MetricOrigin.Reported))
        {
            rows.Add(("Summarised figures cannot be tested for significance", $"{Numbers.Integer(metrics.Count(m => m.Origin == MetricOrigin.Reported))} metric groups come from figures files stated already summarised", "Keep the raw per-request samples next to each summary."));
        }

        if (metrics.Count == 0)
        {
            rows.Add(("No benchmark data", "No metric group was given", "Point Get-BenchmarkInventory at the folders that hold the runs' CSV, JSON or Markdown files."));
        }
        else if (rows.Count < 2 && metrics.Any(m => m.Phase == Phase.Cold) && !findings.Any(f => f.Kind == "ColdStartPenalty"))
        {
            rows.Add(("Cold starts inflate tail latency", "Cold-phase groups are present in the data", "Separate warm and cold requests and compare like with like."));
        }

        // Only risks the data shows: no canned rows to fill the table.
        return rows.Take(4);
    }

    private static string RiskName(string kind) => kind switch
    {
        "ColdStartPenalty" => "Cold starts inflate TTFT",
        "Reload" => "Option changes reload the model",
        "FailureRate" => "Failed runs hide behind good averages",
        "HighVariance" => "Unstable measurements",
        "Duplicate" or "Redundant" => "Runs counted twice",
        "StaleData" => "Stale data",
        "MissingMetric" => "Missing metrics",
        _ => SafeText.Inline(kind, 40),
    };

    private static string Cell(string text) => SafeText.Inline(text, 300);
}
