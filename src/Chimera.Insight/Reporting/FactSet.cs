using System.Globalization;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Reporting;

/// <summary>
/// Every number a text may rightly quote: the metric groups (kept whole, so that the grounding matcher
/// reads each claim against its subject's statistics and their pools, see <see cref="Grounding.GroupCatalog"/>),
/// and the facts beside them: the findings' figures, the inventory's counts and shares, a report's own call
/// timings and configuration, raw samples, comparisons, and totals and failure shares derived from them.
/// </summary>
public sealed partial class FactSet
{
    private static readonly Regex ConfigurationPair = ConfigurationPairRegex();
    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_\-]*)\s*=\s*(-?\d+(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigurationPairRegex();

    private readonly List<Fact> _facts = new();
    private readonly List<BenchmarkMetric> _metrics = new();
    private readonly List<Finding> _findings = new();
    private readonly List<(string Name, Fact Fact)> _namedFigures = new();
    private readonly HashSet<(string Key, double Value)> _settings = new();
    private List<Fact>? _all;
    private bool _hasInventory;
    private FactIndex? _index;
    private Grounding.GroupCatalog? _catalog;
    /// <summary>A copy to add more facts to (Test-InsightGrounding checks each report against the shared facts plus its own).</summary>
    public FactSet Copy()
    {
        var copy = new FactSet { _hasInventory = _hasInventory };
        copy._facts.AddRange(_facts);
        copy._metrics.AddRange(_metrics);
        copy._findings.AddRange(_findings);
        copy._namedFigures.AddRange(_namedFigures);
        copy._settings.UnionWith(_settings);
        return copy;
    }

    /// <summary>The facts beside the metric groups, stated and derived.</summary>
    public IReadOnlyList<Fact> Facts
    {
        get
        {
            if (_all is null)
            {
                _all = _facts.Concat(Totals()).ToList();
                _index = null;
            }

            return _all;
        }
    }

    /// <summary>The findings' figures by the name they carry ("Penalty", "WarmMedian"): a text that writes the name before the figure quotes that figure.</summary>
    internal IReadOnlyList<(string Name, Fact Fact)> NamedFigures => _namedFigures;

    /// <summary>The metric groups, in the order they were added.</summary>
    public IReadOnlyList<BenchmarkMetric> Metrics => _metrics;

    /// <summary>The facts beside the groups indexed by quantity and magnitude, for the grounding checker.</summary>
    internal FactIndex Index
    {
        get
        {
            var facts = Facts;
            return _index ??= new FactIndex(facts);
        }
    }

    /// <summary>The metric groups indexed for the grounding matcher.</summary>
    internal Grounding.GroupCatalog Catalog => _catalog ??= new Grounding.GroupCatalog(_metrics);

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
        _catalog = null;
        _metrics.Add(metric);
        if (metric.Inventory is not null && !_hasInventory)
        {
            AddInventory(metric.Inventory);
        }
    }

    public void AddFinding(Finding finding)
    {
        if (finding is null) return;
        _all = null;
        _findings.Add(finding);
        foreach (var figure in finding.Figures ?? [])
        {
            var (quantity, factor, unit) = Classify(figure.Unit, figure.Name);
            var topics = GroundingVocabulary.TopicsOfMetric(figure.Name).Concat(finding.Kind is { Length: > 0 } kind ? [kind] : []).ToList();
            if (topics.Contains(GroundingVocabulary.Failures)) topics.Add(GroundingVocabulary.FailedRuns);
            string Label() => $"finding {finding.Kind}: {figure.Name} = {Numbers.WithUnit(figure.Value, figure.Unit)}";
            var topicSet = Fact.TopicSet(topics);
            var fact = new Fact(figure.Value * factor, quantity, Label, topicSet, unit: unit) { Model = Model(finding) };
            _facts.Add(fact);
            if (!string.IsNullOrWhiteSpace(figure.Name)) _namedFigures.Add((figure.Name, fact));
            if (quantity == Quantity.Ratio && figure.Value < 10)
            {
                // a fraction may be written as a percent, and a ratio as a percent change
                _facts.Add(new Fact(figure.Value * 100, Quantity.Percent, Label, topicSet, derived: true) { Model = Model(finding) });
            }
        }

        // The finding's sentence is written by the analysis, so the figures it states are facts too.
        AddQuoted(finding.Text ?? "", "finding " + finding.Kind, GroundingVocabulary.TopicsOfMetric(finding.Subject ?? finding.Kind ?? "").ToArray(), Model(finding));
    }

    /// <summary>The figures of a sentence the module computed and wrote itself (a finding, a report's warning), as quoted facts.</summary>
    private void AddQuoted(string text, string source, string[] baseTopics, string? model)
    {
        foreach (var written in FigureScanner.Scan(text))
        {
            var unit = written.Unit;
            var topics = baseTopics.Concat(written.Topic?.Topics ?? []).Concat(unit?.Topic is { } t ? [t] : []).ToList();
            if (topics.Contains(GroundingVocabulary.Failures) && unit?.Topic == GroundingVocabulary.FailedRuns) topics.Add(GroundingVocabulary.FailedRuns);
            var label = $"{source}: \"{SafeText.Inline(written.Text, 40)}\"";
            if (written.SettingKey is { } key)
            {
                AddSetting(key, written.Value, source);
            }
            else if (unit is null)
            {
                _facts.Add(new Fact(written.Value, written.Topic?.Quantity == Quantity.Setting ? Quantity.Other : Quantity.Count, label, topics) { Model = model, Quoted = true });
            }
            else
            {
                _facts.Add(new Fact(written.Value * unit.Factor, unit.Quantity, label, topics, unit: unit.Quantity == Quantity.Other ? unit.Text : null) { Model = model, Quoted = true });
            }
        }
    }

    /// <summary>What a report says of the data as a whole: how many metric groups, metrics, models and configurations, how many findings and warnings.</summary>
    private IEnumerable<Fact> Totals()
    {
        // The groups' settings (num_ctx=2048), read once by the catalog: a text may state them.
        var settings = new HashSet<(string, double)>(_settings);
        foreach (var group in Catalog.Groups)
        {
            foreach (var setting in group.Settings)
            {
                var key = setting.Key;
                if (double.TryParse(setting.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && settings.Add((key, value)))
                {
                    var label = group.Label;
                    yield return new Fact(value, Quantity.Setting, () => $"{key}={Numbers.Format(value)} ({label})", Fact.TopicSet([key]));
                }
            }
        }

        if (_metrics.Count > 0)
        {
            yield return new Fact(_metrics.Count, Quantity.Count, $"metric groups = {_metrics.Count}", [GroundingVocabulary.Groups], "Count");
            if (_metrics.Count > ReportSections.DataSummaryRows)
            {
                var unlisted = _metrics.Count - ReportSections.DataSummaryRows;
                yield return new Fact(unlisted, Quantity.Count, $"metric groups beyond the {ReportSections.DataSummaryRows} a report lists = {unlisted}", [GroundingVocabulary.Groups], "Count", derived: true);
            }

            // The narrative counts the groups that name no model, those with too few values and those stated already summarised.
            string[] groups = [GroundingVocabulary.Groups];
            foreach (var (count, what) in new[]
                     {
                         (_metrics.Count(m => string.IsNullOrWhiteSpace(m.Model)), "that name no model"),
                         (_metrics.Count(OfflineNarrativeWriter.HasFewValues), "of models with fewer than five values"),
                         (_metrics.Count(m => m.Origin == MetricOrigin.Reported), "stated already summarised"),
                     })
            {
                yield return new Fact(count, Quantity.Count, $"metric groups {what} = {count}", groups, "Count");
            }

            foreach (var few in _metrics.Where(OfflineNarrativeWriter.HasFewValues).GroupBy(m => m.Model!, StringComparer.Ordinal))
            {
                var count = few.Count();
                yield return new Fact(count, Quantity.Count, $"metric groups of {few.Key} with fewer than five values = {count}", groups, "Count") { Model = few.Key };
            }

            var metrics = _metrics.Select(m => m.Metric).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            yield return new Fact(metrics, Quantity.Count, $"metrics = {metrics}", ["Metrics"], "Count");
            var models = _metrics.Select(m => m.Model).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct().Count();
            yield return new Fact(models, Quantity.Count, $"models = {models}", [GroundingVocabulary.Models], "Count");
            var configurations = _metrics.Select(MetricNames.Configuration).Where(c => c.Length > 0).Distinct().Count();
            yield return new Fact(configurations, Quantity.Count, $"configurations = {configurations}", [GroundingVocabulary.Configurations], "Count");
        }
        else
        {
            yield return new Fact(0, Quantity.Count, "metric groups = 0", [GroundingVocabulary.Groups, GroundingVocabulary.Models], "Count");
        }

        if (_findings.Count > 0)
        {
            yield return new Fact(_findings.Count, Quantity.Count, $"findings = {_findings.Count}", [GroundingVocabulary.FindingCount], "Count");
            var warnings = _findings.Count(f => f.Severity == FindingSeverity.Warning);
            yield return new Fact(warnings, Quantity.Count, $"findings that are warnings = {warnings}", [GroundingVocabulary.FindingCount], "Count");
        }
    }

    private static string? Model(Finding finding) => string.IsNullOrWhiteSpace(finding.Model) ? null : finding.Model;

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
                // The Data Summary states it ("... and 6 more"): a stated count, not a derived one.
                AddCount(kind.Count - listed, $"{kind.Kind} files not listed by name", files);
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

        // The Data Summary names a few files per kind, from the report's metrics when the inventory lists none: "... and N more".
        foreach (var kind in report.Inventory?.Kinds ?? [])
        {
            if (kind.FirstFiles is not { Length: > 0 } && ReportSections.UnlistedFiles(kind, report) is > 0 and var unlisted)
            {
                AddCount(unlisted, $"{kind.Kind} files not listed by name", [GroundingVocabulary.Files]);
            }
        }

        // The report's warnings (its prompt budget, a cut prompt) are computed and written by the module: their figures are facts.
        foreach (var warning in report.Warnings ?? [])
        {
            AddQuoted(warning, "the report's warning", [], null);
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

        AddSettings(report.Configuration, report.Settings, "the report's configuration");

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
            GroundingVocabulary.TopicsOfMetric(sample.Metric), statistic, unit: unit) { Model = string.IsNullOrWhiteSpace(sample.Model) ? null : sample.Model });
        AddSettings(sample.Configuration, sample.Settings, "sample configuration");
    }

    /// <summary>A record: each of its samples is a fact of its metric.</summary>
    public void AddRecord(BenchmarkRecord record)
    {
        if (record is null) return;
        foreach (var sample in Extraction.SampleList.Of(record.Source, [record]))
        {
            AddSample(sample);
        }
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
            Add("difference of the means", Math.Abs(d - r), quantity, factor, u: unit);
            if (r != 0 && d != 0)
            {
                Add("ratio of the means", Math.Max(Math.Abs(r), Math.Abs(d)) / Math.Min(Math.Abs(r), Math.Abs(d)), Quantity.Ratio, 1);
            }
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

    private void AddSettings(string? configuration, RunSettings settings, string source)
    {
        foreach (var option in RunSettings.Options)
        {
            if (settings[option] is { } value) AddSetting(option.Name, value, source);
        }

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
}
