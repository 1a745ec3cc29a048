using System.Collections.Concurrent;
using System.Text;

namespace Chimera.Insight.Extraction;

/// <summary>
/// Maps the names files give their fields (<c>ttft_s</c>, <c>mean_time_ms</c>, <c>Tokens per Second</c>,
/// <c>LoadDurationMs</c>, ...) to the canonical metric names and units, or to a dimension role.
/// A name is split into words (snake_case, camelCase, spaces, "/" as "per", "%" as "percent"); words
/// that state a statistic (mean, avg, std, p95, ...) and a trailing unit (s, ms, ns, MB, W, %) are
/// taken off, and what remains is looked up. Results are cached: a header costs one lookup per column.
/// </summary>
internal static class MetricNames
{

    /// <summary>Canonical metric, its unit and kind; the first seven are ordered as a run reports them.</summary>
    public static readonly IReadOnlyList<(string Name, string Unit, MetricKind Kind)> Canonical =
    [
        (CanonicalMetric.TtftMs, "ms", MetricKind.Time),
        (CanonicalMetric.TokensPerSecond, "tok/s", MetricKind.Rate),
        (CanonicalMetric.LoadMs, "ms", MetricKind.Time),
        (CanonicalMetric.PromptEvalMs, "ms", MetricKind.Time),
        (CanonicalMetric.EvalMs, "ms", MetricKind.Time),
        (CanonicalMetric.TotalMs, "ms", MetricKind.Time),
        (CanonicalMetric.PromptTokens, "tokens", MetricKind.Count),
        (CanonicalMetric.OutputTokens, "tokens", MetricKind.Count),
        (CanonicalMetric.LatencyMs, "ms", MetricKind.Time),
        (CanonicalMetric.CompileMs, "ms", MetricKind.Time),
        (CanonicalMetric.GpuUtilizationPercent, "%", MetricKind.Percent),
        (CanonicalMetric.GpuMemoryMb, "MB", MetricKind.MemoryMb),
        (CanonicalMetric.CpuPercent, "%", MetricKind.Percent),
        (CanonicalMetric.MemoryPercent, "%", MetricKind.Percent),
        (CanonicalMetric.PowerWatts, "W", MetricKind.Power),
        (CanonicalMetric.ItlMs, "ms", MetricKind.Time),
        (CanonicalMetric.TpotMs, "ms", MetricKind.Time),
        (CanonicalMetric.PromptTokensPerSecond, "tok/s", MetricKind.Rate),
        (CanonicalMetric.SystemTokensPerSecond, "tok/s", MetricKind.Rate),
        (CanonicalMetric.RequestsPerSecond, "req/s", MetricKind.Rate),
    ];

