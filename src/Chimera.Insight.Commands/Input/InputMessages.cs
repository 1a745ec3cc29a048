using System.Globalization;

namespace Chimera.Insight.Commands.Input;

/// <summary>The messages of the input converter, the same for every cmdlet.</summary>
internal static class InputMessages
{
    public static string Unsupported(string typeName, string cmdlet, IEnumerable<InputKind> takes) => string.Format(
        CultureInfo.InvariantCulture, "{0} does not take input of type '{1}': it takes {2}.", cmdlet, typeName, Describe(takes));

    public static string Unreadable(string typeName, string reason) =>
        string.Format(CultureInfo.InvariantCulture, "The input of type '{0}' could not be read: {1}", typeName, reason);

    private static string Describe(IEnumerable<InputKind> kinds)
    {
        var names = kinds.Select(Name).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
    }

    private static string Name(InputKind kind) => kind switch
    {
        InputKind.File => "benchmark files (BenchmarkFile)",
        InputKind.Sample => "samples (BenchmarkSample)",
        InputKind.Record => "records (BenchmarkRecord)",
        InputKind.Metric => "metrics (BenchmarkMetric)",
        InputKind.Report => "reports (InsightReport)",
        InputKind.Comparison => "comparisons (BenchmarkComparison)",
        InputKind.Finding => "findings (Finding)",
        InputKind.Inventory => "inventory summaries (BenchmarkInventorySummary)",
        InputKind.Part => "partial results (BenchmarkMetricPart)",
        InputKind.PartialRun => "partial runs (BenchmarkPartialRun)",
        InputKind.Path => "paths (strings, FileInfo, PSPath)",
        _ => kind.ToString(),
    };
}
