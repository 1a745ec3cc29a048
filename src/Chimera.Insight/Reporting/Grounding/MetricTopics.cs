using System.Text.RegularExpressions;

namespace Chimera.Insight.Reporting.Grounding;

/// <summary>A metric a text names: the canonical metrics (or topics: Files, num_ctx) it may mean, and their quantity.</summary>
internal sealed class MetricTopic
{
    public MetricTopic(Quantity quantity, IReadOnlyCollection<string> metrics)
    {
        Quantity = quantity;
        Metrics = metrics;
    }

    public Quantity Quantity { get; }
    public IReadOnlyCollection<string> Metrics { get; }
}

/// <summary>
/// The metric phrases a text may use: the vocabulary's (TTFT, throughput, load time, ...) and the data's own
/// metric names (gpu_temperature, average_efficiency), as a report lists them.
/// </summary>
internal sealed class MetricTopics
{
    private readonly Dictionary<string, Quantity> quantities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> ownNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Regex? ownNameRegex;
    private static readonly Regex StatisticName = new(@"^(p\d+(\.\d+)?|mean|median|average|min|max|std|stddev|sd|cv|count|n)$", RegexOptions.CultureInvariant);

    public MetricTopics(IEnumerable<MetricGroup> groups)
    {
        foreach (var group in groups)
        {
            if (quantities.ContainsKey(group.Metric)) continue; // once per metric name, not per group
            quantities[group.Metric] = group.Quantity;
            var phrase = GroundingVocabulary.Normalise(group.Metric).Trim();
            var display = GroundingVocabulary.Normalise(MetricNames.DisplayName(group.Metric)).Trim();
            foreach (var name in new[] { phrase, display }.Where(n => n.Length >= 3 && !StatisticName.IsMatch(n)))
            {
                if (!ownNames.ContainsKey(name)) ownNames[name] = group.Metric;
            }
        }

        if (ownNames.Count > 0)
        {
            ownNameRegex = new Regex(
                @"(?<![\p{L}\p{N}])(?:" + string.Join("|", ownNames.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")(?![\p{L}\p{N}])",
                RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        }
    }

    public Quantity? QuantityOf(string metric) => quantities.TryGetValue(metric, out var q) ? q : null;

    public bool Holds(string metric) => quantities.ContainsKey(metric);

    /// <summary>The metric named last in <paramref name="window"/>: the data's own name where it ends later than (or where) a vocabulary phrase does.</summary>
    public MetricTopic? Last(string window, bool settings = true)
    {
        if (string.IsNullOrEmpty(window)) return null;
        var vocabulary = GroundingVocabulary.LastTopicAt(window, settings);
        Match? own = null;
        if (ownNameRegex is not null)
        {
            var normalised = GroundingVocabulary.Normalise(window);
            var matches = ownNameRegex.Matches(normalised);
            if (matches.Count > 0) own = matches[matches.Count - 1];
        }

        if (own is not null && (vocabulary is null || own.Index + own.Length >= vocabulary.Value.End))
        {
            var metric = ownNames[own.Value];
            var fromVocabulary = vocabulary is { } v && own.Index + own.Length == v.End ? v.Topic.Topics : [];
            return new MetricTopic(quantities[metric], fromVocabulary.Contains(metric) ? fromVocabulary : new[] { metric });
        }

        return vocabulary is { } found ? new MetricTopic(found.Topic.Quantity, found.Topic.Topics) : null;
    }
}