    private static readonly Dictionary<string, (string Unit, MetricKind Kind)> CanonicalInfo =
        Canonical.ToDictionary(c => c.Name, c => (c.Unit, c.Kind), StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, FieldMapping> Cache = new(StringComparer.Ordinal);

    // Word sequences (joined by '_') that name a dimension; the run settings' names come from RunSettings.Options.
    private static readonly Dictionary<string, FieldRole> Roles = WithRunSettings(new(StringComparer.Ordinal)
    {
        ["model"] = FieldRole.Model, ["model_name"] = FieldRole.Model, ["llm"] = FieldRole.Model,
        ["backend"] = FieldRole.Backend, ["engine"] = FieldRole.Backend, ["runtime"] = FieldRole.Backend,
        ["device"] = FieldRole.Device,
        ["tag"] = FieldRole.Quantization, ["quant"] = FieldRole.Quantization, ["quantization"] = FieldRole.Quantization,
        ["quantization_level"] = FieldRole.Quantization, ["quant_level"] = FieldRole.Quantization,
        ["prompt"] = FieldRole.Prompt, ["prompt_text"] = FieldRole.Prompt, ["prompt_name"] = FieldRole.Prompt,
        ["test_name"] = FieldRole.Prompt,
        ["prompt_index"] = FieldRole.PromptIndex, ["prompt_id"] = FieldRole.PromptIndex, ["prompt_idx"] = FieldRole.PromptIndex,
        ["options"] = FieldRole.Options, ["config"] = FieldRole.Options, ["configuration"] = FieldRole.Options,
        ["error"] = FieldRole.Error, ["error_message"] = FieldRole.Error, ["errors"] = FieldRole.Error, ["exception"] = FieldRole.Error,
        ["status"] = FieldRole.Status, ["state"] = FieldRole.Status,
        ["success"] = FieldRole.Success, ["succeeded"] = FieldRole.Success, ["ok"] = FieldRole.Success, ["passed"] = FieldRole.Success,
        ["date"] = FieldRole.Timestamp, ["time_stamp"] = FieldRole.Timestamp,
        ["pid"] = FieldRole.Ignore, ["index"] = FieldRole.Ignore, ["idx"] = FieldRole.Ignore, ["run"] = FieldRole.Ignore,
        ["run_number"] = FieldRole.Ignore, ["seed"] = FieldRole.Ignore, ["port"] = FieldRole.Ignore,
        ["create_time"] = FieldRole.Ignore, ["opset"] = FieldRole.Ignore, ["workspace_size"] = FieldRole.Ignore,
        ["iteration"] = FieldRole.Ignore, ["step"] = FieldRole.Ignore, ["row"] = FieldRole.Ignore,
        ["runs"] = FieldRole.Ignore, ["warmup_runs"] = FieldRole.Ignore, ["samples_per_run"] = FieldRole.Ignore,
        ["gpu_count"] = FieldRole.Ignore, ["process_count"] = FieldRole.Ignore, ["done"] = FieldRole.Ignore,
        ["gpu_pstate"] = FieldRole.Ignore, ["samples"] = FieldRole.Ignore,
    });

    private static Dictionary<string, FieldRole> WithRunSettings(Dictionary<string, FieldRole> roles)
    {
        foreach (var option in RunSettings.Options)
        {
            foreach (var name in option.Aliases.Prepend(option.Name))
            {
                roles[name] = FieldRoles.Of(option);
            }
        }

        return roles;
    }

    // Word sequences (joined by '_', statistic and unit words removed) that name a canonical metric.
    private static readonly Dictionary<string, string> Bases = new(StringComparer.Ordinal)
    {
        ["ttft"] = CanonicalMetric.TtftMs, ["time_to_first_token"] = CanonicalMetric.TtftMs, ["first_token"] = CanonicalMetric.TtftMs, ["first_token_latency"] = CanonicalMetric.TtftMs,
        ["load"] = CanonicalMetric.LoadMs, ["load_duration"] = CanonicalMetric.LoadMs, ["load_time"] = CanonicalMetric.LoadMs, ["model_load"] = CanonicalMetric.LoadMs, ["model_load_time"] = CanonicalMetric.LoadMs,
        ["prompt_eval"] = CanonicalMetric.PromptEvalMs, ["prompt_eval_duration"] = CanonicalMetric.PromptEvalMs, ["prompt_eval_time"] = CanonicalMetric.PromptEvalMs,
        ["eval"] = CanonicalMetric.EvalMs, ["eval_duration"] = CanonicalMetric.EvalMs, ["eval_time"] = CanonicalMetric.EvalMs,
        ["total"] = CanonicalMetric.TotalMs, ["total_duration"] = CanonicalMetric.TotalMs, ["total_time"] = CanonicalMetric.TotalMs, ["e2e"] = CanonicalMetric.TotalMs,
        ["end_to_end"] = CanonicalMetric.TotalMs, ["end_to_end_latency"] = CanonicalMetric.TotalMs, ["e2e_latency"] = CanonicalMetric.TotalMs, ["request_latency"] = CanonicalMetric.TotalMs,
        ["generation_time"] = CanonicalMetric.TotalMs, ["response_time"] = CanonicalMetric.TotalMs,
        ["prompt_eval_count"] = CanonicalMetric.PromptTokens, ["prompt_tokens"] = CanonicalMetric.PromptTokens, ["input_tokens"] = CanonicalMetric.PromptTokens,
        ["prompt_token_count"] = CanonicalMetric.PromptTokens,
        ["eval_count"] = CanonicalMetric.OutputTokens, ["tokens_generated"] = CanonicalMetric.OutputTokens, ["output_tokens"] = CanonicalMetric.OutputTokens,
        ["completion_tokens"] = CanonicalMetric.OutputTokens, ["generated_tokens"] = CanonicalMetric.OutputTokens, ["tokens"] = CanonicalMetric.OutputTokens,
        ["total_tokens_generated"] = CanonicalMetric.OutputTokens, ["response_tokens"] = CanonicalMetric.OutputTokens,
        [""] = CanonicalMetric.LatencyMs, ["latency"] = CanonicalMetric.LatencyMs, ["time"] = CanonicalMetric.LatencyMs, ["inference_time"] = CanonicalMetric.LatencyMs,
        ["inference_latency"] = CanonicalMetric.LatencyMs, ["latency_time"] = CanonicalMetric.LatencyMs,
        ["compile_time"] = CanonicalMetric.CompileMs, ["compile"] = CanonicalMetric.CompileMs, ["compilation_time"] = CanonicalMetric.CompileMs, ["compile_duration"] = CanonicalMetric.CompileMs,
        ["throughput"] = CanonicalMetric.TokensPerSecond, ["tps"] = CanonicalMetric.TokensPerSecond, ["eval_rate"] = CanonicalMetric.TokensPerSecond,
        ["output_throughput"] = CanonicalMetric.TokensPerSecond,
        ["cpu"] = CanonicalMetric.CpuPercent, ["cpu_usage"] = CanonicalMetric.CpuPercent, ["cpu_util"] = CanonicalMetric.CpuPercent, ["cpu_utilization"] = CanonicalMetric.CpuPercent,
        ["memory"] = CanonicalMetric.MemoryPercent, ["memory_usage"] = CanonicalMetric.MemoryPercent, ["mem"] = CanonicalMetric.MemoryPercent, ["ram"] = CanonicalMetric.MemoryPercent,
        ["utilization_gpu"] = CanonicalMetric.GpuUtilizationPercent, ["gpu_utilization"] = CanonicalMetric.GpuUtilizationPercent, ["gpu_util"] = CanonicalMetric.GpuUtilizationPercent,
        ["gpu_utilization_gpu"] = CanonicalMetric.GpuUtilizationPercent, ["gpu_usage"] = CanonicalMetric.GpuUtilizationPercent,
        ["gpu_memory_used"] = CanonicalMetric.GpuMemoryMb, ["gpu_memory"] = CanonicalMetric.GpuMemoryMb, ["vram_used"] = CanonicalMetric.GpuMemoryMb, ["gpu_vram_used"] = CanonicalMetric.GpuMemoryMb,
        ["power_draw"] = CanonicalMetric.PowerWatts, ["power"] = CanonicalMetric.PowerWatts, ["gpu_power_draw"] = CanonicalMetric.PowerWatts, ["gpu_power"] = CanonicalMetric.PowerWatts,
    };

    // Bases that count tokens: "<base>_s" and "<base> per second" are throughput, not seconds.
    private static readonly HashSet<string> TokenBases = new(StringComparer.Ordinal)
    {
        "tokens", "tok", "token", "throughput_tokens", "output_tokens", "eval_tokens", "generated_tokens", "throughput",
        "tokens_generated", "generation_tokens", "output_throughput_tokens", "throughput_tok",
    };

    private static readonly Dictionary<string, string> StatisticWords = new(StringComparer.Ordinal)
    {
        ["mean"] = Insight.Statistic.Mean, ["avg"] = Insight.Statistic.Mean, ["average"] = Insight.Statistic.Mean,
        ["median"] = Insight.Statistic.Median, ["p50"] = Insight.Statistic.Median,
        ["std"] = Insight.Statistic.StdDev, ["stdev"] = Insight.Statistic.StdDev, ["stddev"] = Insight.Statistic.StdDev,
        ["sd"] = Insight.Statistic.StdDev,
        ["min"] = Insight.Statistic.Min, ["minimum"] = Insight.Statistic.Min,
        ["max"] = Insight.Statistic.Max, ["maximum"] = Insight.Statistic.Max, ["peak"] = Insight.Statistic.Max,
        ["p90"] = "P90", ["p95"] = "P95", ["p99"] = "P99", ["p999"] = "P99.9",
    };

    // Source time units and their factor to milliseconds.
    private static readonly Dictionary<string, double> TimeUnits = new(StringComparer.Ordinal)
    {
        ["s"] = 1000, ["sec"] = 1000, ["secs"] = 1000, ["second"] = 1000, ["seconds"] = 1000,
        ["ms"] = 1, ["msec"] = 1, ["millis"] = 1, ["milliseconds"] = 1,
        ["us"] = 0.001, ["micros"] = 0.001, ["microseconds"] = 0.001,
        ["ns"] = 1e-6, ["nanos"] = 1e-6, ["nanoseconds"] = 1e-6,
    };

    private static readonly Dictionary<string, string> OtherUnits = new(StringComparer.Ordinal)
    {
        ["percent"] = "%", ["pct"] = "%", ["mb"] = "MB", ["mib"] = "MB", ["gb"] = "GB", ["gib"] = "GB",
        ["w"] = "W", ["watts"] = "W", ["watt"] = "W", ["c"] = "C", ["celsius"] = "C", ["x"] = "x",
    };

    // Names repeat across files; a corpus of odd headers (a 20,000-column CSV) must not grow the cache for ever.
    private const int CacheLimit = 50_000;

    /// <summary>Maps a field name (a column header, JSON property name or Markdown label).</summary>
    public static FieldMapping Map(string name)
    {
        if (Cache.TryGetValue(name, out var mapping))
        {
            return mapping;
        }

        mapping = Build(name, null);
        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd(name, mapping);
        }

        return mapping;
    }

