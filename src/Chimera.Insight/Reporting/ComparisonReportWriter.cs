using System.Text;

namespace Chimera.Insight.Reporting;

/// <summary>One metric's figures pooled over every matched group of a comparison.</summary>
public sealed class ComparisonAggregate
{
    public string Metric { get; set; } = "";
    public string Unit { get; set; } = "";
    public int Groups { get; set; }
    public double ReferenceMean { get; set; }
    public double? ReferenceStdDev { get; set; }
    public double? ReferenceCV { get; set; }
    public int ReferenceCount { get; set; }
    public double DifferenceMean { get; set; }
    public double? DifferenceStdDev { get; set; }
    public double? DifferenceCV { get; set; }
    public int DifferenceCount { get; set; }
    /// <summary>Difference against reference, percent (positive: the difference side is higher).</summary>
    public double DeltaPercent { get; set; }
    public int Better { get; set; }
    public int Worse { get; set; }
    public int Same { get; set; }
    public int Inconclusive { get; set; }
}

/// <summary>
/// The comparison report (reference against difference), in the way of the seed agents' comparison
/// report: an executive summary (throughput improvement, TTFT reduction), an aggregate table with
/// ± standard deviation and CV, the rows per group, and whether each difference is significant.
/// </summary>
public static class ComparisonReportWriter
{
    public const string Title = "Chimera Insight: Benchmark Comparison";

    public static readonly string[] GroupHeader = ["Metric", "Group", "Reference", "Difference", "Δ %", "p-value", "Verdict", "Basis"];
    public static readonly string[] AggregateHeader = ["Metric", "Groups", "Reference (mean ± sd)", "Reference CV", "Difference (mean ± sd)", "Difference CV", "Δ %", "Better / Worse / Same / Inconclusive"];

