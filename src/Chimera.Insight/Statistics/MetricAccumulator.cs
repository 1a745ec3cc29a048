namespace Chimera.Insight.Statistics;

/// <summary>Everything one group collects before its statistics are computed: the values, the failed runs
/// (counted, never averaged), the sources, the errors, and the files left out as repeats.</summary>
internal sealed partial class MetricAccumulator
{
    private ValueBuffer values = new();
    private readonly Dictionary<string, int> errorCounts = new(StringComparer.Ordinal);
    private readonly SourceTallies sources;
    private readonly SortedSet<string> duplicates = new(StringComparer.Ordinal);
    private readonly SortedSet<string> redundant = new(StringComparer.Ordinal);
    private ConfigurationParts? parts;
    private int metricsAdded;
    // The group's first metric, when it came whole (all its values counted) into an empty group: see ToMetric.
    private BenchmarkMetric? firstMetric;
    private ConfigurationParts? lastPartsNoted;

    public MetricAccumulator(GroupKey key, SourceIds sourceIds)
    {
        Key = key;
        sources = new SourceTallies(sourceIds);
    }

    public GroupKey Key { get; }
    public int FailedCount { get; private set; }
    public int ColdCount { get; private set; }
    public int WarmCount { get; private set; }
    public DateTime? LatestTimestamp { get; private set; }

    /// <summary>A value of a record read from a file; <paramref name="parts"/> are the record's configuration parts.</summary>
    public void AddValue(double value, string source, Phase phase, DateTime? time, ConfigurationParts parts)
    {
        AddValue(value, source, phase, time);
        NoteParts(parts);
    }

    /// <summary>A summary record's figure read from a file, counted once per request it covers.</summary>
    public void AddCovered(double value, int requests, string source, Phase phase, DateTime? time, ConfigurationParts parts)
    {
        for (var i = 0; i < requests; i++)
        {
            AddValue(value, source, phase, time);
        }

        NoteParts(parts);
    }

    /// <summary><paramref name="count"/> failed requests of one record read from a file.</summary>
    public void AddFailures(string source, string? error, DateTime? time, ConfigurationParts parts, int count)
    {
        for (var i = Math.Max(1, count); i > 0; i--)
        {
            AddFailure(source, error, time);
        }

        NoteParts(parts);
    }

    /// <summary>A failed record read from a file (the caller counts each record once per group).</summary>
    public void AddFailure(string source, string? error, DateTime? time, ConfigurationParts parts)
    {
        AddFailure(source, error, time);
        NoteParts(parts);
    }

    private void AddValue(double value, string source, Phase phase, DateTime? time)
    {
        values.Add(value);
        sources.AddValue(source);
        runs?.Note(source, 1, phase == Phase.Cold ? 1 : 0, 0);
        if (phase == Phase.Cold)
        {
            ColdCount++;
        }
        else
        {
            WarmCount++;
        }

        NoteTime(time);
    }

    private void AddFailure(string source, string? error, DateTime? time)
    {
        FailedCount++;
        sources.AddFailure(source);
        runs?.Note(source, 0, 0, 1);
        var text = string.IsNullOrWhiteSpace(error) ? StatisticsMessages.NoErrorText : error!.Trim();
        errorCounts[text] = errorCounts.TryGetValue(text, out var count) ? count + 1 : 1;
        NoteTime(time);
    }

