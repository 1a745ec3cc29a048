namespace Chimera.Insight;

/// <summary>One value that a benchmark file holds, with the dimensions it was measured under.</summary>
public sealed class BenchmarkSample
{
    /// <summary>Canonical metric name (TtftMs, TokensPerSecond, ...) or the file's own name for unknown fields.</summary>
    public string Metric { get; set; } = "";
    /// <summary>The value in <see cref="Unit"/>; NaN for a failed run that carried no figure.</summary>
    public double Value { get; set; }
    public string Unit { get; set; } = "";
    /// <summary><see cref="Insight.Statistic.Sample"/> for a raw measurement, else the summary statistic the file stated.</summary>
    public string Statistic { get; set; } = Insight.Statistic.Sample;
    public string? Model { get; set; }
    public string? Backend { get; set; }
    /// <summary>Canonical text of the configuration parts present, e.g. "num_gpu=80, num_ctx=512, temperature=1".</summary>
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
    public string? Prompt { get; set; }
    /// <summary>The tool that wrote the file (vllm, aiperf, guidellm, llmperf, llama-bench, ollama, sglang), when known.</summary>
    public string? Producer { get; set; }
    /// <summary>Concurrent requests of the serving run the value belongs to.</summary>
    public int? Concurrency { get; set; }
    /// <summary>The llama-bench test (pp512, tg128, pp512 @ d1024).</summary>
    public string? Test { get; set; }
    /// <summary>Which of several runs in one file.</summary>
    public string? Run { get; set; }
    /// <summary>For a figure a producer summarised: the completed requests it covers, when the file says.</summary>
    public int? RequestCount { get; set; }
    /// <summary>For a summarised figure: the failed requests of the run it covers; for a failed sample, how many failed
    /// requests it stands for when more than one.</summary>
    public int? FailedRequestCount { get; set; }
    public Phase Phase { get; set; }
    public bool Failed { get; set; }
    public string? Error { get; set; }
    /// <summary>Full path of the file the value came from.</summary>
    public string Source { get; set; } = "";
    /// <summary>Row, JSON path or line inside the source.</summary>
    public string? Location { get; set; }
    public DateTime? Timestamp { get; set; }
    /// <summary>Identifies the run (record) the value belongs to inside its source: values of one record share it.</summary>
    public string? Record { get; set; }

    public override string ToString() => $"{Metric}={Value} {Unit}";
}
