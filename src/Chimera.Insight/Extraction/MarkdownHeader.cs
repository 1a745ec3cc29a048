using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Extraction;

/// <summary>What a Markdown table header (or a list item's label) means.</summary>
internal enum HeaderKind
{
    /// <summary>Values of a metric (canonical, or kept under its cleaned name).</summary>
    Metric,
    /// <summary>A dimension (model, backend, context, ...) or a failure column (error, status, success).</summary>
    Dimension,
    /// <summary>Changes between subjects (Δ, diff, vs, speedup, %): never values of a metric.</summary>
    Change,
    /// <summary>Rank, size, notes and similar: neither a measurement nor a dimension.</summary>
    Ignore,
    /// <summary>No text at all (the label column of a table with a metric per row, often).</summary>
    Empty,
}

/// <summary>
/// Interprets a header as people write it, word by word rather than from a list of known headers: decoration (bold,
/// emoji, footnote marks) is dropped; a parenthesised part is a unit (<c>(tok/s)</c>, <c>(ms)</c>, <c>(GB)</c>), a
/// phase (<c>(warm)</c>, <c>(cold)</c>), a statistic (<c>(mean)</c>) or a qualifier that names nothing measured
/// (<c>(Chimera)</c>, <c>(estimated)</c>); phase words and statistic lists (<c>P50/P95</c>) are taken off the name;
/// change words (Δ, delta, diff, vs, speedup, a bare %) make a change column; rank, size, notes and similar are
/// ignored; context, GPU layers, temperature, model, quantization are dimensions; what remains maps through
/// <see cref="MetricNames"/> with its synonyms (TP, decode or output speed in tok/s is throughput). So
/// <c>Mean TTFT (warm)</c> is TtftMs, Mean, Warm; <c>TP Δ (tok/s)</c> is a change; <c>Size (GB)</c> is ignored.
/// </summary>
internal sealed class MarkdownHeader
{
    private static readonly Regex Parenthesised = new(@"[\(\[]([^()\[\]]*)[\)\]]", RegexOptions.CultureInvariant);

    private static readonly Regex StatisticList = new(
        @"(?i)(?<![\w.])(p\d{1,2}(?:\.\d)?|mean|avg|median|min|max|std|sd)(?:\s*/\s*(p\d{1,2}(?:\.\d)?|mean|avg|median|min|max|std|sd))+(?![\w.])",
        RegexOptions.CultureInvariant);

    private static readonly Regex PhaseWords = new(@"(?i)(?<![\w])(warm|warmed|cached|cold)(?![\w])", RegexOptions.CultureInvariant);

    private static readonly Regex Synonyms = new(@"(?i)(?<![\w])(tp|e2e|standard\s+deviation|std\.?\s+dev\.?)(?![\w])", RegexOptions.CultureInvariant);