    /// <summary>Takes in a metric computed earlier (live or deserialized): its figures (raw values, or a reported
    /// figure once per value it summarised, already cleaned of NaN, infinities and negative times), failures and
    /// provenance.</summary>
    public void AddMetric(BenchmarkMetric metric, IReadOnlyList<double> figures)
    {
        firstMetric = metricsAdded++ == 0 && values.Count == 0 && figures.Count == metric.ValueCount ? metric : null;
        values.AddRange(figures);
        FailedCount += metric.FailedCount;
        var cold = metric.Phase == Phase.Cold ? figures.Count : Math.Min(metric.ColdCount, figures.Count);
        ColdCount += cold;
        WarmCount += figures.Count - cold;
        for (var i = 0; i < metric.Sources.Length; i++)
        {
            sources.Add(metric.Sources[i], i < metric.SourceCounts.Length ? metric.SourceCounts[i] : 0,
                i < metric.SourceFailedCounts.Length ? metric.SourceFailedCounts[i] : 0);
        }

        if (metric.TopError is { } topError && metric.FailedCount > 0)
        {
            errorCounts[topError] = (errorCounts.TryGetValue(topError, out var count) ? count : 0) + metric.FailedCount;
        }

        duplicates.UnionWith(metric.DuplicateSources);
        redundant.UnionWith(metric.RedundantSources);
        NoteTime(metric.LatestTimestamp);
        NoteParts(ConfigurationParts.Of(metric));
        NoteMetricProvenance(metric, figures.Count, cold);
    }

    public void NoteRepeat(RepeatKind kind, string original, string copy) =>
        (kind == RepeatKind.Duplicate ? duplicates : redundant).Add(original + " = " + copy);

    /// <summary>The metric of this group. Its values are handed over as they were collected (not copied): the
    /// accumulator is empty afterwards.</summary>
    public BenchmarkMetric ToMetric(IReadOnlyList<double> extraPercentiles, BenchmarkInventorySummary? inventory)
    {
        var figures = values;
        values = new ValueBuffer();
        var metric = new BenchmarkMetric
        {
            Metric = Key.Metric,
            Unit = Key.Unit,
            Origin = Key.Origin,
            Statistic = Key.Origin == MetricOrigin.Reported ? Key.Statistic : null,
            Model = Key.Model,
            Backend = Key.Backend,
            Configuration = Key.Configuration,
            Phase = Key.Phase,
            Prompt = Key.Prompt,
            Source = Key.Source,
            Count = figures.Count,
            FailedCount = FailedCount,
            ColdCount = Key.Phase is null ? ColdCount : 0,
            Sources = sources.Sources(),
            SourceCounts = sources.Counts(),
            SourceFailedCounts = sources.FailedCounts(),
            FailedSources = sources.FailedSources(),
            TopError = errorCounts.Count == 0
                ? null
                : errorCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key,
            DuplicateSources = duplicates.ToArray(),
            RedundantSources = redundant.ToArray(),
            LatestTimestamp = LatestTimestamp,
            Inventory = inventory,
        };
        if (Key.Origin == MetricOrigin.Measured)
        {
            metric.TakeValues(figures);
        }

        parts?.ApplyTo(metric);
        // A group that holds one metric's values and nothing else has that metric's statistics: taken, not recomputed.
        if (firstMetric is { Summary: { } summary } only && metricsAdded == 1 && figures.Count == only.ValueCount
            && Key.Origin == MetricOrigin.Measured && summary.Describes(only) && summary.HasPercentiles(extraPercentiles))
        {
            summary.ApplyTo(metric);
        }
        else
        {
            DescriptiveSummary.Fill(metric, figures, extraPercentiles);
        }

        FillFromParts(metric, figures, extraPercentiles);
        if (Key.Origin == MetricOrigin.Reported && Key.Statistic != Insight.Statistic.Sample)
        {
            ReportedFigure.KeepStated(metric);
        }
        return metric;
    }

    private void NoteTime(DateTime? time)
    {
        if (time is { } t && (LatestTimestamp is null || t > LatestTimestamp))
        {
            LatestTimestamp = t;
        }
    }

    private void NoteParts(ConfigurationParts incoming)
    {
        // The parts of one record (or context) arrive once per value: combined once.
        if (ReferenceEquals(incoming, lastPartsNoted))
        {
            return;
        }

        lastPartsNoted = incoming;
        if (parts is null)
        {
            parts = incoming.Copy(); // incoming may be shared: combining must not change it
        }
        else
        {
            parts.Combine(incoming);
        }
    }
}

internal enum RepeatKind
{
    /// <summary>Byte-identical copy (same content hash).</summary>
    Duplicate,
    /// <summary>Different bytes, the same records with the same values (a CSV and a JSON export of one run).</summary>
    Redundant,
}
