namespace Chimera.Insight.Statistics;

/// <summary>Thresholds of the findings.</summary>
public sealed class FindingOptions
{
    /// <summary>A coefficient of variation above this (percent) is high variance.</summary>
    public double HighVariancePercent { get; set; } = 20;
    /// <summary>High variance needs at least this many values.</summary>
    public int MinimumCountForVariance { get; set; } = 3;
    /// <summary>The newest data older than this many days is stale.</summary>
    public double StaleAfterDays { get; set; } = 30;
    /// <summary>At most this many high-variance findings per model (the noisiest first).</summary>
    public int HighVariancePerModel { get; set; } = 3;
    /// <summary>At most this many files with failed runs are named per model (the highest failure rates first); a
    /// model with more gets one finding over all its files besides.</summary>
    public int FailingSourcesPerModel { get; set; } = 5;
    /// <summary>The time staleness is judged against; null: now.</summary>
    public DateTime? NowUtc { get; set; }
}

/// <summary>Deterministic findings drawn from metrics alone (live or deserialized), each with the figures it
/// rests on. Cold-start findings need Phase among the group keys; configuration findings need Configuration.
/// A finding compares groups of one model only (and, for configurations, of one backend and prompt); groups
/// without a model are never ranked against each other, since nothing says they measured the same thing.
/// The one exception, ModelComparison, sets models side by side only within one file and one configuration,
/// and says so.</summary>
public static class FindingAnalyzer
{
    public const string ThroughputMetric = CanonicalMetric.TokensPerSecond;
    public const string TtftMetric = CanonicalMetric.TtftMs;

    public static List<Finding> Analyze(IReadOnlyList<BenchmarkMetric> metrics, FindingOptions? options = null)
    {
        options ??= new FindingOptions();
        var findings = new List<Finding>();
        findings.AddRange(Configurations(metrics));
        findings.AddRange(ModelComparisons(metrics));
        findings.AddRange(ColdStarts(metrics));
        findings.AddRange(FailureRates(metrics, options));
        findings.AddRange(HighVariance(metrics, options));
        findings.AddRange(Repeats(metrics));
        findings.AddRange(StaleData(metrics, options));
        findings.AddRange(MissingMetrics(metrics));
        return findings;
    }

    private static string ModelKey(BenchmarkMetric m) => m.Model ?? "";

    /// <summary>The groups of each named model; groups without a model are left out (no subject to rank).</summary>
    private static IEnumerable<IGrouping<string, BenchmarkMetric>> ByModel(IEnumerable<BenchmarkMetric> metrics) =>
        metrics.Where(m => !string.IsNullOrEmpty(m.Model)).GroupBy(ModelKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);

    /// <summary>What else must match for two configurations of one model to be compared: backend and prompt.</summary>
    private static string Setting(BenchmarkMetric m) => (m.Backend ?? "") + "\u0001" + (m.Prompt ?? "");

