using System.Text.RegularExpressions;

namespace Chimera.Insight.Reporting;

/// <summary>A unit written after a figure: what it measures and the factor to the canonical unit.</summary>
internal sealed class WrittenUnit
{
    public WrittenUnit(string text, Quantity quantity, double factor = 1, string? topic = null, bool notAClaim = false)
    {
        Text = text;
        Quantity = quantity;
        Factor = factor;
        Topic = topic;
        NotAClaim = notAClaim;
    }

    public string Text { get; }
    public Quantity Quantity { get; }
    /// <summary>Multiply the written value by this to get the canonical unit (ms for time).</summary>
    public double Factor { get; }
    public string? Topic { get; }
    /// <summary>Words like "words" or "sections": the number describes the text, not the data.</summary>
    public bool NotAClaim { get; }
}

/// <summary>A phrase that says what a figure is about (TTFT, throughput, num_ctx, ...).</summary>
internal sealed class TopicPhrase
{
    public TopicPhrase(string phrase, Quantity quantity, params string[] topics)
    {
        Phrase = phrase;
        Quantity = quantity;
        Topics = topics;
    }

    public string Phrase { get; }
    public Quantity Quantity { get; }
    public string[] Topics { get; }
}

/// <summary>The words the grounding checker understands: units, topics, statistics, and words that make a number not a claim.</summary>
internal static partial class GroundingVocabulary
{
    public const string Files = "Files";
    public const string Failures = "Failures";
    /// <summary>A count of failed runs itself (a unit "failed runs"), as opposed to anything about failures (runs attempted).</summary>
    public const string FailedRuns = "FailedRuns";
    public const string Duplicates = "Duplicates";
    public const string Workflow = "Workflow";
    public const string Groups = "Groups";
    public const string Models = "Models";
    public const string Configurations = "Configurations";
    public const string FindingCount = "Findings";
    /// <summary>The statistic of a fact relating two statistics of one group (p99 against the median): any named statistic may cite it.</summary>
    public const string Spread = "Spread";
    public const string GpuOffload = "GpuOffload";
    public const string NumCtx = "num_ctx";
    public const string NumGpu = "num_gpu";
    public const string Temperature = "temperature";

    /// <summary>Units, longest first so that "tokens/s" wins over "tokens".</summary>
    public static readonly WrittenUnit[] Units = Sorted(
    [
        new("tokens per second", Quantity.Rate), new("tokens/second", Quantity.Rate), new("tokens/sec", Quantity.Rate),
        new("tokens/s", Quantity.Rate), new("tok/s", Quantity.Rate), new("tok/sec", Quantity.Rate), new("t/s", Quantity.Rate),
        new("tps", Quantity.Rate),
        new("milliseconds", Quantity.Time), new("millisecond", Quantity.Time), new("msec", Quantity.Time), new("ms", Quantity.Time),
        new("microseconds", Quantity.Time, 0.001), new("µs", Quantity.Time, 0.001), new("us", Quantity.Time, 0.001),
        new("nanoseconds", Quantity.Time, 1e-6), new("ns", Quantity.Time, 1e-6),
        new("seconds", Quantity.Time, 1000), new("second", Quantity.Time, 1000), new("secs", Quantity.Time, 1000),
        new("sec", Quantity.Time, 1000), new("s", Quantity.Time, 1000),
        new("minutes", Quantity.Time, 60000), new("minute", Quantity.Time, 60000), new("mins", Quantity.Time, 60000), new("min", Quantity.Time, 60000),
        new("hours", Quantity.Time, 3600000), new("hour", Quantity.Time, 3600000),
        new("percentage points", Quantity.Percent), new("percent", Quantity.Percent), new("per cent", Quantity.Percent),
        new("pp", Quantity.Percent), new("%", Quantity.Percent),
        new("x", Quantity.Ratio), new("×", Quantity.Ratio), new("times", Quantity.Ratio),
        new("tokens", Quantity.Tokens), new("token", Quantity.Tokens), new("tok", Quantity.Tokens),
        new("files", Quantity.Count, topic: Files), new("file", Quantity.Count, topic: Files),
        new("artifacts", Quantity.Count, topic: Files), new("artifact", Quantity.Count, topic: Files),
        new("failed runs", Quantity.Count, topic: FailedRuns), new("failures", Quantity.Count, topic: FailedRuns),
        new("failed", Quantity.Count, topic: FailedRuns), new("errors", Quantity.Count, topic: FailedRuns),
        new("duplicates", Quantity.Count, topic: Duplicates), new("duplicate files", Quantity.Count, topic: Duplicates),
        new("runs", Quantity.Count), new("run", Quantity.Count), new("samples", Quantity.Count), new("sample", Quantity.Count),
        new("requests", Quantity.Count), new("request", Quantity.Count), new("iterations", Quantity.Count),
        new("measurements", Quantity.Count), new("records", Quantity.Count), new("groups", Quantity.Count),
        new("metric groups", Quantity.Count, topic: Groups), new("models", Quantity.Count, topic: Models), new("configurations", Quantity.Count, topic: Configurations), new("calls", Quantity.Count),
        new("benchmarks", Quantity.Count), new("metrics", Quantity.Count, topic: "Metrics"), new("findings", Quantity.Count, topic: FindingCount), new("figures", Quantity.Count), new("more", Quantity.Count),
        new("GB", Quantity.Other), new("MB", Quantity.Other), new("KB", Quantity.Other), new("GiB", Quantity.Other),
        new("MiB", Quantity.Other), new("bytes", Quantity.Other), new("W", Quantity.Other), new("watts", Quantity.Other),
        new("°C", Quantity.Other),
        new("words", Quantity.Other, notAClaim: true), new("word", Quantity.Other, notAClaim: true),
        new("sentences", Quantity.Other, notAClaim: true), new("bullets", Quantity.Other, notAClaim: true),
        new("sections", Quantity.Other, notAClaim: true), new("paragraphs", Quantity.Other, notAClaim: true),
        new("characters", Quantity.Other, notAClaim: true), new("lines", Quantity.Other, notAClaim: true),
        new("recommendations", Quantity.Other, notAClaim: true), new("steps", Quantity.Other, notAClaim: true),
        new("rows", Quantity.Other, notAClaim: true), new("columns", Quantity.Other, notAClaim: true),
    ]);

