namespace Chimera.Insight.Reporting;

/// <summary>The kind of quantity a figure or a fact measures; only compatible kinds support each other.</summary>
public enum Quantity
{
    /// <summary>A rate in tokens per second.</summary>
    Rate,
    /// <summary>A duration, kept in milliseconds.</summary>
    Time,
    /// <summary>A number of tokens.</summary>
    Tokens,
    /// <summary>A number of things: files, runs, failures, groups.</summary>
    Count,
    /// <summary>A percentage (0-100 scale).</summary>
    Percent,
    /// <summary>A ratio or multiplier (1.4x).</summary>
    Ratio,
    /// <summary>A configuration value (num_ctx=512); <see cref="Fact.Topics"/> holds the key.</summary>
    Setting,
    /// <summary>Anything else, compared in its own unit.</summary>
    Other,
}

/// <summary>One number the data states or the analysis derives, with what it measures.</summary>
public sealed class Fact
{
    private Func<string>? describe;
    private string? label;

    public Fact(double value, Quantity quantity, string label, IEnumerable<string>? topics = null, string? statistic = null, bool derived = false, string? unit = null)
        : this(value, quantity, TopicSet(topics), statistic, derived, unit)
    {
        this.label = label;
    }

    /// <summary>A fact whose label is only written when it is shown (the analysis derives hundreds of thousands of
    /// facts, few of which ever support a figure); <paramref name="topics"/> is shared, not copied.</summary>
    public Fact(double value, Quantity quantity, Func<string> describe, ISet<string> topics, string? statistic = null, bool derived = false, string? unit = null)
        : this(value, quantity, topics, statistic, derived, unit)
    {
        this.describe = describe;
    }

    private Fact(double value, Quantity quantity, ISet<string> topics, string? statistic, bool derived, string? unit)
    {
        Value = value;
        Quantity = quantity;
        Topics = topics;
        Statistic = statistic;
        Derived = derived;
        Unit = unit;
    }

    /// <summary>A case-insensitive topic set, to share between the facts of one metric.</summary>
    public static ISet<string> TopicSet(IEnumerable<string>? topics) => new HashSet<string>(topics ?? [], StringComparer.OrdinalIgnoreCase);

    /// <summary>The value in the quantity's canonical unit (milliseconds for time, percent for percentages).</summary>
    public double Value { get; }

    public Quantity Quantity { get; }

    /// <summary>What the fact is, for <see cref="GroundedFigure.SupportedBy"/>.</summary>
    public string Label => label ??= describe!();

    /// <summary>What it is about: canonical metric names (TtftMs), "Files", "Failures", a setting key (num_ctx), "Workflow".</summary>
    public ISet<string> Topics { get; }

    /// <summary>Mean, StdDev, P50, P95, CV, ... when the fact is a statistic.</summary>
    public string? Statistic { get; }

    /// <summary>True for values the analysis derives (differences, ratios, percent differences, totals).</summary>
    public bool Derived { get; }

    /// <summary>A figure as a finding's own sentence states it: a text quoting that sentence quotes the figure, whatever statistic it names.</summary>
    public bool Quoted { get; set; }

    /// <summary>The model the fact is about (a finding's, a sample's), when it is about one.</summary>
    public string? Model { get; set; }

    /// <summary>The unit for <see cref="Quantity.Other"/> facts.</summary>
    public string? Unit { get; }

    public override string ToString() => Label;
}
