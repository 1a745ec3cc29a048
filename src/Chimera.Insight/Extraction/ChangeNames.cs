using System.Collections.Concurrent;

namespace Chimera.Insight.Extraction;

/// <summary>
/// Names that state a change between two subjects (<c>ttft_delta_ms</c>, <c>Throughput Δ</c>, <c>TTFT diff</c>,
/// <c>improvement_percent</c>, <c>A vs B</c>, <c>speedup</c>): such a figure is signed, it may be negative where the
/// quantity it compares never is, and it is not a value of that quantity.
/// </summary>
internal static class ChangeNames
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "delta", "deltas", "δ", "diff", "diffs", "difference", "differences", "change", "changes", "changed",
        "improvement", "improvements", "improved", "gain", "gains", "reduction", "reductions", "regression", "regressions",
        "increase", "decrease", "vs", "versus", "speedup", "slowdown", "uplift",
    };

    private static readonly ConcurrentDictionary<string, bool> Cache = new(StringComparer.Ordinal);
    private const int CacheLimit = 10_000;

    /// <summary>True when the name holds a word that states a change (Δ, delta, diff, change, vs, ...).</summary>
    public static bool IsChange(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        if (Cache.TryGetValue(name!, out var known))
        {
            return known;
        }

        var change = name!.IndexOf('\u0394') >= 0 || name.IndexOf('\u2206') >= 0 || MetricNames.Words(name).Any(IsChangeWord);
        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd(name, change);
        }

        return change;
    }

    /// <summary>True for one lower-case word that states a change.</summary>
    public static bool IsChangeWord(string word) => Words.Contains(word);
}
