namespace Chimera.Insight.Statistics;

/// <summary>The accumulator's side of partial results: which source each run of values came from (kept only when
/// the session makes parts), the parts it is made into, and the parts merged into it (values into the value list,
/// sketches into a sketch with their moments), with the computers that fed it.</summary>
internal sealed partial class MetricAccumulator
{
    private SourceRuns? runs;
    private QuantileSketch? sketch;
    private Moments sketchMoments = Moments.Empty;
    private List<PartSegmentTally>? sketchSegments;
    private SortedSet<string>? computers;

    /// <summary>From now on, remembers which source each value and failure came from (for <see cref="ToPart"/>).</summary>
    public void TrackSources() => runs ??= new SourceRuns();

    /// <summary>A part measured elsewhere, its payload decoded; <paramref name="sourceNames"/> names the segments'
    /// sources, <paramref name="excluded"/> says which sources repeat content counted already (exact parts only: a
    /// sketch cannot give values back).</summary>
    public void AddPart(PartContent content, Func<int, string> sourceNames, Func<int, bool> excluded, string computer,
        Func<string, string> qualify)
    {
        if (content.Sketch is null)
        {
            foreach (var segment in content.Segments)
            {
                if (excluded(segment.Source))
                {
                    continue;
                }

                var name = sourceNames(segment.Source);
                values.AddRange(segment.Values);
                AddTallies(name, segment.Count, segment.Cold, segment.Failed);
                runs?.Note(name, segment.Count, segment.Cold, segment.Failed);
            }
        }
        else
        {
            sketch ??= new QuantileSketch(content.Sketch.RelativeAccuracy);
            sketch.Merge(content.Sketch);
            sketchMoments = sketchMoments.Combine(content.Moments);
            sketchSegments ??= [];
            foreach (var segment in content.Segments)
            {
                var name = sourceNames(segment.Source);
                AddTallies(name, segment.Count, segment.Cold, segment.Failed);
                sketchSegments.Add(new PartSegmentTally(name, segment.Count, segment.Cold, segment.Failed));
            }
        }

        foreach (var error in content.Errors)
        {
            errorCounts[error.Key] = (errorCounts.TryGetValue(error.Key, out var count) ? count : 0) + error.Value;
        }

        foreach (var pair in content.Duplicates)
        {
            duplicates.Add(QualifyPair(pair, qualify));
        }

        foreach (var pair in content.Redundant)
        {
            redundant.Add(QualifyPair(pair, qualify));
        }

        NoteTime(content.LatestTimestamp);
        if (content.Configuration is { } configuration)
        {
            NoteParts(ConfigurationParts.Of(configuration));
        }

        (computers ??= new SortedSet<string>(StringComparer.OrdinalIgnoreCase)).Add(computer);
    }

    /// <summary>This group as a part: per source its counts (and, up to <see cref="BenchmarkMetricPart.ValueLimit"/>
    /// values, its values), the moments, extremes and errors. The values are handed over.</summary>
    public BenchmarkMetricPart ToPart(Func<string, int> sourceIndex, GroupingKeys groupBy, string runId)
    {
        var figures = values.ToArray();
        values = new ValueBuffer();
        var perSource = new SortedDictionary<int, SourceShare>();
        SourceShare ShareOf(string source)
        {
            var index = sourceIndex(source);
            if (!perSource.TryGetValue(index, out var share))
            {
                perSource[index] = share = new SourceShare();
            }

            return share;
        }

        var at = 0;
        foreach (var run in runs?.Items ?? [])
        {
            var share = ShareOf(run.Source);
            share.Add(run.Count, run.Cold, run.Failed);
            for (var i = 0; i < run.Count; i++)
            {
                share.Values.Add(figures[at++]);
            }
        }

        foreach (var tally in sketchSegments ?? [])
        {
            ShareOf(tally.Source).Add(tally.Count, tally.Cold, tally.Failed);
        }

        var moments = Moments.Of(figures).Combine(sketchMoments);
        var sketched = sketch is not null || figures.Length > BenchmarkMetricPart.ValueLimit;
        QuantileSketch? all = null;
        if (sketched)
        {
            all = new QuantileSketch(BenchmarkMetricPart.SketchRelativeError);
            if (sketch is not null)
            {
                all.Merge(sketch);
            }

            foreach (var value in figures)
            {
                all.Add(value);
            }
        }

        BenchmarkMetric? configuration = null;
        if (parts is not null)
        {
            configuration = new BenchmarkMetric();
            parts.ApplyTo(configuration);
        }

        var content = new PartContent
        {
            GroupBy = groupBy,
            ColdCount = ColdCount,
            Moments = moments,
            LatestTimestamp = LatestTimestamp,
            Configuration = configuration,
            Errors = errorCounts.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
            Duplicates = duplicates.ToArray(),
            Redundant = redundant.ToArray(),
            Segments = perSource.Select(p =>
            {
                var sorted = sketched ? [] : p.Value.Values.ToArray();
                Array.Sort(sorted);
                return new PartSegment(p.Key, p.Value.Count, p.Value.Cold, p.Value.Failed, sorted);
            }).ToList(),
            Sketch = all,
        };
        return new BenchmarkMetricPart
        {
            RunId = runId,
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
            Count = (int)moments.Count,
            FailedCount = FailedCount,
            Mean = moments.Count > 0 ? moments.Mean : null,
            Encoding = sketched ? PartEncoding.Sketch : PartEncoding.Values,
            Payload = content.Encode(),
        };
    }

