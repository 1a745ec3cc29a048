namespace Chimera.Insight.Statistics;

/// <summary>How Compare-BenchmarkMetrics judges a change.</summary>
public sealed class ComparisonOptions
{
    /// <summary>The keys groups are matched by (besides the metric). Phase is always added: cold never decides warm.</summary>
    public GroupingKeys GroupBy { get; set; } = GroupingKeys.Default;
    /// <summary>A change must be at least this large, percent of the reference mean.</summary>
    public double ThresholdPercent { get; set; } = 5;
    /// <summary>... and significant at this level (Mann-Whitney U, two-sided), where both sides have raw samples.</summary>
    public double Alpha { get; set; } = 0.01;
}

/// <summary>Matches reference and difference metrics group by group and judges each change.</summary>
public static class MetricComparer
{
    public const string BasisMannWhitneyU = "MannWhitneyU";
    public const string BasisThresholdOnly = "ThresholdOnly";
    public const string BasisNoValues = "NoValues";
    public const string BasisUnmatched = "Unmatched";
    public const string BasisDefinitionsDiffer = "DefinitionsDiffer";

    /// <summary>The grouping each side must be measured with: the asked keys plus Phase.</summary>
    public static GroupingKeys EffectiveGrouping(GroupingKeys keys) => keys | GroupingKeys.Phase;

    /// <summary>Compares metrics measured with <see cref="EffectiveGrouping"/>. Matched groups first, in the
    /// reference's order, then groups present on one side only (Removed, then Added).</summary>
    public static List<BenchmarkComparison> Compare(IReadOnlyList<BenchmarkMetric> reference,
        IReadOnlyList<BenchmarkMetric> difference, ComparisonOptions? options = null)
    {
        options ??= new ComparisonOptions();
        var keys = ProducerDefinitions.MatchingKeys(EffectiveGrouping(options.GroupBy));
        var theirs = new Dictionary<GroupKey, BenchmarkMetric>();
        foreach (var metric in difference)
        {
            theirs[GroupKey.For(metric, keys)] = metric;
        }

        var results = new List<(int Order, BenchmarkComparison Comparison)>();
        var unmatchedReference = new List<BenchmarkMetric>();
        foreach (var metric in reference)
        {
            var key = GroupKey.For(metric, keys);
            if (theirs.TryGetValue(key, out var other))
            {
                theirs.Remove(key);
                results.Add((0, Judge(metric, other, options, keys)));
            }
            else
            {
                unmatchedReference.Add(metric);
            }
        }

        // A raw-sample side against a side that only reported its mean: judged on the threshold alone.
        foreach (var metric in unmatchedReference.ToList())
        {
            var partner = theirs.FirstOrDefault(p => CanPairMeasuredWithReportedMean(metric, p.Value, keys));
            if (partner.Key is not null)
            {
                theirs.Remove(partner.Key);
                unmatchedReference.Remove(metric);
                results.Add((0, Judge(metric, partner.Value, options, keys)));
            }
        }

        results.AddRange(unmatchedReference.Select(m => (1, OneSided(m, ComparisonStatus.Removed, keys))));
        results.AddRange(difference.Where(m => theirs.ContainsKey(GroupKey.For(m, keys)))
            .Select(m => (2, OneSided(m, ComparisonStatus.Added, keys))));
        return results.Select(r => r.Comparison).ToList();
    }

    private static bool CanPairMeasuredWithReportedMean(BenchmarkMetric a, BenchmarkMetric b, GroupingKeys keys)
    {
        if (a.Origin == b.Origin)
        {
            return false;
        }

        var reported = a.Origin == MetricOrigin.Reported ? a : b;
        if (reported.Statistic != Insight.Statistic.Mean)
        {
            return false;
        }

        var ka = GroupKey.For(a, keys);
        var kb = GroupKey.For(b, keys);
        return ka.Metric == kb.Metric && ka.Unit == kb.Unit && ka.Model == kb.Model && ka.Backend == kb.Backend
            && ka.Configuration == kb.Configuration && ka.Phase == kb.Phase && ka.Prompt == kb.Prompt && ka.Source == kb.Source;
    }