    /// <summary>Maps a Markdown label whose unit stands after the value (<c>- TTFT: 589.98 ms</c>).</summary>
    public static FieldMapping MapLabel(string label, string unitText)
    {
        var key = label + "\u0001" + unitText;
        if (Cache.TryGetValue(key, out var mapping))
        {
            return mapping;
        }

        mapping = Build(label, unitText);
        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd(key, mapping);
        }

        return mapping;
    }

    /// <summary>The canonical unit of a canonical metric name.</summary>
    public static string UnitOf(string metric) => CanonicalInfo.TryGetValue(metric, out var info) ? info.Unit : "";

    public static MetricKind KindOf(string metric) => CanonicalInfo.TryGetValue(metric, out var info) ? info.Kind : MetricKind.Other;

    /// <summary>The statistic a lower-case word names (mean, avg, p95, std, ...), if it names one.</summary>
    public static bool TryStatistic(string word, out string statistic) => StatisticWords.TryGetValue(word, out statistic!);

    /// <summary>The factor from a time unit word (s, ms, ns, ...) to milliseconds, if it is one.</summary>
    public static bool TryTimeFactor(string unit, out double factor) => TimeUnits.TryGetValue(unit, out factor);

    private static FieldMapping Build(string name, string? unitText)
    {
        var words = Words(name);
        if (unitText is not null)
        {
            words.AddRange(Words(unitText));
        }

        if (words.Count == 0)
        {
            return FieldMapping.IgnoreField;
        }

        var joined = string.Join("_", words);
        if (Roles.TryGetValue(joined, out var role))
        {
            return new FieldMapping { Role = role };
        }

        var last = words[words.Count - 1];
        if (last == "id" || last == "ids" || last == "uuid" || last == "hash" || last == "url" || last == "path")
        {
            return FieldMapping.IgnoreField;
        }

        // metrics_count, process_count, gpu_count: sizes of the file, not measurements (eval_count is a Base).
        if (last == "count" && !Bases.ContainsKey(joined))
        {
            return FieldMapping.IgnoreField;
        }

        if (last == "timestamp" || last == "datetime" || (last == "at" && words.Count > 1))
        {
            return new FieldMapping { Role = FieldRole.Timestamp };
        }

        // Statistic words anywhere (eval_s_mean, mean_time_ms, Mean (ms)); "overall" means Mean.
        string? statistic = null;
        var overall = false;
        var rest = new List<string>(words.Count);
        foreach (var word in words)
        {
            if (StatisticWords.TryGetValue(word, out var stat))
            {
                if (statistic is not null && statistic != stat)
                {
                    return Unknown(name, null, null);
                }

                statistic = stat;
            }
            else if (word == "overall")
            {
                overall = true;
            }
            else
            {
                rest.Add(word);
            }
        }

        // overall_tokens_per_second: a figure over the whole file, never a raw value.
        if (overall)
        {
            statistic ??= Insight.Statistic.Mean;
        }

        // Unit: "per second" (rate), a time unit, or another unit, at the end.
        var perSecond = false;
        double? timeFactor = null;
        string? otherUnit = null;
        if (rest.Count >= 2 && rest[rest.Count - 2] == "per" && TimeUnits.TryGetValue(rest[rest.Count - 1], out var perFactor) && perFactor == 1000)
        {
            perSecond = true;
            rest.RemoveRange(rest.Count - 2, 2);
        }
        else if (rest.Count >= 1 && TimeUnits.TryGetValue(rest[rest.Count - 1], out var factor))
        {
            timeFactor = factor;
            rest.RemoveAt(rest.Count - 1);
        }
        else if (rest.Count >= 1 && OtherUnits.TryGetValue(rest[rest.Count - 1], out var unit))
        {
            otherUnit = unit;
            rest.RemoveAt(rest.Count - 1);
        }

        var baseName = string.Join("_", rest);

        // tokens_s, tokens/s, tok/s, tokens per second, throughput_tokens_per_sec: throughput.
        if ((perSecond || timeFactor == 1000) && TokenBases.Contains(baseName))
        {
            return CanonicalMapping(CanonicalMetric.TokensPerSecond, statistic, 1);
        }

        if (perSecond)
        {
            return Unknown(name, statistic, "/s");
        }

        if (!Bases.TryGetValue(baseName, out var metric))
        {
            return Unknown(name, statistic, timeFactor is { } f ? UnitWord(f) : otherUnit);
        }

        var kind = KindOf(metric);
        switch (kind)
        {
            case MetricKind.Time:
                if (timeFactor is { } time)
                {
                    return CanonicalMapping(metric, statistic, time);
                }

                if (otherUnit is not null || (baseName.Length == 0))
                {
                    return Unknown(name, statistic, otherUnit);
                }

                // Ollama's own names (total_duration, load_duration, ...) carry nanoseconds on the wire.
                if (baseName.EndsWith("duration", StringComparison.Ordinal))
                {
                    return CanonicalMapping(metric, statistic, 1e-6);
                }

                return CanonicalMapping(metric, statistic, 1).With(m => m.NeedsTimeUnit = true);
            case MetricKind.Rate:
                return timeFactor is null && (otherUnit is null) ? CanonicalMapping(metric, statistic, 1) : Unknown(name, statistic, otherUnit);
            case MetricKind.Count:
                return timeFactor is null && otherUnit is null ? CanonicalMapping(metric, statistic, 1) : Unknown(name, statistic, otherUnit);
            case MetricKind.Percent:
                // memory_percent is a share; memory_used_gb is not.
                if (otherUnit == "%" || (otherUnit is null && timeFactor is null && metric == CanonicalMetric.GpuUtilizationPercent))
                {
                    return CanonicalMapping(metric, statistic, 1);
                }

                return Unknown(name, statistic, timeFactor is { } f2 ? UnitWord(f2) : otherUnit);
            case MetricKind.MemoryMb:
                return otherUnit switch
                {
                    "MB" => CanonicalMapping(metric, statistic, 1),
                    "GB" => CanonicalMapping(metric, statistic, 1024),
                    _ => Unknown(name, statistic, otherUnit),
                };
            case MetricKind.Power:
                return otherUnit is null or "W" && timeFactor is null ? CanonicalMapping(metric, statistic, 1) : Unknown(name, statistic, otherUnit);
            default:
                return Unknown(name, statistic, otherUnit);
        }
    }

    private static string UnitWord(double factorToMs) => factorToMs switch
    {
        1000 => "s",
        1 => "ms",
        0.001 => "us",
        _ => "ns",
    };

    private static FieldMapping CanonicalMapping(string metric, string? statistic, double scale) => new()
    {
        Role = FieldRole.Metric,
        Metric = metric,
        Unit = UnitOf(metric),
        Kind = KindOf(metric),
        Scale = scale,
        Statistic = statistic,
        IsCanonical = true,
    };

    private static FieldMapping Unknown(string name, string? statistic, string? unit) => new()
    {
        Role = FieldRole.Metric,
        Metric = name.Trim(),
        Unit = unit ?? "",
        Scale = 1,
        Statistic = statistic,
        IsCanonical = false,
    };

    /// <summary>Splits a name into lower-case words: snake_case, kebab, camelCase, spaces; "/" reads "per", "%" "percent".</summary>
    internal static List<string> Words(string name)
    {
        var words = new List<string>(6);
        var current = new StringBuilder(name.Length);
        char previous = '\0';
        foreach (var c in name)
        {
            if (c == '\u00b5' || c == '\u03bc')
            {
                current.Append('u');
            }
            else if (char.IsLetterOrDigit(c))
            {
                // Other letters (Δ in "Throughput Δ") stay part of the name: a delta is not the figure.
                if (char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous)) && current.Length > 0)
                {
                    Flush();
                }

                current.Append(char.ToLowerInvariant(c));
            }
            else
            {
                Flush();
                if (c == '/')
                {
                    words.Add("per");
                }
                else if (c == '%')
                {
                    words.Add("percent");
                }
            }

            previous = c;
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