    // Word sequences (joined by '_', lower case) that are no measurement and no dimension.
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "rank", "ranking", "no", "nr", "num", "number", "size", "model_size", "file_size", "disk_size", "params", "parameters",
        "parameter_count", "param_count", "parameter_size", "notes", "note", "comment", "comments", "description", "details",
        "observation", "observations", "remarks", "remark", "winner", "verdict", "best", "recommendation", "status_note",
        "link", "links", "source", "file", "files", "artifact", "artifacts", "command", "shape", "modality", "role",
    };

    // Word sequences that name a dimension in a report's table, beyond those MetricNames knows for data files.
    private static readonly Dictionary<string, FieldRole> Dimensions = new(StringComparer.Ordinal)
    {
        ["context"] = FieldRole.NumCtx, ["context_size"] = FieldRole.NumCtx, ["context_window"] = FieldRole.NumCtx,
        ["context_length"] = FieldRole.NumCtx, ["ctx_size"] = FieldRole.NumCtx,
        ["gpu"] = FieldRole.NumGpu, ["gpu_layers"] = FieldRole.NumGpu, ["layers"] = FieldRole.NumGpu,
        ["model_tag"] = FieldRole.Model, ["model_id"] = FieldRole.Model, ["models"] = FieldRole.Model,
        ["framework"] = FieldRole.Backend, ["provider"] = FieldRole.Backend, ["server"] = FieldRole.Backend,
        ["hardware"] = FieldRole.Device, ["stage"] = FieldRole.Prompt, ["task"] = FieldRole.Prompt, ["scenario"] = FieldRole.Prompt,
        ["test"] = FieldRole.Prompt, ["phase"] = FieldRole.Ignore,
    };

    // Words that mark a token rate as the prompt's (prefill) or a whole server's, not one request's generation rate.
    private static readonly HashSet<string> NotGenerationRate = new(StringComparer.Ordinal)
    {
        "prompt", "prefill", "pp", "input", "system", "aggregate", "total", "overall", "combined", "batch", "server", "cluster",
    };

    private static readonly HashSet<string> TokenRateUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "tok/s", "tokens/s", "token/s", "t/s", "tps", "tok/sec", "tokens/sec", "tokens/second", "tokens per second", "tok per s",
    };

    private ConcurrentDictionary<string, FieldMapping?> byCellUnit = new(StringComparer.Ordinal);

    // Reports repeat their labels file after file ("- Throughput:"): each is interpreted once (up to a bound).
    private static readonly ConcurrentDictionary<string, MarkdownHeader> Interpreted = new(StringComparer.Ordinal);
    private const int CacheLimit = 20_000;

    private MarkdownHeader(string text) => Text = text;

    /// <summary>The header as written (for messages).</summary>
    public string Text { get; }

    public HeaderKind Kind { get; private set; }

    /// <summary>The metric (with its statistic) or the dimension role.</summary>
    public FieldMapping Mapping { get; private set; } = FieldMapping.IgnoreField;

    /// <summary>The name without decoration, unit, phase or statistic list: what a cell's own unit is mapped with.</summary>
    public string Core { get; private set; } = "";

    /// <summary>The unit the header states, or null.</summary>
    public string? Unit { get; private set; }

    /// <summary>The phase the header states (<c>(warm)</c>, <c>Cold TTFT</c>), or null.</summary>
    public Phase? Phase { get; private set; }

    /// <summary>The statistic the header names (<c>Average Value</c>, <c>Std (ms)</c>), or null.</summary>
    public string? Statistic { get; private set; }

    /// <summary>For <c>TTFT P50/P95 (ms)</c>: the statistics its cells list, in order; else null.</summary>
    public string[]? Statistics { get; private set; }

    /// <summary>The meaning of a header or label (shared: never changed once made).</summary>
    public static MarkdownHeader Interpret(string raw)
    {
        if (Interpreted.TryGetValue(raw, out var known))
        {
            return known;
        }

        var header = new MarkdownHeader(raw.Trim());
        header.Read();
        if (Interpreted.Count < CacheLimit)
        {
            Interpreted.TryAdd(raw, header);
        }

        return header;
    }

    private void Read()
    {
        var plain = MarkdownText.Plain(Text);
        if (plain.Length == 0)
        {
            Kind = HeaderKind.Empty;
            return;
        }

        if (plain == "%" || ChangeNames.IsChange(plain))
        {
            Kind = HeaderKind.Change;
            return;
        }

        var core = Parenthesised.Replace(plain, match =>
        {
            foreach (var part in match.Groups[1].Value.Split(',', ';'))
            {
                ReadQualifier(part.Trim());
            }

            return " ";
        });

        var list = StatisticList.Match(core);
        if (list.Success)
        {
            Statistics = list.Value.Split('/').Select(s => MetricNames.TryStatistic(s.Trim().ToLowerInvariant(), out var stat) ? stat : "").ToArray();
            core = core.Remove(list.Index, list.Length);
        }

        // Phase words come off the name ("Cold TTFT", "TTFT warm"); a few synonyms are spelled out.
        var named = PhaseWords.Replace(core, match =>
        {
            Phase = match.Value.Equals("cold", StringComparison.OrdinalIgnoreCase) ? Insight.Phase.Cold : Insight.Phase.Warm;
            return " ";
        });
        if (MetricNames.Words(named).Count == 0 && MetricNames.Words(core).Count > 0 && Unit is null && Statistics is null)
        {
            named = core; // "Cold Start", "Warm": a phase word alone names no metric; kept as written
            Phase = null;
        }

        named = Synonyms.Replace(named, match => match.Value.ToLowerInvariant() switch
        {
            "tp" => "Throughput",
            "e2e" => "End To End",
            _ => "StdDev",
        });
        Core = Regex.Replace(named, @"\s+", " ").Trim().Trim('-', ':', ',').Trim();
        var words = MetricNames.Words(Core);
        var joined = string.Join("_", words);
        if (words.Count == 0 && Unit is null && Statistic is null && Statistics is null)
        {
            Kind = HeaderKind.Empty;
            return;
        }

        if (Ignored.Contains(joined) || (words.Count > 0 && words[words.Count - 1] is "id" or "ids" or "rank"))
        {
            Kind = HeaderKind.Ignore;
            return;
        }

        if (Dimensions.TryGetValue(joined, out var role))
        {
            Kind = role == FieldRole.Ignore ? HeaderKind.Ignore : HeaderKind.Dimension;
            Mapping = new FieldMapping { Role = role };
            return;
        }

        // Sizes (of a file, a model, a batch) describe what was run, never how it ran.
        if (words.Contains("size") || words.Contains("sizes") || words.Contains("rank"))
        {
            Kind = HeaderKind.Ignore;
            return;
        }

        var mapping = Map(Core, Unit);
        if (mapping.Role != FieldRole.Metric)
        {
            Kind = mapping.Role == FieldRole.Ignore ? HeaderKind.Ignore : HeaderKind.Dimension;
            Mapping = mapping;
            return;
        }

        // "Average Value", "Std", "Mean (ms)" in a table with a metric per row: the header names the statistic only.
        Statistic ??= mapping.Statistic;
        Kind = HeaderKind.Metric;
        Mapping = Statistic is not null && mapping.Statistic is null ? mapping.WithStatistic(Statistic) : mapping;
    }

    private void ReadQualifier(string part)
    {
        var lower = part.ToLowerInvariant();
        if (lower.Length == 0)
        {
            return;
        }

        if (lower is "warm" or "warmed" or "cached" or "steady state" or "steady-state")
        {
            Phase = Insight.Phase.Warm;
        }
        else if (lower is "cold" or "cold start" or "cold-start" or "first run" or "first request" or "first call")
        {
            Phase = Insight.Phase.Cold;
        }
        else if (MetricNames.TryStatistic(lower, out var statistic))
        {
            Statistic = statistic;
        }
        else if (IsUnit(part))
        {
            Unit = part;
        }
    }

    /// <summary>A copy with the mapping its siblings resolved (a time without a unit among times in ms).</summary>
    public MarkdownHeader Resolved(FieldMapping mapping)
    {
        var copy = (MarkdownHeader)MemberwiseClone();
        copy.Mapping = mapping;
        copy.byCellUnit = new ConcurrentDictionary<string, FieldMapping?>(StringComparer.Ordinal);
        return copy;
    }

    /// <summary>True for a unit as a header or cell writes it (tok/s, ms, s, GB, %, W, x, req/s).</summary>
    private static bool IsUnit(string text)
    {
        if (TokenRateUnits.Contains(text) || text is "%" or "x" or "X" || text.Equals("req/s", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var words = MetricNames.Words(text);
        return words.Count == 1 && (MetricNames.TryTimeFactor(words[0], out _) || words[0] is "mb" or "gb" or "mib" or "gib" or "w" or "watts" or "percent" or "tokens");
    }

    /// <summary>The mapping of a cell whose own unit is <paramref name="cellUnit"/> (it beats the header's), or null when
    /// that unit is not one of the header's metric (a % in a throughput column).</summary>
    public FieldMapping? MappingFor(string cellUnit)
    {
        if (cellUnit.Length == 0 || Kind != HeaderKind.Metric || string.Equals(cellUnit, Unit, StringComparison.Ordinal))
        {
            return Mapping;
        }

        if (byCellUnit.TryGetValue(cellUnit, out var known))
        {
            return known;
        }

        var mapping = Map(Core, cellUnit);
        if (Statistic is not null && mapping.Statistic is null)
        {
            mapping = mapping.WithStatistic(Statistic);
        }

        FieldMapping? result = mapping.Role != FieldRole.Metric ? null
            : Mapping.IsCanonical ? (mapping.IsCanonical && mapping.Metric == Mapping.Metric ? mapping : null)
            : mapping;
        byCellUnit[cellUnit] = result;
        return result;
    }

    /// <summary>The mapping of a name and unit: <see cref="MetricNames.MapLabel"/>, where a token rate of one request
    /// ("Decode (tok/s)", "Speed: 99 tok/s") is throughput.</summary>
    private static FieldMapping Map(string core, string? unit)
    {
        var mapping = MetricNames.MapLabel(core, unit ?? "");
        if (mapping.Role == FieldRole.Metric && !mapping.IsCanonical && unit is not null && TokenRateUnits.Contains(unit)
            && !MetricNames.Words(core).Any(NotGenerationRate.Contains))
        {
            return MetricNames.MapLabel("throughput", "tok/s").WithStatistic(mapping.Statistic);
        }

        // A metric kept under its own name is named without the statistic its header states ("Mean Efficiency" is
        // the Mean of "Efficiency").
        if (mapping.Role == FieldRole.Metric && !mapping.IsCanonical && mapping.Statistic is not null)
        {
            var name = string.Join(" ", core.Split([' '], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => !MetricNames.TryStatistic(w.ToLowerInvariant(), out _)));
            if (name.Length > 0 && name != mapping.Metric)
            {
                return mapping.With(m => m.Metric = name);
            }
        }

        return mapping;
    }
}
