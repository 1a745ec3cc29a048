namespace Chimera.Insight.Reporting.Grounding;

/// <summary>
/// The metric groups of a fact set, indexed for the matcher: by metric, with the names a text may use for
/// their subjects and metrics, each metric's values per statistic sorted (to find whose a value is), and the
/// pooled statistics of the subsets claims name, computed once each.
/// </summary>
internal sealed class GroupCatalog
{
    public static readonly string[] CentralStatistics = ["Mean", "P50"];
    public static readonly string[] AllStatistics = ["Mean", "P50", "P90", "P95", "P99", "Min", "Max", "StdDev", "CV"];

    /// <summary>Above this many groups, a claim that leaves part of its subject unnamed is read as their pool, not as any one of them.</summary>
    private const int MaxSingles = 3;

    private readonly Dictionary<string, List<MetricGroup>> byMetric = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Metric, string Statistic), (double Value, MetricGroup Group)[]> sorted = new();
    private readonly Dictionary<string, List<Candidate>> candidates = new(StringComparer.Ordinal);

    public GroupCatalog(IEnumerable<BenchmarkMetric> metrics)
    {
        var configurations = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            var group = new MetricGroup(metric, configurations);
            if (!byMetric.TryGetValue(group.Metric, out var list)) byMetric[group.Metric] = list = new List<MetricGroup>();
            list.Add(group);
        }

        var all = byMetric.Values.SelectMany(g => g).ToList();
        Vocabulary = new SubjectVocabulary(all);
        Topics = new MetricTopics(all);
    }

    public SubjectVocabulary Vocabulary { get; }
    public MetricTopics Topics { get; }
    public IEnumerable<string> Metrics => byMetric.Keys;
    public bool IsEmpty => byMetric.Count == 0;

    public IEnumerable<MetricGroup> Groups => byMetric.Values.SelectMany(g => g);

    public IReadOnlyList<MetricGroup> GroupsOf(string metric) => byMetric.TryGetValue(metric, out var list) ? list : [];

    /// <summary>
    /// What a claim about <paramref name="subject"/> and <paramref name="metric"/> may be read as: each admitted group when
    /// there are few, else (and also) their pool, and the pool of their warm groups when the claim names no phase.
    /// Measured and reported groups are never pooled together.
    /// </summary>
    public IReadOnlyList<Candidate> CandidatesFor(ClaimSubject subject, string metric)
    {
        var key = metric + "\u0001" + subject;
        if (candidates.TryGetValue(key, out var cached)) return cached;
        var found = new List<Candidate>();
        foreach (var origin in GroupsOf(metric).Where(subject.Admits).GroupBy(g => g.Reported))
        {
            var admitted = origin.ToList();
            var warm = subject.Phase is null ? admitted.Where(g => g.Phase != Phase.Cold).ToList() : admitted;
            // A group's whole label names each of the groups that carry it; otherwise few groups are read one by one, many as their pool.
            if (admitted.Count <= MaxSingles || subject.Label is not null) found.AddRange(admitted.Select(Candidate.Single));
            else if (warm.Count <= MaxSingles) found.AddRange(warm.Select(Candidate.Single));
            if (admitted.Count > 1 && PooledGroup.Of(admitted, Describe(subject, admitted.Count)) is { } pool) found.Add(Candidate.Pool(pool));
            if (warm.Count > 1 && warm.Count < admitted.Count && PooledGroup.Of(warm, Describe(subject.With(Phase.Warm), warm.Count)) is { } warmPool) found.Add(Candidate.Pool(warmPool));
        }

        candidates[key] = found;
        return found;
    }

    private static string Describe(ClaimSubject subject, int count) =>
        $"{(subject.IsEmpty ? "all groups" : subject.ToString())} pooled over {count} groups";

    /// <summary>The groups of <paramref name="metric"/> whose <paramref name="statistic"/> lies in [low, high] (canonical units).</summary>
    public IEnumerable<MetricGroup> Holding(string metric, string statistic, double low, double high)
    {
        if (!sorted.TryGetValue((metric, statistic), out var values))
        {
            values = GroupsOf(metric).Select(g => (Value: g.Statistic(statistic), Group: g)).Where(x => x.Value is not null)
                .Select(x => (Math.Abs(x.Value!.Value), x.Group)).OrderBy(x => x.Item1).ToArray();
            sorted[(metric, statistic)] = values;
        }

        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (values[mid].Value < low) lo = mid + 1;
            else hi = mid;
        }

        for (var i = lo; i < values.Length && values[i].Value <= high; i++)
        {
            yield return values[i].Group;
        }
    }
}

/// <summary>One reading of a claim's subject: a single group, or the pool of several.</summary>
internal sealed class Candidate
{
    private readonly MetricGroup? group;
    private readonly PooledGroup? pool;

    private Candidate(MetricGroup? group, PooledGroup? pool)
    {
        this.group = group;
        this.pool = pool;
    }

    public static Candidate Single(MetricGroup group) => new(group, null);
    public static Candidate Pool(PooledGroup pool) => new(null, pool);

    public MetricGroup First => group ?? pool!.Groups[0];
    public bool IsPool => pool is not null;
    public IEnumerable<MetricGroup> Members => group is not null ? [group] : pool!.Groups;
    public string Label => group is not null ? group.Label : pool!.Label;
    public double? Statistic(string statistic) => group is not null ? group.Statistic(statistic) : pool!.Statistic(statistic);

    /// <summary>"TtftMs (gemma3:latest · Warm) P50 = 127.25 ms".</summary>
    public string Describe(string statistic, double canonical) =>
        $"{First.Metric} ({Label}) {statistic} = {GroundingFormat.Canonical(canonical, First)}";
}