    /// <summary>Pools the matched groups of each metric: count-weighted mean, and the standard deviation of all their samples together.</summary>
    public static IReadOnlyList<ComparisonAggregate> Aggregate(IEnumerable<BenchmarkComparison> comparisons) => comparisons
        .Where(c => c.Status == ComparisonStatus.Matched && c.ReferenceMean.HasValue && c.DifferenceMean.HasValue)
        .GroupBy(c => c.Metric, StringComparer.OrdinalIgnoreCase)
        .OrderBy(g => MetricNames.Rank(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g =>
        {
            var rows = g.ToList();
            var (refMean, refSd, refN) = Pool(rows.Select(c => (c.ReferenceMean!.Value, c.ReferenceStdDev, c.ReferenceCount)));
            var (difMean, difSd, difN) = Pool(rows.Select(c => (c.DifferenceMean!.Value, c.DifferenceStdDev, c.DifferenceCount)));
            return new ComparisonAggregate
            {
                Metric = g.Key,
                Unit = rows[0].Unit,
                Groups = rows.Count,
                ReferenceMean = refMean,
                ReferenceStdDev = refSd,
                ReferenceCV = refSd.HasValue && refMean != 0 ? 100 * refSd.Value / Math.Abs(refMean) : null,
                ReferenceCount = refN,
                DifferenceMean = difMean,
                DifferenceStdDev = difSd,
                DifferenceCV = difSd.HasValue && difMean != 0 ? 100 * difSd.Value / Math.Abs(difMean) : null,
                DifferenceCount = difN,
                DeltaPercent = refMean == 0 ? 0 : 100 * (difMean - refMean) / Math.Abs(refMean),
                Better = rows.Count(c => c.Verdict == ComparisonVerdict.Better),
                Worse = rows.Count(c => c.Verdict == ComparisonVerdict.Worse),
                Same = rows.Count(c => c.Verdict == ComparisonVerdict.Same),
                Inconclusive = rows.Count(c => c.Verdict == ComparisonVerdict.Inconclusive),
            };
        })
        .ToList();

    /// <summary>The executive summary's sentences, e.g. "Throughput improved by 12.4% ...", "TTFT fell by 8.1% ...".</summary>
    public static IReadOnlyList<string> Summary(IReadOnlyList<BenchmarkComparison> comparisons)
    {
        var lines = new List<string>();
        var aggregates = Aggregate(comparisons);
        var throughput = aggregates.FirstOrDefault(a => string.Equals(a.Metric, CanonicalMetric.TokensPerSecond, StringComparison.OrdinalIgnoreCase));
        if (throughput is not null)
        {
            var verb = throughput.DeltaPercent >= 0 ? "improved" : "fell";
            lines.Add($"**Throughput {verb} by {Numbers.Format(Math.Abs(throughput.DeltaPercent), 1)}%**: {Numbers.Format(throughput.ReferenceMean)} → {Numbers.Format(throughput.DifferenceMean)} {throughput.Unit} over {Numbers.Integer(throughput.Groups)} matched groups ({Verdicts(throughput)}).");
        }

        var ttft = aggregates.FirstOrDefault(a => string.Equals(a.Metric, CanonicalMetric.TtftMs, StringComparison.OrdinalIgnoreCase));
        if (ttft is not null)
        {
            var reduction = -ttft.DeltaPercent;
            var phrase = reduction >= 0 ? $"**TTFT reduced by {Numbers.Format(reduction, 1)}%**" : $"**TTFT increased by {Numbers.Format(-reduction, 1)}%**";
            lines.Add($"{phrase}: {Numbers.Format(ttft.ReferenceMean)} → {Numbers.Format(ttft.DifferenceMean)} {ttft.Unit} over {Numbers.Integer(ttft.Groups)} matched groups ({Verdicts(ttft)}).");
        }

        var significant = comparisons.Count(c => c.Verdict is ComparisonVerdict.Better or ComparisonVerdict.Worse);
        lines.Add($"{Numbers.Integer(significant)} of {Numbers.Integer(comparisons.Count)} comparisons show a difference beyond the threshold and significance test; " +
                  $"{Numbers.Integer(comparisons.Count(c => c.Verdict == ComparisonVerdict.Inconclusive))} are inconclusive.");
        var added = comparisons.Count(c => c.Status == ComparisonStatus.Added);
        var removed = comparisons.Count(c => c.Status == ComparisonStatus.Removed);
        if (added + removed > 0)
        {
            lines.Add($"{Numbers.Integer(added)} groups exist only in the difference set and {Numbers.Integer(removed)} only in the reference set.");
        }

        return lines;
    }

    public static string WriteMarkdown(IReadOnlyList<BenchmarkComparison> comparisons, DateTime generatedAt)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Title).Append("\n\n");
        md.Append("**Date:** ").Append(Numbers.Date(generatedAt)).Append('\n');
        md.Append("**Comparisons:** ").Append(Numbers.Integer(comparisons.Count)).Append("\n\n---\n\n");
        md.Append("## Executive Summary\n\n");
        foreach (var line in Summary(comparisons)) md.Append("- ").Append(line).Append('\n');
        md.Append("\n## Aggregate\n\n");
        Table(md, AggregateHeader, Aggregate(comparisons).Select(AggregateRow));
        md.Append("## Per Group\n\n");
        Table(md, GroupHeader, Ordered(comparisons).Select(GroupRow));
        md.Append("## Significance\n\n");
        md.Append("- A verdict of Better or Worse needs the change to pass the threshold and, where both sides have raw samples, the Mann-Whitney U test (p-value shown); summarised figures are judged on the threshold only (Basis).\n");
        md.Append("- Higher is better for throughput; lower is better for times.\n");
        return md.ToString();
    }

    public static string WriteHtml(IReadOnlyList<BenchmarkComparison> comparisons, DateTime generatedAt)
    {
        var html = new HtmlDocument($"{Title} ({Numbers.Date(generatedAt)})");
        html.Raw("<header>\n").Heading(Title, 1).Meta([("Date", Numbers.Date(generatedAt)), ("Comparisons", Numbers.Integer(comparisons.Count))]).Raw("</header>\n");
        html.Heading("Executive Summary");
        html.Raw(MarkdownHtml.Render(string.Join("\n", Summary(comparisons).Select(l => "- " + l))));
        html.Heading("Aggregate");
        html.Table(AggregateHeader, Aggregate(comparisons).Select(a => (IReadOnlyList<string>)AggregateRow(a)));
        html.Heading("Per Group");
        html.Table(GroupHeader, Ordered(comparisons).Select(c => (IReadOnlyList<string>)GroupRow(c)),
            (column, value) => column == 6 ? (value == nameof(ComparisonVerdict.Better) ? "better" : value == nameof(ComparisonVerdict.Worse) ? "worse" : null) : null);
        html.Heading("Significance");
        html.Element("p", "A verdict of Better or Worse needs the change to pass the threshold and, where both sides have raw samples, the Mann-Whitney U test (p-value shown); summarised figures are judged on the threshold only (Basis). Higher is better for throughput; lower is better for times.");
        return html.ToString();
    }

    private static IEnumerable<BenchmarkComparison> Ordered(IEnumerable<BenchmarkComparison> comparisons) => comparisons
        .OrderBy(c => MetricNames.Rank(c.Metric)).ThenBy(c => c.Metric, StringComparer.Ordinal).ThenBy(Group, StringComparer.Ordinal);

    private static string[] AggregateRow(ComparisonAggregate a) =>
    [
        MetricNames.DisplayName(SafeText.Inline(a.Metric, 60)) + (a.Unit.Length > 0 ? " (" + SafeText.Inline(a.Unit, 16) + ")" : ""),
        Numbers.Integer(a.Groups),
        MeanSd(a.ReferenceMean, a.ReferenceStdDev),
        a.ReferenceCV.HasValue ? Numbers.Percent(a.ReferenceCV.Value) : "n/a",
        MeanSd(a.DifferenceMean, a.DifferenceStdDev),
        a.DifferenceCV.HasValue ? Numbers.Percent(a.DifferenceCV.Value) : "n/a",
        Numbers.Signed(Math.Round(a.DeltaPercent, 1)) + "%",
        $"{a.Better} / {a.Worse} / {a.Same} / {a.Inconclusive}",
    ];

    private static string[] GroupRow(BenchmarkComparison c) =>
    [
        MetricNames.DisplayName(SafeText.Inline(c.Metric, 60)) + (c.Unit.Length > 0 ? " (" + SafeText.Inline(c.Unit, 16) + ")" : ""),
        Group(c) + (c.Status == ComparisonStatus.Matched ? "" : " [" + c.Status + "]"),
        Side(c.ReferenceMean, c.ReferenceStdDev, c.ReferenceCount, c.ReferenceFailedCount),
        Side(c.DifferenceMean, c.DifferenceStdDev, c.DifferenceCount, c.DifferenceFailedCount),
        c.DeltaPercent.HasValue ? Numbers.Signed(Math.Round(c.DeltaPercent.Value, 1)) + "%" : "n/a",
        PValue(c.PValue),
        c.Verdict.ToString(),
        SafeText.Plain(c.Basis, 80),
    ];

    /// <summary>"0.0012", "&lt;0.0001", or "n/a" where a side has no raw samples.</summary>
    public static string PValue(double? p) => p switch
    {
        null => "n/a",
        < 0.0001 => "<0.0001",
        _ => Numbers.Format(p.Value, 4),
    };

    private static string Group(BenchmarkComparison c)
    {
        var parts = new[] { c.Model, c.Configuration, c.Backend, c.Phase?.ToString(), c.Prompt is null ? null : "prompt " + c.Prompt, c.Source is null ? null : System.IO.Path.GetFileName(c.Source) }
            .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => SafeText.Inline(p, 80)).ToList();
        return parts.Count == 0 ? "all data" : string.Join(" · ", parts);
    }

    private static string Side(double? mean, double? sd, int count, int failed) =>
        mean.HasValue ? MeanSd(mean.Value, sd) + $" (n={Numbers.Integer(count)}" + (failed > 0 ? $", failed {Numbers.Integer(failed)}" : "") + ")" : "n/a";

    private static string MeanSd(double mean, double? sd) => Numbers.Format(mean) + (sd.HasValue ? " ± " + Numbers.Format(sd.Value) : "");

    private static string Verdicts(ComparisonAggregate a) =>
        $"{Numbers.Integer(a.Better)} better, {Numbers.Integer(a.Worse)} worse, {Numbers.Integer(a.Same)} same, {Numbers.Integer(a.Inconclusive)} inconclusive";

    private static (double Mean, double? StdDev, int Count) Pool(IEnumerable<(double Mean, double? StdDev, int Count)> groups)
    {
        var list = groups.Select(g => (g.Mean, g.StdDev, Weight: Math.Max(1, g.Count))).ToList();
        var total = list.Sum(g => g.Weight);
        var mean = list.Sum(g => g.Mean * g.Weight) / total;
        if (total < 2 || list.Any(g => g.StdDev is null && g.Weight > 1))
        {
            return (mean, list.Count > 1 ? StdDevOfMeans(list.Select(g => g.Mean).ToList()) : null, list.Sum(g => g.Weight));
        }

        var sumSquares = list.Sum(g => (g.Weight - 1) * Math.Pow(g.StdDev ?? 0, 2) + g.Weight * Math.Pow(g.Mean - mean, 2));
        return (mean, Math.Sqrt(sumSquares / (total - 1)), total);
    }

    private static double? StdDevOfMeans(IReadOnlyList<double> means)
    {
        if (means.Count < 2) return null;
        var mean = means.Average();
        return Math.Sqrt(means.Sum(m => (m - mean) * (m - mean)) / (means.Count - 1));
    }

    private static void Table(StringBuilder md, string[] header, IEnumerable<string[]> rows)
    {
        md.Append("| ").Append(string.Join(" | ", header)).Append(" |\n");
        md.Append('|').Append(string.Concat(header.Select(_ => " --- |"))).Append('\n');
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            md.Append("| ").Append(string.Join(" | ", row.Select(SafeText.TableCell))).Append(" |\n");
        }

        if (!any) md.Append("| ").Append(string.Join(" | ", header.Select((_, i) => i == 0 ? "none" : ""))).Append(" |\n");
        md.Append('\n');
    }
}
