namespace Chimera.Insight.Extraction;

/// <summary>What a column, JSON property or Markdown label stands for.</summary>
internal enum FieldRole
{
    /// <summary>A number to emit as a sample (canonical or kept under its own name).</summary>
    Metric,
    Model,
    Backend,
    Device,
    Quantization,
    Prompt,
    PromptIndex,
    /// <summary>A JSON object (or JSON text in a CSV cell) of Ollama options.</summary>
    Options,
    Error,
    Status,
    Success,
    Timestamp,
    /// <summary>Identifiers, process ids, sizes of the test harness: never a measurement.</summary>
    Ignore,

    // The run settings: FieldRoles.FirstRunSetting plus the option's RunOption.Index (see FieldRoles.Of). The first six
    // are named for readers that set one directly; every option of RunSettings.Options has a role, named or not.
    NumGpu = 64,
    NumCtx,
    Temperature,
    TopP,
    TopK,
    RepeatPenalty,
}

/// <summary>The roles of the run settings.</summary>
internal static class FieldRoles
{
    /// <summary>The role of the first run setting; every role from here on is one.</summary>
    public const FieldRole FirstRunSetting = FieldRole.NumGpu;

    /// <summary>The role of a run setting's fields.</summary>
    public static FieldRole Of(RunOption option) => FirstRunSetting + option.Index;

    public static bool IsRunSetting(this FieldRole role) => role >= FirstRunSetting;

    /// <summary>The run setting a role stands for (the role must be one).</summary>
    public static RunOption RunOption(this FieldRole role) => RunSettings.Options[role - FirstRunSetting];
}

/// <summary>How one field name maps: its role and, for metrics, the canonical name, unit, scale and statistic.</summary>
internal sealed class FieldMapping
{
    public FieldRole Role { get; set; }
    /// <summary>Canonical metric name, or the field's own name when unknown.</summary>
    public string Metric { get; set; } = "";
    public string Unit { get; set; } = "";
    /// <summary>Multiplier from the file's unit to <see cref="Unit"/>.</summary>
    public double Scale { get; set; } = 1;
    /// <summary>Statistic stated by the name (Mean, StdDev, P95, ...) or null for a raw value.</summary>
    public string? Statistic { get; set; }
    /// <summary>True when <see cref="Metric"/> is one of the canonical names.</summary>
    public bool IsCanonical { get; set; }
    /// <summary>A time metric whose unit the name does not state: resolved from its siblings.</summary>
    public bool NeedsTimeUnit { get; set; }
    /// <summary>The kind of canonical metric (time, rate, count, percent, ...), for validation.</summary>
    public MetricKind Kind { get; set; }
    /// <summary>A figure computed from others of its record (not read from the file): it never identifies the record.</summary>
    public bool IsDerived { get; set; }

    // Boxed: a reference is read whole on every platform, and reading it writes nothing to a line the workers share.
    private object? figureKey;

    /// <summary><see cref="StableHash.OfFigure"/> of the metric, unit and statistic (a raw sample without one) its values
    /// carry; computed once, as mappings are shared by every row and file with the same field.</summary>
    public ulong FigureKey => (ulong)(figureKey ??= StableHash.OfFigure(Metric, Unit, Statistic ?? Insight.Statistic.Sample));

    public FieldMapping With(Action<FieldMapping> change)
    {
        var copy = (FieldMapping)MemberwiseClone();
        copy.figureKey = null;
        change(copy);
        return copy;
    }

    /// <summary>A copy with <paramref name="statistic"/>. (Its own method: a lambda capturing a caller's variable
    /// would allocate its closure on every call of the caller, taken or not.)</summary>
    public FieldMapping WithStatistic(string? statistic) => With(m => m.Statistic = statistic);

    public static readonly FieldMapping IgnoreField = new() { Role = FieldRole.Ignore };
}

internal enum MetricKind
{
    Other,
    Time,
    Rate,
    Count,
    Percent,
    MemoryMb,
    Power,
}
