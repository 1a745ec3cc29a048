using System.Globalization;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Statistics;

/// <summary>Keeps NaN, infinities and negative times, throughputs or counts away from every statistic. A change
/// between two subjects (a delta, difference, improvement: <see cref="ChangeNames"/>) is signed and may be negative.</summary>
internal static class SampleValidator
{
    private static readonly string[] NonNegativeUnits = ["ms", "s", "ns", "us", "µs", "tok/s", "tokens", "%", "MB", "GB", "W"];
    private static readonly string[] NonNegativeSuffixes = ["Ms", "Seconds", "PerSecond", "Tokens", "Percent", "Mb", "Watts"];

    /// <summary>Why the value cannot be counted (not a number, infinite, a negative time, count or rate), or null.</summary>
    public static string? ProblemOf(string metric, string? unit, double value)
    {
        if (double.IsNaN(value))
        {
            return StatisticsMessages.NotANumber;
        }

        if (double.IsInfinity(value))
        {
            return StatisticsMessages.Infinite;
        }

        return value < 0 && MustBeNonNegative(metric, unit) ? StatisticsMessages.Negative : null;
    }

    /// <summary>The error telling that the value was refused, and why.</summary>
    public static ExtractionError Rejection(string metric, double value, string problem, string source, string? location) => new()
    {
        Source = source,
        Location = location,
        Reason = StatisticsMessages.RejectedValue(metric, value.ToString("R", CultureInfo.InvariantCulture), problem),
    };

    public static bool MustBeNonNegative(string metric, string? unit) =>
        !ChangeNames.IsChange(metric) && ((unit is not null && NonNegativeUnits.Contains(unit, StringComparer.OrdinalIgnoreCase))
        || NonNegativeSuffixes.Any(suffix => metric.EndsWith(suffix, StringComparison.Ordinal)));
}