    private static string? SettingText(BenchmarkMetric m)
    {
        var parts = new[] { m.Backend, m.Prompt }.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static Finding New(string kind, FindingSeverity severity, string? model, string? subject, string text,
        params FindingFigure[] figures) => new()
    {
        Kind = kind,
        Severity = severity,
        Model = string.IsNullOrEmpty(model) ? null : model,
        Subject = subject,
        Text = text,
        Figures = figures,
    };

    private static FindingFigure Figure(string name, double value, string unit = "") => new() { Name = name, Value = value, Unit = unit };

    /// <summary>Best and worst configuration by warm throughput, per model (raw samples where there are any,
    /// else the reported means).</summary>
    private static IEnumerable<Finding> Configurations(IReadOnlyList<BenchmarkMetric> metrics)
    {
        var throughput = metrics.Where(m => m.Metric == ThroughputMetric && m.Configuration is not null
            && m.Phase != Phase.Cold && m.Count > 0 && m.Mean is not null).ToList();
        foreach (var model in ByModel(throughput).SelectMany(g => g.GroupBy(Setting, StringComparer.Ordinal)))
        {
            var modelName = model.First().Model!;
            var setting = SettingText(model.First());
            var label = setting is null ? modelName : $"{modelName} ({setting})";
            var measured = model.Where(m => m.Origin == MetricOrigin.Measured).ToList();
            var pool = measured.Count > 0 ? measured : model.Where(m => m.Statistic == Insight.Statistic.Mean).ToList();
            var configurations = pool.GroupBy(m => m.Configuration!, StringComparer.Ordinal)
                .Select(g => (Configuration: g.Key, Mean: WeightedMean(g), Count: g.Sum(m => m.Count), Unit: g.First().Unit))
                .OrderByDescending(c => c.Mean).ThenBy(c => c.Configuration, StringComparer.Ordinal)
                .ToList();
            if (configurations.Count < 2)
            {
                continue;
            }

            var best = configurations[0];
            var worst = configurations[configurations.Count - 1];
            var gap = worst.Mean != 0 ? (best.Mean - worst.Mean) / worst.Mean * 100 : 0;
            yield return New("BestConfiguration", FindingSeverity.Info, modelName, best.Configuration,
                StatisticsMessages.BestConfiguration(label, best.Configuration, best.Mean, best.Unit, best.Count, gap, worst.Configuration, configurations.Count),
                Figure("Mean", best.Mean, best.Unit), Figure("Count", best.Count), Figure("AboveWorst", gap, "%"), Figure("Configurations", configurations.Count));
            yield return New("WorstConfiguration", FindingSeverity.Info, modelName, worst.Configuration,
                StatisticsMessages.WorstConfiguration(label, worst.Configuration, worst.Mean, worst.Unit, worst.Count, gap, best.Configuration),
                Figure("Mean", worst.Mean, worst.Unit), Figure("Count", worst.Count), Figure("BelowBest", best.Mean != 0 ? (best.Mean - worst.Mean) / best.Mean * 100 : 0, "%"));
        }
    }

    /// <summary>Models side by side only where one file measured them with one configuration (so on one machine,
    /// with the same settings): warm throughput from raw samples, each model's mean and count.</summary>
    private static IEnumerable<Finding> ModelComparisons(IReadOnlyList<BenchmarkMetric> metrics)
    {
        var single = metrics.Where(m => m.Metric == ThroughputMetric && m.Origin == MetricOrigin.Measured && m.Phase != Phase.Cold
                && !string.IsNullOrEmpty(m.Model) && m.Configuration is not null && m.Count > 0 && m.Mean is not null && m.Sources.Length == 1)
            .GroupBy(m => (Source: m.Sources[0], m.Configuration, Setting: Setting(m)))
            .OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Configuration, StringComparer.Ordinal);
        foreach (var shared in single)
        {
            var models = shared.GroupBy(m => m.Model!, StringComparer.Ordinal)
                .Select(g => (Model: g.Key, Mean: WeightedMean(g), Count: g.Sum(m => m.Count), Unit: g.First().Unit))
                .OrderByDescending(m => m.Mean).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
            if (models.Count < 2)
            {
                continue;
            }

            var best = models[0];
            var worst = models[models.Count - 1];
            var gap = worst.Mean != 0 ? (best.Mean - worst.Mean) / worst.Mean * 100 : 0;
            yield return New("ModelComparison", FindingSeverity.Info, null, System.IO.Path.GetFileName(shared.Key.Source),
                StatisticsMessages.ModelComparison(shared.Key.Source, shared.Key.Configuration!, models.Select(m => (m.Model, m.Mean, m.Unit, m.Count)).ToList(), gap),
                Figure("BestMean", best.Mean, best.Unit), Figure("WorstMean", worst.Mean, worst.Unit), Figure("AboveWorst", gap, "%"), Figure("Models", models.Count));
        }
    }

    private static double WeightedMean(IEnumerable<BenchmarkMetric> metrics)
    {
        double sum = 0, count = 0;
        foreach (var m in metrics)
        {
            var weight = Math.Max(1, m.Count);
            sum += m.Mean!.Value * weight;
            count += weight;
        }

        return sum / count;
    }

