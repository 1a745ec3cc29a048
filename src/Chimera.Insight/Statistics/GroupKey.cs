namespace Chimera.Insight.Statistics;

/// <summary>What identifies one group: the metric, its origin and statistic, and the grouping dimensions
/// asked for (the others are null).</summary>
internal sealed class GroupKey : IEquatable<GroupKey>
{
    private readonly int hash;

    public GroupKey(string metric, string unit, string statistic, string? model, string? backend,
        string? configuration, Phase? phase, string? prompt, string? source, string? producer = null)
    {
        Producer = producer;
        Metric = metric;
        Unit = unit;
        Statistic = statistic;
        Model = model;
        Backend = backend;
        Configuration = configuration;
        Phase = phase;
        Prompt = prompt;
        Source = source;
        hash = ComputeHash();
    }

    public string Metric { get; }
    public string Unit { get; }
    /// <summary><see cref="Insight.Statistic.Sample"/> for measured groups, else the reported statistic.</summary>
    public string Statistic { get; }
    public string? Model { get; }
    public string? Backend { get; }
    public string? Configuration { get; }
    public Phase? Phase { get; }
    public string? Prompt { get; }
    public string? Source { get; }
    /// <summary>The tool that wrote the files: its definitions of a metric may differ from another's.</summary>
    public string? Producer { get; }

    public MetricOrigin Origin => Statistic == Insight.Statistic.Sample ? MetricOrigin.Measured : MetricOrigin.Reported;

    public static GroupKey For(BenchmarkMetric metric, GroupingKeys keys) => new(
        metric.Metric,
        metric.Unit ?? "",
        metric.Origin == MetricOrigin.Measured ? Insight.Statistic.Sample : metric.Statistic ?? Insight.Statistic.Mean,
        (keys & GroupingKeys.Model) != 0 ? metric.Model : null,
        (keys & GroupingKeys.Backend) != 0 ? metric.Backend : null,
        (keys & GroupingKeys.Configuration) != 0 ? metric.Configuration : null,
        (keys & GroupingKeys.Phase) != 0 ? metric.Phase : null,
        (keys & GroupingKeys.Prompt) != 0 ? metric.Prompt : null,
        (keys & GroupingKeys.Source) != 0 ? metric.Source : null,
        (keys & GroupingKeys.Producer) != 0 ? metric.Producer : null);

    public static GroupKey For(BenchmarkMetricPart part, GroupingKeys keys) => new(
        part.Metric,
        part.Unit ?? "",
        part.Origin == MetricOrigin.Measured ? Insight.Statistic.Sample : part.Statistic ?? Insight.Statistic.Mean,
        (keys & GroupingKeys.Model) != 0 ? part.Model : null,
        (keys & GroupingKeys.Backend) != 0 ? part.Backend : null,
        (keys & GroupingKeys.Configuration) != 0 ? part.Configuration : null,
        (keys & GroupingKeys.Phase) != 0 ? part.Phase : null,
        (keys & GroupingKeys.Prompt) != 0 ? part.Prompt : null,
        (keys & GroupingKeys.Source) != 0 ? part.Source : null);

    public bool Equals(GroupKey? other) =>
        other is not null && hash == other.hash
        && string.Equals(Metric, other.Metric, StringComparison.Ordinal)
        && string.Equals(Unit, other.Unit, StringComparison.Ordinal)
        && string.Equals(Statistic, other.Statistic, StringComparison.Ordinal)
        && string.Equals(Model, other.Model, StringComparison.Ordinal)
        && string.Equals(Backend, other.Backend, StringComparison.Ordinal)
        && string.Equals(Configuration, other.Configuration, StringComparison.Ordinal)
        && Phase == other.Phase
        && string.Equals(Prompt, other.Prompt, StringComparison.Ordinal)
        && string.Equals(Source, other.Source, StringComparison.Ordinal)
        && string.Equals(Producer, other.Producer, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as GroupKey);

    public override int GetHashCode() => hash;

    private int ComputeHash()
    {
        unchecked
        {
            var h = 17;
            h = h * 31 + Hash(Metric);
            h = h * 31 + Hash(Unit);
            h = h * 31 + Hash(Statistic);
            h = h * 31 + Hash(Model);
            h = h * 31 + Hash(Backend);
            h = h * 31 + Hash(Configuration);
            h = h * 31 + (Phase is null ? -1 : (int)Phase.Value);
            h = h * 31 + Hash(Prompt);
            h = h * 31 + Hash(Source);
            h = h * 31 + Hash(Producer);
            return h;
        }
    }

    private static int Hash(string? text) => text is null ? 0 : StringComparer.Ordinal.GetHashCode(text);
}