    /// <summary>Topic phrases; matched on lower-cased text with '_' read as a space.</summary>
    public static readonly TopicPhrase[] Topics =
    [
        new("time to first token", Quantity.Time, CanonicalMetric.TtftMs), new("time-to-first-token", Quantity.Time, CanonicalMetric.TtftMs),
        new("first token", Quantity.Time, CanonicalMetric.TtftMs), new("first-token", Quantity.Time, CanonicalMetric.TtftMs),
        new("ttft", Quantity.Time, CanonicalMetric.TtftMs),
        new("throughput", Quantity.Rate, CanonicalMetric.TokensPerSecond), new("tokens per second", Quantity.Rate, CanonicalMetric.TokensPerSecond),
        new("generation speed", Quantity.Rate, CanonicalMetric.TokensPerSecond), new("decode speed", Quantity.Rate, CanonicalMetric.TokensPerSecond),
        new("prompt eval count", Quantity.Tokens, CanonicalMetric.PromptTokens), new("prompt tokens", Quantity.Tokens, CanonicalMetric.PromptTokens),
        new("tokens generated", Quantity.Tokens, CanonicalMetric.OutputTokens), new("generated tokens", Quantity.Tokens, CanonicalMetric.OutputTokens),
        new("output tokens", Quantity.Tokens, CanonicalMetric.OutputTokens), new("eval count", Quantity.Tokens, CanonicalMetric.OutputTokens),
        new("prompt evaluation", Quantity.Time, CanonicalMetric.PromptEvalMs), new("prompt eval", Quantity.Time, CanonicalMetric.PromptEvalMs),
        new("prompt processing", Quantity.Time, CanonicalMetric.PromptEvalMs), new("prefill", Quantity.Time, CanonicalMetric.PromptEvalMs),
        new("eval duration", Quantity.Time, CanonicalMetric.EvalMs), new("eval time", Quantity.Time, CanonicalMetric.EvalMs),
        new("generation time", Quantity.Time, CanonicalMetric.EvalMs), new("eval", Quantity.Time, CanonicalMetric.EvalMs),
        new("load duration", Quantity.Time, CanonicalMetric.LoadMs), new("load time", Quantity.Time, CanonicalMetric.LoadMs),
        new("loading", Quantity.Time, CanonicalMetric.LoadMs), new("load", Quantity.Time, CanonicalMetric.LoadMs),
        new("total duration", Quantity.Time, CanonicalMetric.TotalMs), new("total time", Quantity.Time, CanonicalMetric.TotalMs),
        new("end-to-end", Quantity.Time, CanonicalMetric.TotalMs), new("end to end", Quantity.Time, CanonicalMetric.TotalMs),
        new("wall time", Quantity.Time, CanonicalMetric.TotalMs), new("wall-clock", Quantity.Time, CanonicalMetric.TotalMs),
        new("latency", Quantity.Time, CanonicalMetric.LatencyMs, CanonicalMetric.TtftMs, CanonicalMetric.TotalMs),
        new("compilation", Quantity.Time, CanonicalMetric.CompileMs), new("compile", Quantity.Time, CanonicalMetric.CompileMs),
        new("execution time", Quantity.Time, Workflow), new("ingest", Quantity.Time, Workflow),
        new("gpu utilization", Quantity.Percent, "GpuUtilizationPercent"), new("gpu util", Quantity.Percent, "GpuUtilizationPercent"),
        new("gpu memory", Quantity.Other, "GpuMemoryMb"), new("vram", Quantity.Other, "GpuMemoryMb"),
        new("cpu", Quantity.Percent, "CpuPercent"), new("power", Quantity.Other, "PowerWatts"),
        new("offload", Quantity.Percent, GpuOffload),
        new("failed", Quantity.Count, Failures), new("failures", Quantity.Count, Failures), new("failure", Quantity.Count, Failures),
        new("errors", Quantity.Count, Failures),
        new("duplicates", Quantity.Count, Duplicates), new("duplicate", Quantity.Count, Duplicates), new("identical", Quantity.Count, Duplicates),
        new("findings", Quantity.Count, FindingCount), new("need attention", Quantity.Count, FindingCount),
        new("context window", Quantity.Setting, NumCtx), new("context length", Quantity.Setting, NumCtx),
        new("context size", Quantity.Setting, NumCtx), new("gpu layers", Quantity.Setting, NumGpu),
        new("temp", Quantity.Setting, Temperature),
        // Every run setting by its own name, spaced ("num ctx", "top p", "repeat penalty", "min p").
        .. RunSettings.Options.Select(option => new TopicPhrase(option.Name.Replace('_', ' '), Quantity.Setting, option.Name)),
    ];