    /// <summary>Cold TTFT against the warm median, per model, and the reloads configuration changes caused.</summary>
    private static IEnumerable<Finding> ColdStarts(IReadOnlyList<BenchmarkMetric> metrics)
    {
        var ttft = metrics.Where(m => m.Metric == TtftMetric && m.Origin == MetricOrigin.Measured && m.Phase is not null && m.Count > 0).ToList();
        foreach (var model in ByModel(ttft))
        {
            var cold = model.Where(m => m.Phase == Phase.Cold).ToList();
            var warm = model.Where(m => m.Phase == Phase.Warm).ToList();
            if (cold.Count == 0 || warm.Count == 0)
            {
                continue;
            }

            var coldValues = cold.SelectMany(RawOrMean).ToArray();
            var warmValues = warm.SelectMany(RawOrMean).OrderBy(v => v).ToArray();
            var coldMean = coldValues.Average();
            var warmMedian = DescriptiveSummary.Percentile(warmValues, 50);
            var penalty = coldMean - warmMedian;
            var ratio = warmMedian > 0 ? coldMean / warmMedian : 0;
            var unit = model.First().Unit;
            yield return New("ColdStartPenalty", ratio >= 2 ? FindingSeverity.Warning : FindingSeverity.Info, model.Key, TtftMetric,
                StatisticsMessages.ColdStartPenalty(model.Key, coldMean, warmMedian, unit, ratio, coldValues.Length, warmValues.Length),
                Figure("ColdMean", coldMean, unit), Figure("WarmMedian", warmMedian, unit), Figure("Penalty", penalty, unit),
                Figure("Ratio", ratio, "x"), Figure("ColdCount", coldValues.Length), Figure("WarmCount", warmValues.Length));

            var coldConfigurations = cold.Where(m => m.Configuration is not null)
                .GroupBy(m => m.Configuration!, StringComparer.Ordinal)
                .Select(g => (Configuration: g.Key, Count: g.Sum(m => m.Count)))
                .OrderBy(c => c.Configuration, StringComparer.Ordinal)
                .ToList();
            if (coldConfigurations.Count >= 2)
            {
                var reloads = coldConfigurations.Sum(c => c.Count);
                yield return New("Reload", FindingSeverity.Info, model.Key, string.Join("; ", coldConfigurations.Select(c => c.Configuration)),
                    StatisticsMessages.Reloads(model.Key, reloads, coldConfigurations.Count, penalty, unit),
                    Figure("Reloads", reloads), Figure("Configurations", coldConfigurations.Count), Figure("PenaltyPerReload", penalty, unit));
            }
        }
    }

    private static IEnumerable<double> RawOrMean(BenchmarkMetric m) =>
        m.ValueCount > 0 ? m.ValueList : Enumerable.Repeat(m.Mean ?? 0, m.Mean is null ? 0 : m.Count);

    /// <summary>Per source with failed runs: the runs of its best-covered metric, how many failed, and the dominant error
    /// text, for at most <see cref="FindingOptions.FailingSourcesPerModel"/> sources per model (the highest rates); a
    /// model with more gets one finding over all its sources first.</summary>
    private static IEnumerable<Finding> FailureRates(IReadOnlyList<BenchmarkMetric> metrics, FindingOptions options)
    {
        var byModel = new Dictionary<string, ModelSources>(StringComparer.Ordinal);
        foreach (var metric in metrics.Where(m => m.Origin == MetricOrigin.Measured))
        {
            var model = ModelKey(metric);
            if (!byModel.TryGetValue(model, out var sources))
            {
                byModel.Add(model, sources = new ModelSources());
            }

            sources.Add(metric);
        }

        foreach (var (modelKey, sources) in byModel.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var model = modelKey.Length == 0 ? null : modelKey;
            var modelSources = sources.Widest();
            var failing = modelSources.Where(s => s.Failed > 0)
                .OrderByDescending(s => (double)s.Failed / s.Runs).ThenByDescending(s => s.Failed)
                .ThenBy(s => s.Source, StringComparer.Ordinal)
                .ToList();
            if (failing.Count > options.FailingSourcesPerModel)
            {
                // Hundreds of files with a failure or two each: the model's rate over all its files says it; the
                // files with the highest rates follow.
                var failed = modelSources.Sum(s => s.Failed);
                var runs = modelSources.Sum(s => s.Runs);
                var rate = (double)failed / runs * 100;
                var shown = Math.Max(0, options.FailingSourcesPerModel);
                yield return New("FailureRate", FindingSeverity.Warning, model, null,
                    StatisticsMessages.FailureRateAcrossSources(model, failed, runs, rate, failing.Count, modelSources.Count, shown),
                    Figure("Failed", failed), Figure("Runs", runs), Figure("FailureRate", rate, "%"),
                    Figure("FilesWithFailures", failing.Count), Figure("Files", modelSources.Count));
            }

            foreach (var source in failing.Take(Math.Max(0, options.FailingSourcesPerModel)).OrderBy(s => s.Source, StringComparer.Ordinal))
            {
                var rate = (double)source.Failed / source.Runs * 100;
                var error = source.Error is { } e ? OneLine(e) : null;
                yield return New("FailureRate", FindingSeverity.Warning, model, source.Source,
                    StatisticsMessages.FailureRate(model, source.Source, source.Failed, source.Runs, rate, error),
                    Figure("Failed", source.Failed), Figure("Runs", source.Runs), Figure("FailureRate", rate, "%"));
            }
        }
    }