    private void AddTallies(string source, int count, int cold, int failed)
    {
        FailedCount += failed;
        ColdCount += cold;
        WarmCount += count - cold;
        sources.Add(source, count, failed);
    }

    /// <summary>A metric measured earlier, in a session that makes parts: its values count for its sources in the
    /// order they are listed (a metric does not say which of its values came from which source otherwise).</summary>
    private void NoteMetricProvenance(BenchmarkMetric metric, int figures, int cold)
    {
        if (metric.ComputerNames.Length > 0)
        {
            (computers ??= new SortedSet<string>(StringComparer.OrdinalIgnoreCase)).UnionWith(metric.ComputerNames);
        }

        if (runs is null)
        {
            return;
        }

        var listed = metric.SourceCounts.Sum();
        if (listed != figures || metric.Sources.Length == 0)
        {
            runs.Note(metric.Sources.FirstOrDefault() ?? "", figures, cold, metric.FailedCount);
            return;
        }

        for (var i = 0; i < metric.Sources.Length; i++)
        {
            var count = i < metric.SourceCounts.Length ? metric.SourceCounts[i] : 0;
            var sourceCold = metric.Phase == Phase.Cold ? count : 0;
            runs.Note(metric.Sources[i], count, sourceCold, i < metric.SourceFailedCounts.Length ? metric.SourceFailedCounts[i] : 0);
        }
    }

    /// <summary>Where sketched parts were merged: count, mean, standard deviation, extremes from the moments of all
    /// the values, percentiles from the sketch (the exact values added to it), and the sketch's values for tests.</summary>
    private void FillFromParts(BenchmarkMetric metric, IReadOnlyList<double> figures, IReadOnlyList<double> extraPercentiles)
    {
        metric.ComputerNames = computers?.ToArray() ?? [];
        if (sketch is null)
        {
            return;
        }

        var all = new QuantileSketch(sketch.RelativeAccuracy);
        all.Merge(sketch);
        foreach (var value in figures)
        {
            all.Add(value);
        }

        var moments = Moments.Of(figures).Combine(sketchMoments);
        metric.Count = (int)moments.Count;
        metric.QuantileRelativeError = all.RelativeAccuracy;
        metric.Values = Key.Origin == MetricOrigin.Measured ? all.Expand() : [];
        if (moments.Count == 0)
        {
            return;
        }

        metric.Mean = moments.Mean;
        metric.StdDev = moments.StdDev;
        metric.Min = moments.Min;
        metric.Max = moments.Max;
        // Clamped to the exact extremes: a bucket's representative may lie just beyond them.
        double Clamp(double v) => Math.Min(moments.Max, Math.Max(moments.Min, v));
        metric.P50 = Clamp(all.Percentile(50));
        metric.P90 = Clamp(all.Percentile(90));
        metric.P95 = Clamp(all.Percentile(95));
        metric.P99 = Clamp(all.Percentile(99));
        // As in DescriptiveSummary.Fill: a coefficient of variation only for figures that cannot be negative.
        metric.CV = metric.StdDev is { } sd && moments.Mean != 0 && moments.Min >= 0 ? sd / moments.Mean * 100 : null;
        metric.Percentiles = extraPercentiles.Where(p => !DescriptiveSummary.StandardPercentiles.Contains(p)).Distinct().OrderBy(p => p)
            .Select(p => new PercentileValue { Percentile = p, Value = Clamp(all.Percentile(p)) }).ToArray();
    }

    private static string QualifyPair(string pair, Func<string, string> qualify) =>
        string.Join(" = ", pair.Split([" = "], StringSplitOptions.None).Select(qualify));
}

/// <summary>What one source gave a group being made into a part.</summary>
internal sealed class SourceShare
{
    public int Count { get; private set; }
    public int Cold { get; private set; }
    public int Failed { get; private set; }
    public List<double> Values { get; } = [];

    public void Add(int count, int cold, int failed)
    {
        Count += count;
        Cold += cold;
        Failed += failed;
    }
}

/// <summary>A source's counts in one group, without its values (a sketched part's segments).</summary>
internal readonly struct PartSegmentTally(string source, int count, int cold, int failed)
{
    public string Source { get; } = source;
    public int Count { get; } = count;
    public int Cold { get; } = cold;
    public int Failed { get; } = failed;
}

/// <summary>Runs of consecutive values and failures from one source, in the order they came: the value list splits
/// into them exactly.</summary>
internal sealed class SourceRuns
{
    private readonly List<PartSegmentTally> items = [];

    public IReadOnlyList<PartSegmentTally> Items => items;

    public void Note(string source, int count, int cold, int failed)
    {
        if (items.Count > 0)
        {
            var last = items[items.Count - 1];
            if (ReferenceEquals(last.Source, source) || string.Equals(last.Source, source, StringComparison.Ordinal))
            {
                items[items.Count - 1] = new PartSegmentTally(last.Source, last.Count + count, last.Cold + cold, last.Failed + failed);
                return;
            }
        }

        items.Add(new PartSegmentTally(source, count, cold, failed));
    }
}
