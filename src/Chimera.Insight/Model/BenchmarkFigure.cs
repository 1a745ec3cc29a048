using System.Globalization;
using Chimera.Insight.Extraction;

namespace Chimera.Insight;

/// <summary>One figure of a <see cref="BenchmarkRecord"/>: what a sample of it carries beyond the record's own
/// properties.</summary>
public sealed class BenchmarkFigure
{
    internal BenchmarkFigure(string metric, double value, string unit, string statistic, string? location)
    {
        Metric = metric;
        Value = value;
        Unit = unit;
        Statistic = statistic;
        Location = location;
    }

    /// <summary>Canonical metric name (TtftMs, TokensPerSecond, ...) or the file's own name for unknown fields.</summary>
    public string Metric { get; }

    /// <summary>The value in <see cref="Unit"/>; NaN for a failed run's figure.</summary>
    public double Value { get; }

    public string Unit { get; }

    /// <summary><see cref="Insight.Statistic.Sample"/> for a raw measurement, else the summary statistic the file stated.</summary>
    public string Statistic { get; }

    /// <summary>Where the figure was read when that is not the record's own location (a Markdown list item's line).</summary>
    public string? Location { get; }

    public override string ToString()
    {
        var value = NumberText.Format(Value);
        var head = Statistic == Insight.Statistic.Sample ? Metric : Metric + " " + Statistic;
        return string.IsNullOrEmpty(Unit) ? head + "=" + value : string.Format(CultureInfo.InvariantCulture, "{0}={1} {2}", head, value, Unit);
    }
}
