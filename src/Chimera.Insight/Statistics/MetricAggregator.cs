using System.Runtime.CompilerServices;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Statistics;

/// <summary>Groups the values of records (read from files, or folded from samples) and of metrics measured earlier into
/// accumulators by metric, origin and the -GroupBy keys. Not thread-safe: the pipeline thread adds each file's records
/// in input order.</summary>
internal sealed class MetricAggregator
{
    private readonly Dictionary<GroupKey, MetricAccumulator> groups = [];
    private readonly List<GroupKey> order = [];
    private readonly SourceIds sourceIds = new();
    private readonly RecordGroupIndex index;
    private readonly Func<string, bool>? metricFilter;

    public MetricAggregator(GroupingKeys keys, Func<string, bool>? metricFilter = null)
    {
        Keys = keys;
        index = new RecordGroupIndex(keys);
        this.metricFilter = metricFilter;
    }

    public GroupingKeys Keys { get; }

    /// <summary>Groups remember which source each value came from, to be made into partial results.</summary>
    public bool TracksSources { get; set; }

    /// <summary>Values kept out of the statistics (NaN, infinite, negative times), each naming where it stands.</summary>
    public List<ExtractionError> Rejected { get; } = [];

    public int GroupCount => groups.Count;

    /// <summary>
    /// Adds the records of one file. Each value finds its group through the record's context (the -GroupBy
    /// dimensions), looked up once for the records that share it; a failed record counts once per group. Values of
    /// an origin <paramref name="include"/> refuses (content counted already) are left out, and then also checked
    /// only when <paramref name="reportRejected"/>. Returns every group the records feed or would feed, once each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal List<GroupKey> Add(string source, IReadOnlyList<BenchmarkRecord> records, DateTime? fallbackTime,
        Func<MetricOrigin, bool> include, bool reportRejected)
    {
        var touched = new List<GroupKey>();
        fileStamp++;
        ConfigurationParts? parts = null;
        foreach (var record in records)
        {
            var slots = index.SlotsOf(record, source);
            // The records of a file mostly share their configuration: its parts are made once.
            if (parts is null || !parts.Matches(record.Dimensions))
            {
                parts = ConfigurationParts.Of(record.Dimensions);
            }

            var time = record.Dimensions.Timestamp ?? fallbackTime;
            var recordStamp = ++this.recordStamp;
            for (var position = 0; position < record.Values.Count; position++)
            {
                var value = record.Values[position];
                if (!record.Emits(value))
                {
                    continue;
                }

                // Whether -Metric takes the value is known once per group slot.
                var slot = slots.SlotOf(value, position);
                if (!(slot.Accepted ??= Accepts(value.Metric)))
                {
                    continue;
                }

                if (slot.FileStamp != fileStamp)
                {
                    slot.FileStamp = fileStamp;
                    touched.Add(slot.Key);
                }

                var included = include(slot.Key.Origin);
                if (record.Failed)
                {
                    if (included && slot.RecordStamp != recordStamp)
                    {
                        slot.RecordStamp = recordStamp;
                        Accumulator(slot).AddFailures(source, record.Error, time, parts, record.FailedRequestCount ?? 1);
                    }

                    continue;
                }

                // The group exists once a value was meant for it, even one refused below (as for samples).
                var group = included ? Accumulator(slot) : null;
                // The location is told only for a value refused: a CSV row formats it on demand.
                if ((included || reportRejected) && SampleValidator.ProblemOf(value.Metric, value.Unit, value.Value) is { } problem)
                {
                    Rejected.Add(SampleValidator.Rejection(value.Metric, value.Value, problem, source, record.LocationOf(position)));
                    continue;
                }

                if (group is not null && record.RequestCount is not null && slot.Key.Origin == MetricOrigin.Reported)
                {
                    // A producer's summary: its figure counts once per request it covers, its failed requests once per group.
                    group.AddCovered(value.Value, Math.Max(1, record.RequestCount.Value), source, record.Phase, time, parts);
                    if (record.FailedRequestCount is > 0 && slot.RecordStamp != recordStamp)
                    {
                        slot.RecordStamp = recordStamp;
                        group.AddFailures(source, StatisticsMessages.FailedRequestsOfSummary, time, parts, record.FailedRequestCount.Value);
                    }

                    continue;
                }

                group?.AddValue(value.Value, source, record.Phase, time, parts);
            }
        }

        return touched;
    }

    private readonly Dictionary<string, bool> accepted = new(StringComparer.Ordinal);
    private int fileStamp;
    private long recordStamp;

    internal bool Accepts(string metric)
    {
        if (string.IsNullOrEmpty(metric))
        {
            return false;
        }

        if (metricFilter is null)
        {
            return true;
        }

        if (!accepted.TryGetValue(metric, out var accepts))
        {
            accepts = metricFilter(metric);
            accepted.Add(metric, accepts);
        }

        return accepts;
    }

    private MetricAccumulator Accumulator(GroupSlot slot) => slot.Accumulator ??= GetOrAdd(slot.Key);

    public void AddMetric(BenchmarkMetric metric)
    {
        if (string.IsNullOrEmpty(metric.Metric) || (metricFilter is not null && !metricFilter(metric.Metric)))
        {
            return;
        }

        // A reported metric brings its figure once per figure it summarised; a measured one its raw values (read where
        // they are kept, not copied into an array first).
        var figures = metric.Origin == MetricOrigin.Reported && metric.ValueCount == 0 && metric.Mean is { } mean
            ? Enumerable.Repeat(mean, Math.Max(0, metric.Count)).ToArray()
            : metric.ValueList;
        var clean = Counted(figures, metric);
        if (clean.Count != figures.Count)
        {
            Rejected.Add(new ExtractionError
            {
                Source = metric.Sources.FirstOrDefault() ?? "",
                Reason = StatisticsMessages.RejectedMetricValues(metric.Metric, figures.Count - clean.Count),
            });
        }

        GetOrAdd(GroupKey.For(metric, Keys)).AddMetric(metric, clean);
    }

    /// <summary>The figures a statistic may count (finite, and not negative where the metric cannot be): the list
    /// itself when all are, as a measured metric's are.</summary>
    private static IReadOnlyList<double> Counted(IReadOnlyList<double> figures, BenchmarkMetric metric)
    {
        var nonNegative = SampleValidator.MustBeNonNegative(metric.Metric, metric.Unit);
        bool Counts(double v) => double.IsFinite(v) && !(v < 0 && nonNegative);
        var all = figures switch
        {
            double[] array => Array.TrueForAll(array, Counts),
            ValueBuffer buffer => buffer.All(Counts),
            _ => figures.All(Counts),
        };
        return all ? figures : figures.Where(Counts).ToArray();
    }

    /// <summary>True when the group holds (or held) values or failures: it was met, not only named.</summary>
    public bool HasGroup(GroupKey key) => groups.ContainsKey(key);

    /// <summary>Marks the given groups as holding a repeat of <paramref name="original"/>.</summary>
    public void NoteRepeat(IEnumerable<GroupKey> keys, RepeatKind kind, string original, string copy)
    {
        foreach (var key in keys)
        {
            GetOrAdd(key).NoteRepeat(kind, original, copy);
        }
    }

    /// <summary>The groups as partial results, in <see cref="GroupKeyOrder"/>: each group's values move into its part.</summary>
    internal IEnumerable<BenchmarkMetricPart> BuildParts(Func<string, int> sourceIndex, string runId)
    {
        var keys = order.OrderBy(k => k, GroupKeyOrder.Instance).ToList();
        var parts = new BenchmarkMetricPart[keys.Count];
        Parallel.For(0, keys.Count, i => parts[i] = groups[keys[i]].ToPart(sourceIndex, Keys, runId));
        return parts;
    }

    /// <summary>Groups holding both cold and warm values (only possible when Phase is not a group key).</summary>
    public int MixedPhaseGroupCount => groups.Values.Count(g => g.Key.Phase is null && g.ColdCount > 0 && g.WarmCount > 0);

    public bool HasOrigin(MetricOrigin origin) => order.Any(k => k.Origin == origin);

    /// <summary>The metrics, one group at a time, in <see cref="GroupKeyOrder"/>: each group's values move into its
    /// metric as it is built, so the values are never held twice.</summary>
    public IEnumerable<BenchmarkMetric> Build(IReadOnlyList<double> extraPercentiles, BenchmarkInventorySummary? inventory)
    {
        var keys = order.OrderBy(k => k, GroupKeyOrder.Instance).ToList();
        // Each group sorts its own values for its percentiles: the groups are summarised side by side on the
        // processors, and come back in order.
        var metrics = new BenchmarkMetric[keys.Count];
        Parallel.For(0, keys.Count, i => metrics[i] = groups[keys[i]].ToMetric(extraPercentiles, inventory));
        return metrics;
    }

    /// <summary>The group of this key, made when new.</summary>
    internal MetricAccumulator GroupFor(GroupKey key) => GetOrAdd(key);

    private MetricAccumulator GetOrAdd(GroupKey key)
    {
        if (!groups.TryGetValue(key, out var group))
        {
            group = new MetricAccumulator(key, sourceIds);
            if (TracksSources)
            {
                group.TrackSources();
            }

            groups.Add(key, group);
            order.Add(key);
        }

        return group;
    }
}

/// <summary>The order metrics are written in: by model, configuration, backend, prompt, source, phase (warm
/// first), metric, then measured before reported.</summary>
internal sealed class GroupKeyOrder : IComparer<GroupKey>
{
    public static readonly GroupKeyOrder Instance = new();

    public int Compare(GroupKey? x, GroupKey? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = string.CompareOrdinal(x.Model, y.Model);
        if (c == 0) c = string.CompareOrdinal(x.Configuration, y.Configuration);
        if (c == 0) c = string.CompareOrdinal(x.Backend, y.Backend);
        if (c == 0) c = string.CompareOrdinal(x.Prompt, y.Prompt);
        if (c == 0) c = string.CompareOrdinal(x.Source, y.Source);
        if (c == 0) c = string.CompareOrdinal(x.Producer, y.Producer);
        if (c == 0) c = Nullable.Compare(x.Phase, y.Phase);
        if (c == 0) c = string.CompareOrdinal(x.Metric, y.Metric);
        if (c == 0) c = x.Origin.CompareTo(y.Origin);
        if (c == 0) c = string.CompareOrdinal(x.Statistic, y.Statistic);
        if (c == 0) c = string.CompareOrdinal(x.Unit, y.Unit);
        return c;
    }
}
