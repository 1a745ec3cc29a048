namespace Chimera.Insight.Statistics;

/// <summary>Which way is better for a metric.</summary>
public enum Direction
{
    Unknown,
    HigherIsBetter,
    LowerIsBetter,
}

public static class MetricDirection
{
    private static readonly string[] TimeUnits = ["ms", "s", "ns", "us", "µs"];

    /// <summary>Lower is better for every time (*Ms, or a time unit); higher for throughput (TokensPerSecond,
    /// tok/s, *PerSecond); unknown for everything else.</summary>
    public static Direction Of(string metric, string? unit)
    {
        if (metric.EndsWith("Ms", StringComparison.Ordinal) || metric.EndsWith("Seconds", StringComparison.Ordinal)
            || (unit is not null && TimeUnits.Contains(unit, StringComparer.OrdinalIgnoreCase)))
        {
            return Direction.LowerIsBetter;
        }

        if (metric.EndsWith("PerSecond", StringComparison.Ordinal)
            || string.Equals(unit, "tok/s", StringComparison.OrdinalIgnoreCase))
        {
            return Direction.HigherIsBetter;
        }

        return Direction.Unknown;
    }
}
