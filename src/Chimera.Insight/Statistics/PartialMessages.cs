using System.Globalization;

namespace Chimera.Insight.Statistics;

/// <summary>The user-facing texts of partial results (Measure-BenchmarkMetrics -Partial and their merge).</summary>
public static class PartialMessages
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string DamagedPart(string reason) => $"A partial result's payload is damaged ({reason}).";

    public static string SketchAccuracyMismatch(double mine, double theirs) =>
        $"Quantile sketches of relative accuracy {mine.ToString(Invariant)} and {theirs.ToString(Invariant)} cannot be merged.";

    public static string UnreadablePart(string computer, string metric, string reason) =>
        $"{computer}: the partial result for {metric} could not be read: {reason}. It is left out of the merge.";

    public static string RunMissing(string computer, string runId, int parts) =>
        $"{computer}: {parts.ToString(Invariant)} partial result(s) of run {runId} arrived without the run's " +
        "BenchmarkPartialRun record: merged, but their sources are known only by number and cannot be checked for copies on other servers.";

    public static string PartsMissing(string computer, int expected, int arrived) =>
        $"{computer}: {arrived.ToString(Invariant)} of the {expected.ToString(Invariant)} partial results it sent arrived: " +
        "the figures lack the others (filtered out or lost on the way).";

    public static string PartsRepeated(string computer, int parts) =>
        $"{computer}: {parts.ToString(Invariant)} partial result(s) arrived twice: counted once.";

    public static string CoarserGrouping(string computer, string measuredWith, string asked) =>
        $"{computer}: its partial results were grouped by {measuredWith} and cannot be regrouped by {asked}: " +
        "run Measure-BenchmarkMetrics -Partial there with the same -GroupBy. Merged by the keys they have.";

    public static string SketchKeepsRepeat(string copy, string original, string metric) =>
        $"{copy} repeats {original}, but {metric} arrived as a quantile sketch, from which its values cannot be taken " +
        "back out: they are counted twice in that group.";

    public static string ComputerMissing(string computer) =>
        $"{computer}: no partial results arrived from this computer (unreachable, module missing, or it failed): " +
        "its files are not in these figures.";
}