    /// <summary>Statistic words.</summary>
    public static readonly (string Phrase, string Statistic)[] Statistics =
    [
        ("standard deviation", "StdDev"), ("std dev", "StdDev"), ("stddev", "StdDev"), ("std", "StdDev"), ("sd", "StdDev"), ("σ", "StdDev"), ("±", "StdDev"), ("+/-", "StdDev"),
        ("deviation", "StdDev"), ("variability", "CV"), ("variation", "CV"),
        ("coefficient of variation", "CV"), ("cv", "CV"),
        ("median", "P50"), ("p50", "P50"), ("p90", "P90"), ("p95", "P95"), ("p99", "P99"),
        ("minimum", "Min"), ("min", "Min"), ("maximum", "Max"), ("max", "Max"), ("peak", "Max"),
        ("mean", "Mean"), ("average", "Mean"), ("averaged", "Mean"), ("averages", "Mean"), ("avg", "Mean"),
    ];

    /// <summary>Dispersion statistics: they support a figure only when the text names them.</summary>
    public static readonly HashSet<string> DispersionStatistics = new(StringComparer.OrdinalIgnoreCase) { "StdDev", "CV" };

    /// <summary>Words before a number that make it an ordinal or label, not a claim ("Run 2", "Section 3").</summary>
    public static readonly HashSet<string> OrdinalWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "run", "section", "step", "table", "figure", "fig", "item", "recommendation", "row", "appendix", "chapter",
        "part", "phase", "option", "agent", "priority", "tier", "level", "rank", "no", "number", "version", "week", "day",
        "line", "column", "col", "page", "example",
    };

    public static readonly HashSet<string> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    };

    // Every written figure is judged by the words just before it: these run for each figure of every finding and
    // narrative, so they are generated at build time, and the ones anchored at the end of the window match from its end.
    private const RegexOptions Scanned = RegexOptions.RightToLeft;

    /// <summary>Words before a number that make it an approximation: the precision is its last non-zero digit.</summary>
    public static readonly Regex Approximate = ApproximateRegex();
    [GeneratedRegex(@"(~|≈|\b(?:about|approximately|approx\.?|roughly|around|nearly|almost|close to|some))\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | Scanned)]
    private static partial Regex ApproximateRegex();

    /// <summary>Words before a number that make it a lower bound ("over 100 tok/s").</summary>
    public static readonly Regex LowerBound = LowerBoundRegex();
    [GeneratedRegex(@"(>|≥|>=|\b(?:over|above|more than|greater than|higher than|exceeds?|exceeding|at least|upwards of))\s*\**\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | Scanned)]
    private static partial Regex LowerBoundRegex();

    /// <summary>Words before a number that make it an upper bound ("under 100 ms").</summary>
    public static readonly Regex UpperBound = UpperBoundRegex();
    [GeneratedRegex(@"(<|≤|<=|\b(?:under|below|less than|lower than|at most|within|no more than|up to))\s*\**\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | Scanned)]
    private static partial Regex UpperBoundRegex();

    private static readonly Regex TopicRegex = BuildRegex(Topics.Select(t => t.Phrase));
    private static readonly Regex StatisticRegex = BuildRegex(Statistics.Select(s => s.Phrase));
    private static readonly Regex MetricTopicRegex = BuildRegex(Topics.Where(t => t.Quantity != Quantity.Setting).Select(t => t.Phrase));

    /// <summary>The topic phrase nearest the end of <paramref name="window"/>, if any.</summary>
    public static TopicPhrase? LastTopic(string window)
    {
        var matches = TopicRegex.Matches(Normalise(window));
        if (matches.Count == 0)
        {
            return null;
        }

        var phrase = matches[matches.Count - 1].Value;
        return Topics.First(t => string.Equals(t.Phrase, phrase, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The statistic named nearest the end of <paramref name="window"/>, if any.</summary>
    public static string? LastStatistic(string window)
    {
        var matches = StatisticRegex.Matches(Normalise(window));
        if (matches.Count == 0)
        {
            return null;
        }

        var phrase = matches[matches.Count - 1].Value;
        return Statistics.First(s => string.Equals(s.Phrase, phrase, StringComparison.OrdinalIgnoreCase)).Statistic;
    }

    /// <summary>The topic phrase nearest the end of <paramref name="window"/> and where it ends, if any.</summary>
    public static (TopicPhrase Topic, int End)? LastTopicAt(string window, bool settings = true)
    {
        var matches = (settings ? TopicRegex : MetricTopicRegex).Matches(Normalise(window));
        if (matches.Count == 0)
        {
            return null;
        }

        var match = matches[matches.Count - 1];
        return (Topics.First(t => string.Equals(t.Phrase, match.Value, StringComparison.OrdinalIgnoreCase)), match.Index + match.Length);
    }

    /// <summary>Every statistic named in <paramref name="window"/>, in order.</summary>
    public static IEnumerable<string> AllStatistics(string window)
    {
        foreach (Match match in StatisticRegex.Matches(Normalise(window)))
        {
            yield return Statistics.First(s => string.Equals(s.Phrase, match.Value, StringComparison.OrdinalIgnoreCase)).Statistic;
        }
    }

    /// <summary>Topics a fact about <paramref name="metric"/> answers to: its canonical name, plus topics its words name.</summary>
    public static IReadOnlyList<string> TopicsOfMetric(string metric)
    {
        if (MetricTopics.TryGetValue(metric, out var known))
        {
            return known;
        }

        var topics = new List<string> { metric };
        foreach (Match match in TopicRegex.Matches(Normalise(metric)))
        {
            topics.AddRange(Topics.First(t => string.Equals(t.Phrase, match.Value, StringComparison.OrdinalIgnoreCase)).Topics);
        }

        // A data set holds few metric names; the cap only guards against a file inventing endless ones.
        if (MetricTopics.Count < MaxRememberedMetrics)
        {
            MetricTopics[metric] = topics;
        }

        return topics;
    }

    private const int MaxRememberedMetrics = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> MetricTopics = new(StringComparer.Ordinal);

    // Every run setting (RunSettings.Options) by its name, also written without '_' (numctx, topp, minp).
    private static readonly Dictionary<string, string> RunOptionKeys = RunSettings.Options
        .SelectMany(o => new[] { (Key: o.Name, o.Name), (Key: o.Name.Replace("_", ""), o.Name) })
        .DistinctBy(p => p.Key)
        .ToDictionary(p => p.Key, p => p.Name, StringComparer.Ordinal);

    /// <summary>Canonical setting key for "temp", "num_ctx", "top-p", ...; null when it is none.</summary>
    public static string? SettingKey(string key)
    {
        var normalised = key.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        return normalised switch
        {
            "temp" => Temperature,
            "context_length" => NumCtx,
            // The other parts of a configuration's text (a serving run's concurrency, one of several runs in a file) and
            // every run setting: their values name a subject, as num_ctx's do.
            "concurrency" => "concurrency",
            "run" => "run",
            _ => RunOptionKeys.GetValueOrDefault(normalised),
        };
    }

    private static readonly Regex CamelCase = CamelCaseRegex();
    [GeneratedRegex("(?<=[a-z])(?=[A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex CamelCaseRegex();

    /// <summary>Lower case, '_' and camel case as spaces: "mean_ttft_s" reads "mean ttft s", "WarmTtftMs" reads "warm ttft ms".</summary>
    public static string Normalise(string text) => CamelCase.Replace(text, " ").ToLowerInvariant().Replace('_', ' ');

    private static WrittenUnit[] Sorted(WrittenUnit[] units) => units.OrderByDescending(u => u.Text.Length).ToArray();

    private static Regex BuildRegex(IEnumerable<string> phrases) => new(
        @"(?<![\p{L}\p{N}])(?:" + string.Join("|", phrases.OrderByDescending(p => p.Length).Select(Regex.Escape)) + @")(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