    private static BenchmarkComparison Describe(BenchmarkMetric metric, GroupingKeys keys, ComparisonStatus status) => new()
    {
        Metric = metric.Metric,
        Unit = metric.Unit,
        Statistic = metric.Origin == MetricOrigin.Reported ? metric.Statistic ?? Insight.Statistic.Mean : Insight.Statistic.Mean,
        Model = (keys & GroupingKeys.Model) != 0 ? metric.Model : null,
        Backend = (keys & GroupingKeys.Backend) != 0 ? metric.Backend : null,
        Configuration = (keys & GroupingKeys.Configuration) != 0 ? metric.Configuration : null,
        Phase = metric.Phase,
        Prompt = (keys & GroupingKeys.Prompt) != 0 ? metric.Prompt : null,
        Source = (keys & GroupingKeys.Source) != 0 ? metric.Source : null,
        Status = status,
    };

    private static BenchmarkComparison OneSided(BenchmarkMetric metric, ComparisonStatus status, GroupingKeys keys)
    {
        var comparison = Describe(metric, keys, status);
        comparison.Verdict = ComparisonVerdict.Inconclusive;
        comparison.Basis = BasisUnmatched;
        if (status == ComparisonStatus.Removed)
        {
            SetReference(comparison, metric);
        }
        else
        {
            SetDifference(comparison, metric);
        }

        return comparison;
    }

    private static BenchmarkComparison Judge(BenchmarkMetric reference, BenchmarkMetric difference, ComparisonOptions options, GroupingKeys keys)
    {
        var comparison = Describe(reference, keys, ComparisonStatus.Matched);
        SetReference(comparison, reference);
        SetDifference(comparison, difference);

        if (ProducerDefinitions.Mismatch(reference, difference) is { } mismatch)
        {
            comparison.Verdict = ComparisonVerdict.Inconclusive;
            comparison.Basis = BasisDefinitionsDiffer;
            comparison.Reason = mismatch;
            return comparison;
        }

        if (reference.Count == 0 || difference.Count == 0 || reference.Mean is not { } before || difference.Mean is not { } after)
        {
            comparison.Verdict = ComparisonVerdict.Inconclusive;
            comparison.Basis = BasisNoValues;
            return comparison;
        }

        comparison.DeltaPercent = before != 0 ? (after - before) / Math.Abs(before) * 100 : after == 0 ? 0 : null;
        var direction = comparison.Statistic is Insight.Statistic.StdDev or Insight.Statistic.Count
            ? Direction.Unknown
            : MetricDirection.Of(comparison.Metric, comparison.Unit);
        var changed = comparison.DeltaPercent is not { } delta || Math.Abs(delta) >= options.ThresholdPercent;
        var directional = comparison.DeltaPercent is { } d && direction != Direction.Unknown
            ? (d > 0) == (direction == Direction.HigherIsBetter) ? ComparisonVerdict.Better : ComparisonVerdict.Worse
            : ComparisonVerdict.Inconclusive;

        if (HasRawSamples(reference) && HasRawSamples(difference))
        {
            comparison.Basis = BasisMannWhitneyU;
            comparison.PValue = MannWhitneyU.TwoSidedPValue(reference.Values, difference.Values);
            comparison.Verdict = !changed ? ComparisonVerdict.Same
                : comparison.PValue < options.Alpha ? directional
                : MannWhitneyU.SmallestPValue(reference.Values.Length, difference.Values.Length) >= options.Alpha
                    ? ComparisonVerdict.Inconclusive
                    : ComparisonVerdict.Same;
        }
        else
        {
            comparison.Basis = BasisThresholdOnly;
            comparison.Verdict = changed ? directional : ComparisonVerdict.Same;
        }

        return comparison;
    }

    private static bool HasRawSamples(BenchmarkMetric metric) =>
        metric.Origin == MetricOrigin.Measured && metric.Values.Length > 0 && metric.Values.Length == metric.Count;

    private static void SetReference(BenchmarkComparison c, BenchmarkMetric m)
    {
        c.ReferenceMean = m.Mean;
        c.ReferenceStdDev = m.StdDev;
        c.ReferenceCV = m.CV;
        c.ReferenceCount = m.Count;
        c.ReferenceFailedCount = m.FailedCount;
        c.ReferenceProducer = m.Producer;
    }

    private static void SetDifference(BenchmarkComparison c, BenchmarkMetric m)
    {
        c.DifferenceMean = m.Mean;
        c.DifferenceStdDev = m.StdDev;
        c.DifferenceCV = m.CV;
        c.DifferenceCount = m.Count;
        c.DifferenceFailedCount = m.FailedCount;
        c.DifferenceProducer = m.Producer;
    }
}
