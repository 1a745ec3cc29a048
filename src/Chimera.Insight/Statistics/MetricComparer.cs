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
    /// <summary>Welch's t-test on the stated means, standard deviations and counts, where a side has no raw samples.</summary>
    public const string BasisWelchT = "WelchT";
    /// <summary>Both sides read at least one same file: a set compared with itself, in part or in whole.</summary>
    public const string BasisSharedFiles = "SharedFiles";
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
        comparison.Reason = status == ComparisonStatus.Removed ? StatisticsMessages.OnlyInReference : StatisticsMessages.OnlyInDifference;
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
            comparison.Reason = StatisticsMessages.NoValuesReason;
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

        var shared = reference.Sources.Intersect(difference.Sources, StringComparer.Ordinal).ToList();
        if (shared.Count > 0)
        {
            comparison.Verdict = ComparisonVerdict.Inconclusive;
            comparison.Basis = BasisSharedFiles;
            comparison.Reason = StatisticsMessages.SharedFilesReason(shared);
            return comparison;
        }

        if (HasRawSamples(reference) && HasRawSamples(difference))
        {
            comparison.Basis = BasisMannWhitneyU;
            comparison.PValue = MannWhitneyU.TwoSidedPValue(reference.ValueList, difference.ValueList);
            var tooFew = MannWhitneyU.SmallestPValue(reference.ValueCount, difference.ValueCount) >= options.Alpha;
            comparison.Verdict = !changed ? ComparisonVerdict.Same
                : comparison.PValue < options.Alpha ? directional
                : tooFew ? ComparisonVerdict.Inconclusive
                : ComparisonVerdict.Same;
            if (comparison.Verdict == ComparisonVerdict.Inconclusive)
            {
                comparison.Reason = direction == Direction.Unknown ? StatisticsMessages.NoDirectionReason
                    : StatisticsMessages.TooFewSamplesReason(reference.ValueCount, difference.ValueCount, options.Alpha);
            }
        }
        else if (Spread(reference) is { } a && Spread(difference) is { } b)
        {
            comparison.Basis = BasisWelchT;
            comparison.PValue = WelchTwoSidedPValue(a, b);
            comparison.Verdict = !changed ? ComparisonVerdict.Same
                : comparison.PValue < options.Alpha ? directional
                : ComparisonVerdict.Inconclusive;
            if (comparison.Verdict == ComparisonVerdict.Inconclusive)
            {
                comparison.Reason = direction == Direction.Unknown ? StatisticsMessages.NoDirectionReason : StatisticsMessages.NotSignificantReason(comparison.PValue.Value, options.Alpha);
            }
        }
        else
        {
            // A mean without its spread and count cannot be tested: no verdict, Better, Worse or Same.
            comparison.Basis = BasisThresholdOnly;
            comparison.Verdict = ComparisonVerdict.Inconclusive;
            comparison.Reason = StatisticsMessages.NoSpreadReason(Spread(reference) is null, Spread(difference) is null);
        }

        return comparison;
    }

    /// <summary>Mean, standard deviation and count of a side, where it states (or its raw samples give) all three
    /// with at least two values; null otherwise.</summary>
    private static (double Mean, double StdDev, int Count)? Spread(BenchmarkMetric metric)
    {
        if (metric.Mean is not { } mean || metric.StdDev is not { } sd || metric.Count < 2 || double.IsNaN(sd))
        {
            return null;
        }

        return metric.Origin == MetricOrigin.Measured || metric.Statistic == Insight.Statistic.Mean ? (mean, sd, metric.Count) : null;
    }

    /// <summary>Welch's unequal-variance t-test, two-sided, from the summary figures of each side.</summary>
    internal static double WelchTwoSidedPValue((double Mean, double StdDev, int Count) a, (double Mean, double StdDev, int Count) b)
    {
        var va = a.StdDev * a.StdDev / a.Count;
        var vb = b.StdDev * b.StdDev / b.Count;
        var se = Math.Sqrt(va + vb);
        if (se == 0)
        {
            return a.Mean == b.Mean ? 1 : 0;
        }

        var t = (a.Mean - b.Mean) / se;
        var df = (va + vb) * (va + vb) / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
        return 2 * (1 - MathNet.Numerics.Distributions.StudentT.CDF(0, 1, df, Math.Abs(t)));
    }

    /// <summary>The files both sides read (by full path): a comparison of a set with itself, in part or in whole.</summary>
    public static IReadOnlyList<string> SharedSources(IReadOnlyList<BenchmarkMetric> reference, IReadOnlyList<BenchmarkMetric> difference) =>
        reference.SelectMany(m => m.Sources).Distinct(StringComparer.Ordinal)
            .Intersect(difference.SelectMany(m => m.Sources), StringComparer.Ordinal)
            .OrderBy(s => s, StringComparer.Ordinal).ToList();

    private static bool HasRawSamples(BenchmarkMetric metric) =>
        metric.Origin == MetricOrigin.Measured && metric.ValueCount > 0 && metric.ValueCount == metric.Count;

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
