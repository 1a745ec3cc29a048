namespace Chimera.Insight.Extraction;

/// <summary>Rules every reader applies the same way: what marks a failed run, which unit or statistic a
/// field takes from its siblings, and the figures derived from others.</summary>
internal static class RecordRules
{
    private static readonly HashSet<string> OkStatus = new(StringComparer.OrdinalIgnoreCase)
    {
        "ok", "success", "succeeded", "successful", "done", "completed", "complete", "passed", "pass", "200", "true", "yes",
        "finished", "stop", "length",
    };

    private static readonly HashSet<string> FalseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "false", "no", "0", "failed", "fail", "failure", "n", "f", "error",
    };

    private static readonly HashSet<string> NoErrorWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "none", "null", "nil", "0", "false", "no", "n/a", "-", "ok",
    };

    /// <summary>An error column/property with this text marks a failed run.</summary>
    public static bool IsError(string? text) => text is not null && !NoErrorWords.Contains(text.Trim());

    /// <summary>A status that is present and not one of the usual "it worked" words.</summary>
    public static bool IsFailedStatus(string? text) => text is not null && text.Trim().Length > 0 && !OkStatus.Contains(text.Trim());

    /// <summary>A success flag that says it did not.</summary>
    public static bool IsFalse(string? text) => text is not null && FalseWords.Contains(text.Trim());

    /// <summary>
    /// Fields of one header or object that need their siblings: a time without a unit (<c>prompt_eval</c> among
    /// <c>mean_load_s</c>, <c>eval_s_mean</c>) takes the unit every sibling time states, or is kept under its
    /// own name when they disagree or none states one; a canonical figure without a statistic among siblings
    /// that all state the same one (a summary file) takes it.
    /// </summary>
    public static void ResolveSiblings(IList<FieldMapping?> mappings, IList<string> names)
    {
        double? scale = null;
        var scalesAgree = true;
        string? statistic = null;
        var statisticsAgree = true;
        int withStatistic = 0, withoutStatistic = 0;
        for (var i = 0; i < mappings.Count; i++)
        {
            var m = mappings[i];
            if (m is null || m.Role != FieldRole.Metric || !m.IsCanonical)
            {
                continue;
            }

            if (m.Kind == MetricKind.Time && !m.NeedsTimeUnit)
            {
                scalesAgree &= scale is null || scale == m.Scale;
                scale ??= m.Scale;
            }

            if (m.Statistic is null)
            {
                withoutStatistic++;
            }
            else
            {
                withStatistic++;
                statisticsAgree &= statistic is null || statistic == m.Statistic;
                statistic ??= m.Statistic;
            }
        }

        var inferStatistic = statisticsAgree && withStatistic >= 2 && withoutStatistic < withStatistic;
        for (var i = 0; i < mappings.Count; i++)
        {
            var m = mappings[i];
            if (m is null || m.Role != FieldRole.Metric || !m.IsCanonical)
            {
                continue;
            }

            if (m.NeedsTimeUnit)
            {
                m = scale is { } s && scalesAgree ? WithScale(m, s) : AsUnknownField(m, names[i]);
            }

            if (inferStatistic && m.IsCanonical && m.Statistic is null)
            {
                m = m.WithStatistic(statistic);
            }

            mappings[i] = m;
        }
    }

    // Lambdas capturing a variable of ResolveSiblings would allocate their closure on every call: they live here.
    private static FieldMapping WithScale(FieldMapping m, double scale) => m.With(x => { x.Scale = scale; x.NeedsTimeUnit = false; });

    private static FieldMapping AsUnknownField(FieldMapping m, string name) =>
        m.With(x => { x.Metric = name.Trim(); x.Unit = ""; x.IsCanonical = false; x.NeedsTimeUnit = false; x.Kind = MetricKind.Other; });

    private static readonly FieldMapping DerivedThroughput = new()
    {
        Role = FieldRole.Metric,
        Metric = CanonicalMetric.TokensPerSecond,
        Unit = MetricNames.UnitOf(CanonicalMetric.TokensPerSecond),
        Kind = MetricKind.Rate,
        IsCanonical = true,
        IsDerived = true,
    };

    /// <summary>TokensPerSecond = output tokens / eval time (Ollama: eval_count / eval_duration * 1e9) when the
    /// record has both raw figures and no throughput of its own. Derived figures never feed the record id.</summary>
    public static void DeriveThroughput(BenchmarkRecord record)
    {
        if (record.Failed || record.Has(CanonicalMetric.TokensPerSecond, Insight.Statistic.Sample))
        {
            return;
        }

        double? tokens = null, evalMs = null;
        foreach (var value in record.Values)
        {
            if (value.Statistic != Insight.Statistic.Sample || !value.Valid)
            {
                continue;
            }

            if (value.Metric == CanonicalMetric.OutputTokens)
            {
                tokens ??= value.Value;
            }
            else if (value.Metric == CanonicalMetric.EvalMs)
            {
                evalMs ??= value.Value;
            }
        }

        if (tokens is { } t && evalMs is { } e && e > 0)
        {
            record.Add(DerivedThroughput, t / e * 1000);
        }
    }

    /// <summary>A failed record keeps every metric its siblings report: those it lacks are added as NaN.</summary>
    public static void CompleteFailed(BenchmarkRecord record, IEnumerable<FieldMapping> expected)
    {
        if (!record.Failed)
        {
            return;
        }

        foreach (var field in expected)
        {
            if (!record.Has(field.Metric, field.Statistic ?? Insight.Statistic.Sample))
            {
                record.AddMissing(field);
            }
        }
    }
}