    /// <summary>The sources of one model's metrics. A source's runs are those of its widest metric (a run that failed
    /// fails every metric it would have had), summed over the groups the metric has there (warm and cold): the most
    /// runs, then the most failed, then the first metric by name. Its error is the top error of the group with the
    /// most failures there. Kept in arrays by source number: a model of thousands of files and a dozen metrics makes
    /// no object per source.</summary>
    private sealed class ModelSources
    {
        private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
        private readonly List<string> names = [];
        private readonly List<BenchmarkMetric> metrics = [];

        public void Add(BenchmarkMetric metric) => metrics.Add(metric);

        public List<(string Source, int Runs, int Failed, string? Error)> Widest()
        {
            // Numbered in the order met, so each metric's sources are looked up once.
            var perMetric = metrics.Select(m => (Metric: m, Numbers: Number(m))).ToList();
            var bestRuns = new int[names.Count];
            var bestFailed = new int[names.Count];
            var seen = new bool[names.Count];
            var runs = new int[names.Count];
            var failed = new int[names.Count];
            var errors = new string?[names.Count];
            var errorFailed = new int[names.Count];
            foreach (var (metric, sourceNumbers) in perMetric)
            {
                for (var i = 0; i < sourceNumbers.Length; i++)
                {
                    var (_, _, f) = Share(metric, i);
                    var n = sourceNumbers[i];
                    if (f > 0 && metric.TopError is { } error && (errors[n] is null || f > errorFailed[n]))
                    {
                        errors[n] = error;
                        errorFailed[n] = f;
                    }
                }
            }

            // One metric name at a time, in ordinal order: a later name is wider only with more runs, or as many and more failed.
            foreach (var byName in perMetric.GroupBy(p => p.Metric.Metric, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var touched = new List<int>();
                foreach (var (metric, sourceNumbers) in byName)
                {
                    for (var i = 0; i < sourceNumbers.Length; i++)
                    {
                        var (_, count, f) = Share(metric, i);
                        var n = sourceNumbers[i];
                        if (runs[n] == 0 && failed[n] == 0)
                        {
                            touched.Add(n);
                        }

                        runs[n] += count + f;
                        failed[n] += f;
                    }
                }

                foreach (var n in touched)
                {
                    if (!seen[n] || runs[n] > bestRuns[n] || (runs[n] == bestRuns[n] && failed[n] > bestFailed[n]))
                    {
                        bestRuns[n] = runs[n];
                        bestFailed[n] = failed[n];
                    }

                    seen[n] = true;
                    runs[n] = 0;
                    failed[n] = 0;
                }
            }

            var widest = new List<(string, int, int, string?)>(names.Count);
            for (var n = 0; n < names.Count; n++)
            {
                if (seen[n])
                {
                    widest.Add((names[n], bestRuns[n], bestFailed[n], errors[n]));
                }
            }

            return widest;
        }

        private int[] Number(BenchmarkMetric metric)
        {
            var count = Shares(metric);
            var result = new int[count];
            for (var i = 0; i < count; i++)
            {
                var source = Share(metric, i).Source;
                if (!numbers.TryGetValue(source, out var n))
                {
                    numbers.Add(source, n = names.Count);
                    names.Add(source);
                }

                result[i] = n;
            }

            return result;
        }
    }

