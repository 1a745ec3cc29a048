namespace Chimera.Insight;

/// <summary>Names used in <see cref="BenchmarkSample.Statistic"/>.</summary>
public static class Statistic
{
    /// <summary>A raw measurement.</summary>
    public const string Sample = "Sample";
    public const string Mean = "Mean";
    public const string StdDev = "StdDev";
    public const string Min = "Min";
    public const string Max = "Max";
    public const string Median = "P50";
    public const string Count = "Count";
}
