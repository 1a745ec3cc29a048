using System.Management.Automation;

namespace Chimera.Insight.Commands.Input;

/// <summary>-Metric: wildcard patterns, case-insensitive, as a predicate safe to call from worker threads.</summary>
internal static class MetricFilters
{
    public static Func<string, bool>? Create(string[]? patterns)
    {
        if (patterns is null || patterns.Length == 0)
        {
            return null;
        }

        var compiled = patterns.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
        foreach (var pattern in compiled)
        {
            // Compiles the pattern here, on the pipeline thread, before workers share it.
            pattern.IsMatch("");
        }

        return metric => compiled.Any(p => p.IsMatch(metric));
    }
}