    /// <summary>How many sources a metric names with their counts: all of <see cref="BenchmarkMetric.Sources"/> when
    /// their counts came with them, else its one source (the group of a single file) or none.</summary>
    private static int Shares(BenchmarkMetric metric) =>
        HasSourceCounts(metric) ? metric.Sources.Length : SoleSource(metric) is null ? 0 : 1;

    private static (string Source, int Count, int Failed) Share(BenchmarkMetric metric, int i) =>
        HasSourceCounts(metric)
            ? (metric.Sources[i], metric.SourceCounts[i], metric.SourceFailedCounts[i])
            : (SoleSource(metric)!, metric.Count, metric.FailedCount);

    private static bool HasSourceCounts(BenchmarkMetric metric) =>
        metric.Sources.Length > 0 && metric.SourceCounts.Length == metric.Sources.Length
        && metric.SourceFailedCounts.Length == metric.Sources.Length;

    private static string? SoleSource(BenchmarkMetric metric) =>
        metric.Source ?? (metric.Sources.Length == 1 ? metric.Sources[0] : null);

    /// <summary>An error's first line, at most 160 characters: a stack trace is not a finding.</summary>
    private static string OneLine(string error)
    {
        var line = error.Split(new[] { '\n' }, 2)[0].Trim();
        return line.Length <= 160 ? line : line.Substring(0, 157) + "...";
    }


    /// <summary>High variance of performance figures only (times and rates: their spread is what the numbers are
    /// about), at most a few per model, the noisiest first; counts, lengths, telemetry and deltas vary by design.</summary>
    private static IEnumerable<Finding> HighVariance(IReadOnlyList<BenchmarkMetric> metrics, FindingOptions options) =>
        metrics.Where(m => m.Origin == MetricOrigin.Measured && m.Count >= options.MinimumCountForVariance
                && m.CV is { } cv && cv > options.HighVariancePercent && IsPerformance(m))
            .GroupBy(ModelKey, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(m => m.CV).Take(Math.Max(0, options.HighVariancePerModel)))
            .Select(m => New("HighVariance", FindingSeverity.Warning, m.Model, Subject(m),
                StatisticsMessages.HighVariance(Subject(m), m.CV!.Value, m.Mean ?? 0, m.StdDev ?? 0, m.Unit, m.Count),
                Figure("CV", m.CV!.Value, "%"), Figure("Mean", m.Mean ?? 0, m.Unit), Figure("StdDev", m.StdDev ?? 0, m.Unit), Figure("Count", m.Count)));

    private static readonly string[] DerivedWords = ["delta", "diff", "change", "improvement", "gain", "speedup", "ratio", "variation", "cv_", "stddev", "std_"];

    /// <summary>A time or a rate measured per request (not a difference or a spread of them).</summary>
    internal static bool IsPerformance(BenchmarkMetric m) =>
        MetricDirection.Of(m.Metric, m.Unit) != Direction.Unknown
        && !DerivedWords.Any(w => m.Metric.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>"TtftMs of llama3 (num_ctx=1024), Warm"; without a model, the file it came from stands for it.</summary>
    internal static string Subject(BenchmarkMetric m)
    {
        var source = m.Source ?? (string.IsNullOrEmpty(m.Model) && m.Sources.Length > 0
            ? System.IO.Path.GetFileName(m.Sources[0]) + (m.Sources.Length > 1 ? $" and {m.Sources.Length - 1} more file(s)" : "")
            : null);
        var parts = new[] { m.Model, m.Configuration, m.Backend, m.Prompt, source }.Where(p => !string.IsNullOrEmpty(p)).ToList();
        var text = parts.Count > 0 ? $"{m.Metric} of {string.Join(", ", parts)}" : m.Metric;
        return m.Phase is { } phase ? $"{text} ({phase})" : text;
    }

    private static IEnumerable<Finding> Repeats(IReadOnlyList<BenchmarkMetric> metrics)
    {
        var duplicates = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in metrics.SelectMany(m => m.DuplicateSources))
        {
            duplicates[pair] = duplicates.TryGetValue(pair, out var n) ? n + 1 : 1;
        }

        // The inventory's duplicate groups (relative paths) speak for runs measured without content hashes, or
        // for copies of files that held no samples; metrics that name their duplicates already say it better.
        if (duplicates.Count == 0)
        {
            var groups = metrics.Select(m => m.Inventory).Where(i => i is not null).Distinct().SelectMany(i => i!.DuplicateGroups);
            foreach (var group in groups)
            {
                for (var i = 1; i < group.Files.Length; i++)
                {
                    duplicates[group.Files[0] + " = " + group.Files[i]] = 0;
                }
            }
        }

        foreach (var pair in duplicates)
        {
            var (original, copy) = Split(pair.Key);
            yield return New("Duplicate", FindingSeverity.Warning, null, copy, StatisticsMessages.DuplicateFinding(copy, original, pair.Value),
                Figure("Files", 2), Figure("GroupsAffected", pair.Value));
        }

        var redundant = metrics.SelectMany(m => m.RedundantSources).GroupBy(p => p, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var pair in redundant)
        {
            var (original, copy) = Split(pair.Key);
            yield return New("Redundant", FindingSeverity.Warning, null, copy, StatisticsMessages.RedundantFinding(copy, original, pair.Count()),
                Figure("Files", 2), Figure("GroupsAffected", pair.Count()));
        }
    }

