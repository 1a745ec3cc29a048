using System.Globalization;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Reporting;

/// <summary>
/// Every number a text may rightly quote: the statistics of each metric group, the findings' figures,
/// the inventory's counts and shares, a report's own call timings and configuration, raw samples,
/// and what the analysis derives from them (differences, ratios and percent differences between two
/// groups of one metric and statistic; totals; failure shares).
/// </summary>
public sealed class FactSet
{
    /// <summary>Derived pairs are computed for groups of one metric and statistic up to this many facts.</summary>
    public const int MaxGroupsForPairs = 60;

    private static readonly string[] PairedStatistics = ["Mean", "P50", "P95", "P99", "Max", "Min"];
    private static readonly Regex ConfigurationPair = new(@"([A-Za-z_][A-Za-z0-9_\-]*)\s*=\s*(-?\d+(?:\.\d+)?)", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private readonly List<Fact> _facts = new();
    private readonly List<Fact> _pairFacts = new();
    private readonly List<PairFamily> _families = new();
    private readonly List<PairFamily> _spreads = new();
    private readonly HashSet<(string Key, double Value)> _settings = new();
    private List<Fact>? _all;
    private bool _hasInventory;
    private readonly List<(string Metric, string Statistic, string Group, double Value, Quantity Quantity, string? Unit, ISet<string> Topics)> _pairable = new();
    private FactIndex? _index;
    /// <summary>How many facts the pairs of groups derive (differences, ratios, percent differences): not listed in
    /// <see cref="Facts"/>, but found by the grounding checker when a figure needs them.</summary>
    public long PairFactCount
    {
        get
        {
            _ = Facts;
            return _spreads.Concat(_families).Sum(f => f.DerivedFactCount);
        }
    }

    /// <summary>A copy to add more facts to (Test-InsightGrounding checks each report against the shared facts plus its own).</summary>
    public FactSet Copy()
    {
        var copy = new FactSet { _hasInventory = _hasInventory };
        copy._facts.AddRange(_facts);
        copy._pairable.AddRange(_pairable);
        copy._spreads.AddRange(_spreads);
        copy._settings.UnionWith(_settings);
        return copy;
    }

    /// <summary>The facts stated and derived, except the pairs of groups (see <see cref="PairFactCount"/>).</summary>
    public IReadOnlyList<Fact> Facts
    {
        get
        {
            if (_all is null)
            {
                DerivePairs();
                _all = _facts.Concat(_pairFacts).ToList();
                _index = null;
            }

            return _all;
        }
    }

    /// <summary>The facts indexed by quantity and magnitude, for the grounding checker.</summary>
    internal FactIndex Index
    {
        get
        {
            var facts = Facts;
            return _index ??= new FactIndex(facts, _spreads.Concat(_families).ToList());
        }
    }

    /// <summary>The facts of a report's inputs: metrics, findings, inventory and (optionally) the report's own timings and configuration.</summary>
    public static FactSet From(IEnumerable<BenchmarkMetric>? metrics, IEnumerable<Finding>? findings, BenchmarkInventorySummary? inventory, InsightReport? report = null)
    {
        var set = new FactSet();
        var metricList = (metrics ?? []).ToList();
        foreach (var metric in metricList) set.AddMetric(metric);
        foreach (var finding in findings ?? []) set.AddFinding(finding);
        inventory ??= metricList.Select(m => m.Inventory).FirstOrDefault(i => i is not null);
        if (inventory is not null) set.AddInventory(inventory);
        if (report is not null) set.AddReport(report, includeInputs: metricList.Count == 0 && findings is null && inventory is null);
        return set;
    }

    public void AddMetric(BenchmarkMetric metric)
    {
        if (metric is null) return;
        _all = null;
        var (quantity, factor, unit) = Classify(metric.Unit, metric.Metric);
        var topics = Fact.TopicSet(GroundingVocabulary.TopicsOfMetric(metric.Metric));
        var group = MetricNames.Group(metric);
        var name = metric.Metric + " (" + group + ")";
        void Add(string statistic, double? value, Quantity q, double f, string? u)
        {
            if (value is not double v || double.IsNaN(v) || double.IsInfinity(v)) return;
            // Labels are written only for the facts a figure ends up citing: formatting them all cost more than the rest.
            _facts.Add(new Fact(v * f, q, () => $"{name} {statistic} = {Numbers.WithUnit(v, metric.Unit)}", topics, statistic, unit: u));
        }

        var central = metric.Origin == MetricOrigin.Reported && !string.IsNullOrWhiteSpace(metric.Statistic) ? metric.Statistic! : "Mean";
        Add(central, metric.Mean, quantity, factor, unit);
        Add("StdDev", metric.StdDev, quantity, factor, unit);
        Add("Min", metric.Min, quantity, factor, unit);
        Add("P50", metric.P50, quantity, factor, unit);
        Add("P90", metric.P90, quantity, factor, unit);
        Add("P95", metric.P95, quantity, factor, unit);
        Add("P99", metric.P99, quantity, factor, unit);
        Add("Max", metric.Max, quantity, factor, unit);
        foreach (var percentile in metric.Percentiles ?? [])
        {
            Add("P" + percentile.Percentile.ToString(CultureInfo.InvariantCulture), percentile.Value, quantity, factor, unit);
        }

        if (metric.CV is double cv)
        {
            _facts.Add(new Fact(cv, Quantity.Percent, () => $"{name} CV = {Numbers.Percent(cv)}", topics, "CV"));
        }

        AddCount(metric.Count, name, " count", topics);
        if (metric.FailedCount > 0 || metric.Origin == MetricOrigin.Measured)
        {
            var failureTopics = Fact.TopicSet([GroundingVocabulary.Failures, .. topics]);
            AddCount(metric.FailedCount, name, " failed runs", Fact.TopicSet([GroundingVocabulary.FailedRuns, .. failureTopics]));
            var all = metric.Count + metric.FailedCount;
            AddCount(all, name, " runs attempted", failureTopics, derived: true);
            if (all > 0 && metric.FailedCount > 0)
            {
                var share = 100.0 * metric.FailedCount / all;
                _facts.Add(new Fact(share, Quantity.Percent, () => $"{name} failure rate = {Numbers.Percent(share)}", failureTopics, derived: true));
            }
        }

        AddSettings(metric.Configuration, metric.NumGpu, metric.NumCtx, metric.Temperature, metric.TopP, metric.TopK, metric.RepeatPenalty, group);

        AddSpread(name, quantity, factor, unit, topics, new[] { ("mean", metric.Mean), ("median", metric.P50), ("p90", metric.P90), ("p95", metric.P95), ("p99", metric.P99), ("min", metric.Min), ("max", metric.Max) });

        foreach (var (statistic, value) in new[] { (central, metric.Mean), ("P50", metric.P50), ("P95", metric.P95), ("P99", metric.P99), ("Max", metric.Max), ("Min", metric.Min) })
        {
            if (value is double v && !double.IsNaN(v))
            {
                _pairable.Add((metric.Metric, statistic == central ? "Mean" : statistic, group, v * factor, quantity, unit, topics));
            }
        }

        if (metric.Inventory is not null && !_hasInventory)
        {
            AddInventory(metric.Inventory);
        }
    }

    public void AddFinding(Finding finding)
    {
        if (finding is null) return;
        _all = null;
        foreach (var figure in finding.Figures ?? [])
        {
            var (quantity, factor, unit) = Classify(figure.Unit, figure.Name);
            var topics = GroundingVocabulary.TopicsOfMetric(figure.Name).Concat(finding.Kind is { Length: > 0 } kind ? [kind] : []).ToList();
            if (topics.Contains(GroundingVocabulary.Failures)) topics.Add(GroundingVocabulary.FailedRuns);
            string Label() => $"finding {finding.Kind}: {figure.Name} = {Numbers.WithUnit(figure.Value, figure.Unit)}";
            var topicSet = Fact.TopicSet(topics);
            _facts.Add(new Fact(figure.Value * factor, quantity, Label, topicSet, unit: unit));
            if (quantity == Quantity.Ratio && figure.Value < 10)
            {
                // a fraction may be written as a percent, and a ratio as a percent change
                _facts.Add(new Fact(figure.Value * 100, Quantity.Percent, Label, topicSet, derived: true));
            }
        }

        // The finding's sentence is written by the analysis, so the figures it states are facts too.
        var findingTopics = GroundingVocabulary.TopicsOfMetric(finding.Subject ?? finding.Kind ?? "").ToArray();
        foreach (var written in FigureScanner.Scan(finding.Text ?? ""))
        {
            var unit = written.Unit;
            var topics = findingTopics.Concat(written.Topic?.Topics ?? []).Concat(unit?.Topic is { } t ? [t] : []).ToList();
            if (topics.Contains(GroundingVocabulary.Failures) && unit?.Topic == GroundingVocabulary.FailedRuns) topics.Add(GroundingVocabulary.FailedRuns);
            var label = $"finding {finding.Kind}: \"{SafeText.Inline(written.Text, 40)}\"";
            if (written.SettingKey is { } key)
            {
                AddSetting(key, written.Value, "finding " + finding.Kind);
            }
            else if (unit is null)
            {
                _facts.Add(new Fact(written.Value, written.Topic?.Quantity == Quantity.Setting ? Quantity.Other : Quantity.Count, label, topics));
            }
            else
            {
                _facts.Add(new Fact(written.Value * unit.Factor, unit.Quantity, label, topics, unit: unit.Quantity == Quantity.Other ? unit.Text : null));
            }
        }
    }

    public void AddInventory(BenchmarkInventorySummary inventory)
    {
        if (inventory is null) return;
        _all = null;
        _hasInventory = true;
        string[] files = [GroundingVocabulary.Files];
        AddCount(inventory.FileCount, "files analysed", files);
        foreach (var kind in inventory.Kinds ?? [])
        {
            AddCount(kind.Count, $"{kind.Kind} files", files);
            var listed = Math.Min(ReportSections.FilesPerKind, kind.FirstFiles?.Length ?? 0);
            if (listed > 0 && kind.Count > listed)
            {
                AddCount(kind.Count - listed, $"{kind.Kind} files not listed by name", files, derived: true);
            }

            _facts.Add(new Fact(kind.SharePercent, Quantity.Percent, $"{kind.Kind} share of files = {Numbers.Percent(kind.SharePercent)}", files));
            AddBytes(kind.Bytes, $"{kind.Kind} bytes");
        }

        AddBytes(inventory.TotalBytes, "bytes analysed");
        AddCount(inventory.SkippedCount, "files skipped", files);
        if (inventory.DuplicateGroups is { Length: > 0 } groups)
        {
            string[] duplicates = [GroundingVocabulary.Duplicates, GroundingVocabulary.Files];
            AddCount(groups.Length, "groups of identical files", duplicates);
            AddCount(groups.Sum(g => Math.Max(0, g.Files.Length - 1)), "duplicate files", duplicates, derived: true);
            AddCount(groups.Sum(g => g.Files.Length), "files in duplicate groups", duplicates, derived: true);
        }

        foreach (var family in inventory.Families ?? [])
        {
            AddCount(family.Count, $"files of family {SafeText.Inline(family.Family, 40)}", files);
        }

        AddCount(inventory.Families?.Length ?? 0, "file families", files, derived: true);
    }

    /// <summary>A report's own facts: the call timings, the workflow timings, the configuration; with <paramref name="includeInputs"/>, also its metrics, findings and inventory.</summary>
    public void AddReport(InsightReport report, bool includeInputs = true)
    {
        if (report is null) return;
        _all = null;
        if (includeInputs)
        {
            foreach (var metric in report.Metrics ?? []) AddMetric(metric);
            foreach (var finding in report.Findings ?? []) AddFinding(finding);
            if (report.Inventory is not null && !_hasInventory) AddInventory(report.Inventory);
        }

        var call = "the report's LLM call";
        AddTime(report.TtftMs, CanonicalMetric.TtftMs, $"{call} TTFT");
        AddTime(report.TotalDurationMs, CanonicalMetric.TotalMs, $"{call} total duration");
        AddTime(report.LoadDurationMs, CanonicalMetric.LoadMs, $"{call} load duration");
        AddTime(report.PromptEvalDurationMs, CanonicalMetric.PromptEvalMs, $"{call} prompt eval duration");
        AddTime(report.EvalDurationMs, CanonicalMetric.EvalMs, $"{call} eval duration");
        if (report.TokensPerSecond is double tps)
        {
            _facts.Add(new Fact(tps, Quantity.Rate, $"{call} throughput = {Numbers.Format(tps)} tok/s", [CanonicalMetric.TokensPerSecond]));
        }

        if (report.PromptTokens is int prompt)
        {
            _facts.Add(new Fact(prompt, Quantity.Tokens, $"{call} prompt tokens = {prompt}", [CanonicalMetric.PromptTokens]));
        }

        if (report.TokensGenerated is int generated)
        {
            _facts.Add(new Fact(generated, Quantity.Tokens, $"{call} tokens generated = {generated}", [CanonicalMetric.OutputTokens]));
        }

        string[] workflow = [GroundingVocabulary.Workflow];
        foreach (var (value, name) in new[] { (report.IngestSeconds, "ingest"), (report.AnalysisSeconds, "analysis"), (report.ReportSeconds, "report"), (report.TotalSeconds, "execution") })
        {
            if (value > 0)
            {
                _facts.Add(new Fact(value * 1000, Quantity.Time, $"workflow {name} time = {Numbers.Format(value)} s", workflow));
            }
        }

        if (report.FilesAnalyzed > 0)
        {
            AddCount(report.FilesAnalyzed, "files analysed", [GroundingVocabulary.Files]);
        }

        if (report.GpuOffloadPercent is double offload)
        {
            _facts.Add(new Fact(offload, Quantity.Percent, $"GPU offload = {Numbers.Percent(offload)}", [GroundingVocabulary.GpuOffload]));
        }

        if (report.ContextLength is int contextLength)
        {
            AddSetting(GroundingVocabulary.NumCtx, contextLength, "context length of the model");
        }

        AddSettings(report.Configuration, report.NumGpu, report.NumCtx, report.Temperature, report.TopP, report.TopK, report.RepeatPenalty, "the report's configuration");

        if (report.Grounding is { } grounding)
        {
            // What the report says about its own narrative.
            AddCount(grounding.Figures.Length, "figures in the narrative", ["Grounding"]);
            AddCount(grounding.Grounded.Length, "grounded figures in the narrative", ["Grounding"]);
            AddCount(grounding.Ungrounded.Length, "ungrounded figures in the narrative", ["Grounding"]);
            _facts.Add(new Fact(grounding.GroundedRatio * 100, Quantity.Percent, $"grounded share of the narrative's figures = {Numbers.Percent(grounding.GroundedRatio * 100)}", ["Grounding"]));
        }
    }

    /// <summary>A raw sample: its value is a fact of its metric.</summary>
    public void AddSample(BenchmarkSample sample)
    {
        if (sample is null || double.IsNaN(sample.Value) || double.IsInfinity(sample.Value)) return;
        _all = null;
        var (quantity, factor, unit) = Classify(sample.Unit, sample.Metric);
        var statistic = string.IsNullOrWhiteSpace(sample.Statistic) || sample.Statistic == Insight.Statistic.Sample ? null : sample.Statistic;
        _facts.Add(new Fact(sample.Value * factor, quantity, $"sample {sample.Metric} = {Numbers.WithUnit(sample.Value, sample.Unit)} ({SafeText.Inline(System.IO.Path.GetFileName(sample.Source), 60)})",
            GroundingVocabulary.TopicsOfMetric(sample.Metric), statistic, unit: unit));
        AddSettings(sample.Configuration, sample.NumGpu, sample.NumCtx, sample.Temperature, sample.TopP, sample.TopK, sample.RepeatPenalty, "sample configuration");
    }

    /// <summary>A comparison: both sides' means and spreads, the percent difference and the p-value.</summary>
    public void AddComparison(BenchmarkComparison comparison)
    {
        if (comparison is null) return;
        _all = null;
        var (quantity, factor, unit) = Classify(comparison.Unit, comparison.Metric);
        var topics = Fact.TopicSet(GroundingVocabulary.TopicsOfMetric(comparison.Metric));
        var name = $"comparison {comparison.Metric} ({SafeText.Inline(comparison.Model)})";
        void Add(string what, double? value, Quantity q, double f, string? statistic = null, string? u = null)
        {
            if (value is double v && !double.IsNaN(v)) _facts.Add(new Fact(v * f, q, $"{name} {what} = {Numbers.Format(v)}", topics, statistic, unit: u));
        }

        Add("reference mean", comparison.ReferenceMean, quantity, factor, "Mean", unit);
        Add("difference mean", comparison.DifferenceMean, quantity, factor, "Mean", unit);
        Add("reference sd", comparison.ReferenceStdDev, quantity, factor, "StdDev", unit);
        Add("difference sd", comparison.DifferenceStdDev, quantity, factor, "StdDev", unit);
        Add("reference CV", comparison.ReferenceCV, Quantity.Percent, 1, "CV");
        Add("difference CV", comparison.DifferenceCV, Quantity.Percent, 1, "CV");
        Add("delta", comparison.DeltaPercent, Quantity.Percent, 1);
        Add("p-value", comparison.PValue, Quantity.Other, 1);
        AddCount(comparison.ReferenceCount, name + " reference count", topics);
        AddCount(comparison.DifferenceCount, name + " difference count", topics);
        if (comparison.ReferenceMean is double r && comparison.DifferenceMean is double d)
        {
            _pairable.Add((comparison.Metric, "Mean", "reference", r * factor, quantity, unit, topics));
            _pairable.Add((comparison.Metric, "Mean", "difference " + SafeText.Inline(comparison.Model), d * factor, quantity, unit, topics));
        }
    }

    /// <summary>Adds any fact, e.g. a figure a caller knows to be true.</summary>
    public void Add(Fact fact)
    {
        _all = null;
        _facts.Add(fact ?? throw new ArgumentNullException(nameof(fact)));
    }

    /// <summary>Quantity, factor to the canonical unit, and unit (for Other) of a unit string and metric name.</summary>
    internal static (Quantity Quantity, double Factor, string? Unit) Classify(string? unit, string? metric)
    {
        var u = (unit ?? "").Trim();
        var m = metric ?? "";
        switch (u.ToLowerInvariant())
        {
            case "tok/s": case "tokens/s": case "tokens/sec": case "tokens per second": case "t/s":
                return (Quantity.Rate, 1, null);
            case "ms": return (Quantity.Time, 1, null);
            case "s": case "sec": case "seconds": return (Quantity.Time, 1000, null);
            case "us": case "µs": return (Quantity.Time, 0.001, null);
            case "ns": return (Quantity.Time, 1e-6, null);
            case "min": case "minutes": return (Quantity.Time, 60000, null);
            case "%": case "percent": return (Quantity.Percent, 1, null);
            case "x": case "×": case "ratio": return (Quantity.Ratio, 1, null);
            case "tokens": case "token": return (Quantity.Tokens, 1, null);
            case "files": case "runs": case "count": case "samples": case "requests": return (Quantity.Count, 1, null);
        }

        if (u.Length == 0)
        {
            if (m.EndsWith("Ms", StringComparison.Ordinal)) return (Quantity.Time, 1, null);
            if (m.EndsWith("PerSecond", StringComparison.Ordinal)) return (Quantity.Rate, 1, null);
            if (m.EndsWith("Percent", StringComparison.Ordinal)) return (Quantity.Percent, 1, null);
            if (m.EndsWith("Tokens", StringComparison.Ordinal)) return (Quantity.Tokens, 1, null);
        }

        return (Quantity.Other, 1, u);
    }

    /// <summary>Within one group: how its statistics relate (p99 1.2x the median, p95 11% above the mean, max - min),
    /// derived on demand like the pairs of groups.</summary>
    private void AddSpread(string name, Quantity quantity, double factor, string? unit, ISet<string> topics, (string Name, double? Value)[] statistics)
    {
        var known = statistics.Where(s => s.Value is double v && !double.IsNaN(v) && !double.IsInfinity(v)).Select(s => (s.Name, s.Value!.Value * factor)).ToList();
        if (known.Count > 1)
        {
            _spreads.Add(new PairFamily(name, GroundingVocabulary.Spread, quantity, unit, topics, known));
        }
    }

    private void AddCount(int count, string label, IEnumerable<string> topics, bool derived = false) =>
        _facts.Add(new Fact(count, Quantity.Count, $"{label} = {count}", topics, "Count", derived));

    private void AddCount(int count, string name, string what, ISet<string> topics, bool derived = false) =>
        _facts.Add(new Fact(count, Quantity.Count, () => $"{name}{what} = {count}", topics, "Count", derived));

    private void AddBytes(long bytes, string label)
    {
        if (bytes <= 0) return;
        _facts.Add(new Fact(bytes, Quantity.Other, $"{label} = {bytes}", ["Bytes"], unit: "bytes"));
        _facts.Add(new Fact(bytes / 1e3, Quantity.Other, $"{label} = {Numbers.Format(bytes / 1e3)} KB", ["Bytes"], unit: "KB", derived: true));
        _facts.Add(new Fact(bytes / 1e6, Quantity.Other, $"{label} = {Numbers.Format(bytes / 1e6)} MB", ["Bytes"], unit: "MB", derived: true));
        _facts.Add(new Fact(bytes / 1024.0 / 1024.0, Quantity.Other, $"{label} = {Numbers.Format(bytes / 1024.0 / 1024.0)} MiB", ["Bytes"], unit: "MiB", derived: true));
    }

    private void AddTime(double? milliseconds, string metric, string label)
    {
        if (milliseconds is double ms && !double.IsNaN(ms))
        {
            _facts.Add(new Fact(ms, Quantity.Time, $"{label} = {Numbers.Format(ms)} ms", [metric]));
        }
    }

    private void AddSettings(string? configuration, int? numGpu, int? numCtx, double? temperature, double? topP, int? topK, double? repeatPenalty, string source)
    {
        if (numGpu is int g) AddSetting(GroundingVocabulary.NumGpu, g, source);
        if (numCtx is int c) AddSetting(GroundingVocabulary.NumCtx, c, source);
        if (temperature is double t) AddSetting(GroundingVocabulary.Temperature, t, source);
        if (topP is double p) AddSetting(GroundingVocabulary.TopP, p, source);
        if (topK is int k) AddSetting(GroundingVocabulary.TopK, k, source);
        if (repeatPenalty is double r) AddSetting(GroundingVocabulary.RepeatPenalty, r, source);
        if (string.IsNullOrWhiteSpace(configuration)) return;
        foreach (Match match in ConfigurationPair.Matches(configuration))
        {
            var key = GroundingVocabulary.SettingKey(match.Groups[1].Value) ?? match.Groups[1].Value.ToLowerInvariant();
            AddSetting(key, double.Parse(match.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture), source);
        }
    }

    private void AddSetting(string key, double value, string source)
    {
        if (!_settings.Add((key, value)))
        {
            return;
        }

        _facts.Add(new Fact(value, Quantity.Setting, $"{key}={Numbers.Format(value)} ({source})", [key]));
    }

    private void DerivePairs()
    {
        _pairFacts.Clear();
        _families.Clear();
        foreach (var family in _pairable.GroupBy(p => (p.Metric, p.Statistic)))
        {
            var members = family.GroupBy(p => (p.Group, p.Value)).Select(g => g.First()).Take(MaxGroupsForPairs).ToList();
            if (members.Count < 2)
            {
                continue;
            }

            var first = members[0];
            _families.Add(new PairFamily(first.Metric, first.Statistic, first.Quantity, first.Unit, first.Topics, members.Select(m => (m.Group, m.Value)).ToList()));
            _pairFacts.Add(new Fact(members.Count, Quantity.Count, $"{first.Metric} {first.Statistic}: {members.Count} groups", first.Topics, "Count", derived: true));
        }
    }
}
