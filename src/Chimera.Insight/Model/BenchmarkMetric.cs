namespace Chimera.Insight;

/// <summary>Statistics of one metric in one group (model, configuration, backend, phase, ...).</summary>
public sealed class BenchmarkMetric
{
    public string Metric { get; set; } = "";
    public string Unit { get; set; } = "";
    public MetricOrigin Origin { get; set; }
    /// <summary>For Reported figures: the statistic the file stated (Mean, StdDev, ...); null for Measured.</summary>
    public string? Statistic { get; set; }
    public string? Model { get; set; }
    public string? Backend { get; set; }
    public string? Configuration { get; set; }
    /// <summary>The run settings, every option of <see cref="RunSettings.Options"/> (min_p too): the six below are
    /// views of it, and <see cref="Configuration"/> names them all.</summary>
    public RunSettings Settings { get; set; }
    public int? NumGpu { get => Settings.NumGpu; set => Settings = Settings.With(RunSettings.NumGpuOption, value); }
    public int? NumCtx { get => Settings.NumCtx; set => Settings = Settings.With(RunSettings.NumCtxOption, value); }
    public double? Temperature { get => Settings.Temperature; set => Settings = Settings.With(RunSettings.TemperatureOption, value); }
    public double? TopP { get => Settings.TopP; set => Settings = Settings.With(RunSettings.TopPOption, value); }
    public int? TopK { get => Settings.TopK; set => Settings = Settings.With(RunSettings.TopKOption, value); }
    public double? RepeatPenalty { get => Settings.RepeatPenalty; set => Settings = Settings.With(RunSettings.RepeatPenaltyOption, value); }
    public string? Quantization { get; set; }
    public Phase? Phase { get; set; }
    public string? Prompt { get; set; }
    /// <summary>The tool that wrote the files (vllm, aiperf, ...): a grouping key by default, so that figures of unlike
    /// definitions are never pooled.</summary>
    public string? Producer { get; set; }
    /// <summary>Concurrent requests of the serving run(s), when the group's values share one.</summary>
    public int? Concurrency { get; set; }
    /// <summary>The llama-bench test (pp512, tg128, pp512 @ d1024), when the group's values share one.</summary>
    public string? Test { get; set; }
    /// <summary>The run of several in one file, when the group's values share one.</summary>
    public string? Run { get; set; }
    /// <summary>Set when grouped by Source.</summary>
    public string? Source { get; set; }
    /// <summary>Values that contributed (failed runs excluded); for a Reported figure, the requests it covers when the
    /// file says.</summary>
    public int Count { get; set; }
    /// <summary>Failed runs in this group: counted, never averaged in.</summary>
    public int FailedCount { get; set; }
    public double? Mean { get; set; }
    /// <summary>Sample standard deviation (n - 1).</summary>
    public double? StdDev { get; set; }
    public double? Min { get; set; }
    public double? P50 { get; set; }
    public double? P90 { get; set; }
    public double? P95 { get; set; }
    public double? P99 { get; set; }
    public double? Max { get; set; }
    /// <summary>Coefficient of variation, percent.</summary>
    public double? CV { get; set; }
    /// <summary>Percentiles asked for with -Percentile beyond the standard ones.</summary>
    public PercentileValue[] Percentiles { get; set; } = [];
    private static readonly object NoValues = new();
    private double[]? values = [];
    private Statistics.ValueBuffer? collected;
    private object valuesIdentity = NoValues;

    /// <summary>The raw values (Measured only), so comparisons can test significance. A measurement keeps them in
    /// the chunks it collected them in; the array is made when it is first read, so a run that never asks for
    /// them never holds them twice.</summary>
    public double[] Values
    {
        get => Volatile.Read(ref values) ?? Materialize();
        set
        {
            values = value ?? [];
            collected = null;
            valuesIdentity = values;
        }
    }

    /// <summary>The values without making the array: the engine's way to read them.</summary>
    internal IReadOnlyList<double> ValueList => (IReadOnlyList<double>?)Volatile.Read(ref collected) ?? Values;

    internal int ValueCount => Volatile.Read(ref collected)?.Count ?? Values.Length;

    /// <summary>Stays the same while the values do (also when their array is first made), and changes when
    /// <see cref="Values"/> is set.</summary>
    internal object ValuesIdentity => valuesIdentity;

    /// <summary>Takes a group's values as collected; they must not change afterwards.</summary>
    internal void TakeValues(Statistics.ValueBuffer collectedValues)
    {
        collected = collectedValues;
        values = null;
        valuesIdentity = collectedValues;
    }

    private double[] Materialize()
    {
        var source = Volatile.Read(ref collected);
        if (source is not null)
        {
            var array = source.ToArray();
            // Made on two threads at once, the first array made is the one kept.
            Interlocked.CompareExchange(ref values, array, null);
            Volatile.Write(ref collected, null);
        }

        return Volatile.Read(ref values) ?? [];
    }

    /// <summary>The statistics as computed from <see cref="Values"/>, for a metric piped on unchanged (never serialized).</summary>
    internal Statistics.CarriedSummary? Summary { get; set; }
    public string[] Sources { get; set; } = [];
    public BenchmarkInventorySummary? Inventory { get; set; }
    /// <summary>Values in this group that came from cold samples (non-zero only when Phase is not a group key).</summary>
    public int ColdCount { get; set; }
    /// <summary>Values each of <see cref="Sources"/> contributed, in the same order.</summary>
    public int[] SourceCounts { get; set; } = [];
    /// <summary>Failed runs in each of <see cref="Sources"/>, in the same order.</summary>
    public int[] SourceFailedCounts { get; set; } = [];
    /// <summary>The sources that had failed runs in this group.</summary>
    public string[] FailedSources { get; set; } = [];
    /// <summary>The most frequent error text of the failed runs, null when none failed.</summary>
    public string? TopError { get; set; }
    /// <summary>Byte-identical copies left out of this group, each as "original = copy".</summary>
    public string[] DuplicateSources { get; set; } = [];
    /// <summary>Files holding the same records as another file (a CSV and a JSON export of one run), left out of
    /// this group, each as "counted = left out".</summary>
    public string[] RedundantSources { get; set; } = [];
    /// <summary>The newest timestamp of the data in this group (sample time, else the run time in the file's name; never the file's modification time).</summary>
    public DateTime? LatestTimestamp { get; set; }
    /// <summary>The computers whose partial results (Measure-BenchmarkMetrics -Partial) fed this group, by the
    /// PSComputerName remoting gave them ("localhost" for jobs); empty when measured here from files or samples.</summary>
    public string[] ComputerNames { get; set; } = [];
    /// <summary>Null when the percentiles are those of the values themselves; else the relative error of the quantile
    /// sketch they came from (groups of more than 65,536 values merged from partial results), and
    /// <see cref="Values"/> holds the sketch's representative values.</summary>
    public double? QuantileRelativeError { get; set; }

    public override string ToString() => $"{Metric} {Model} {Configuration} {Phase}: mean {Mean} {Unit} (n={Count})";
}

public sealed class PercentileValue
{
    public double Percentile { get; set; }
    public double Value { get; set; }
    public override string ToString() => $"P{Percentile}={Value}";
}