    private static (string Original, string Copy) Split(string pair)
    {
        var at = pair.IndexOf(" = ", StringComparison.Ordinal);
        return at < 0 ? (pair, pair) : (pair.Substring(0, at), pair.Substring(at + 3));
    }

    /// <summary>Per model, the newest run (its time from the data or the file's name, never the file's modification
    /// time) against now; data without a model is judged as a whole. No model is judged against another's dates.</summary>
    private static IEnumerable<Finding> StaleData(IReadOnlyList<BenchmarkMetric> metrics, FindingOptions options)
    {
        var now = options.NowUtc ?? DateTime.UtcNow;
        var dated = metrics.Where(m => m.LatestTimestamp is not null).ToList();
        foreach (var model in ByModel(dated))
        {
            var latest = model.Max(m => m.LatestTimestamp!.Value);
            var age = (now - latest).TotalDays;
            if (age > options.StaleAfterDays)
            {
                yield return New("StaleData", FindingSeverity.Warning, model.Key, model.Key, StatisticsMessages.StaleModel(model.Key, latest, age, options.StaleAfterDays),
                    Figure("AgeDays", Math.Round(age, 1), "days"), Figure("StaleAfterDays", options.StaleAfterDays, "days"));
            }
        }

        var unnamed = dated.Where(m => string.IsNullOrEmpty(m.Model)).ToList();
        if (unnamed.Count > 0)
        {
            var newest = unnamed.Max(m => m.LatestTimestamp!.Value);
            var age = (now - newest).TotalDays;
            if (age > options.StaleAfterDays)
            {
                yield return New("StaleData", FindingSeverity.Warning, null, null, StatisticsMessages.StaleData(newest, age, options.StaleAfterDays),
                    Figure("AgeDays", Math.Round(age, 1), "days"), Figure("StaleAfterDays", options.StaleAfterDays, "days"));
            }
        }
    }

    /// <summary>Per model: metrics measured for some configurations and missing for others.</summary>
    private static IEnumerable<Finding> MissingMetrics(IReadOnlyList<BenchmarkMetric> metrics)
    {
        var measured = metrics.Where(m => m.Origin == MetricOrigin.Measured && m.Configuration is not null && m.Phase != Phase.Cold).ToList();
        foreach (var model in ByModel(measured))
        {
            var byConfiguration = model.GroupBy(m => m.Configuration!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new HashSet<string>(g.Select(m => m.Metric), StringComparer.Ordinal), StringComparer.Ordinal);
            if (byConfiguration.Count < 2)
            {
                continue;
            }

            var all = byConfiguration.Values.SelectMany(s => s).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal);
            foreach (var metric in all)
            {
                var missing = byConfiguration.Where(p => !p.Value.Contains(metric)).Select(p => p.Key).OrderBy(s => s, StringComparer.Ordinal).ToList();
                if (missing.Count > 0)
                {
                    yield return New("MissingMetric", FindingSeverity.Info, model.Key, metric,
                        StatisticsMessages.MissingMetric(model.Key, metric, missing, byConfiguration.Count),
                        Figure("Missing", missing.Count), Figure("Configurations", byConfiguration.Count));
                }
            }
        }
    }
}
