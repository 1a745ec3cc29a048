namespace Chimera.Insight.Statistics;

/// <summary>The configuration parts (num_gpu, num_ctx, ...) a group shares; a part on which the group's
/// values disagree becomes null.</summary>
internal sealed class ConfigurationParts
{
    private int? numGpu;
    private int? numCtx;
    private double? temperature;
    private double? topP;
    private int? topK;
    private double? repeatPenalty;
    private string? quantization;
    private string? producer;
    private int? concurrency;
    private string? test;
    private string? run;

    public static ConfigurationParts Of(BenchmarkSample s) => new()
    {
        numGpu = s.NumGpu, numCtx = s.NumCtx, temperature = s.Temperature, topP = s.TopP,
        topK = s.TopK, repeatPenalty = s.RepeatPenalty, quantization = s.Quantization,
        producer = s.Producer, concurrency = s.Concurrency, test = s.Test, run = s.Run,
    };

    public static ConfigurationParts Of(BenchmarkMetric m) => new()
    {
        numGpu = m.NumGpu, numCtx = m.NumCtx, temperature = m.Temperature, topP = m.TopP,
        topK = m.TopK, repeatPenalty = m.RepeatPenalty, quantization = m.Quantization,
        producer = m.Producer, concurrency = m.Concurrency, test = m.Test, run = m.Run,
    };

    internal static ConfigurationParts Of(Extraction.Dimensions d) => new()
    {
        numGpu = d.NumGpu, numCtx = d.NumCtx, temperature = d.Temperature, topP = d.TopP,
        topK = d.TopK, repeatPenalty = d.RepeatPenalty, quantization = d.Quantization,
        producer = d.Producer, concurrency = d.Concurrency, test = d.Test, run = d.Run,
    };

    public ConfigurationParts Copy() => (ConfigurationParts)MemberwiseClone();

    public bool Matches(BenchmarkSample s) =>
        numGpu == s.NumGpu && numCtx == s.NumCtx && temperature == s.Temperature && topP == s.TopP
        && topK == s.TopK && repeatPenalty == s.RepeatPenalty && string.Equals(quantization, s.Quantization, StringComparison.Ordinal)
        && string.Equals(producer, s.Producer, StringComparison.Ordinal) && concurrency == s.Concurrency
        && string.Equals(test, s.Test, StringComparison.Ordinal) && string.Equals(run, s.Run, StringComparison.Ordinal);

    internal bool Matches(Extraction.Dimensions d) =>
        numGpu == d.NumGpu && numCtx == d.NumCtx && temperature == d.Temperature && topP == d.TopP
        && topK == d.TopK && repeatPenalty == d.RepeatPenalty && string.Equals(quantization, d.Quantization, StringComparison.Ordinal)
        && string.Equals(producer, d.Producer, StringComparison.Ordinal) && concurrency == d.Concurrency
        && string.Equals(test, d.Test, StringComparison.Ordinal) && string.Equals(run, d.Run, StringComparison.Ordinal);

    public void Combine(ConfigurationParts other)
    {
        numGpu = numGpu == other.numGpu ? numGpu : null;
        numCtx = numCtx == other.numCtx ? numCtx : null;
        temperature = temperature == other.temperature ? temperature : null;
        topP = topP == other.topP ? topP : null;
        topK = topK == other.topK ? topK : null;
        repeatPenalty = repeatPenalty == other.repeatPenalty ? repeatPenalty : null;
        quantization = string.Equals(quantization, other.quantization, StringComparison.Ordinal) ? quantization : null;
        producer = string.Equals(producer, other.producer, StringComparison.Ordinal) ? producer : null;
        concurrency = concurrency == other.concurrency ? concurrency : null;
        test = string.Equals(test, other.test, StringComparison.Ordinal) ? test : null;
        run = string.Equals(run, other.run, StringComparison.Ordinal) ? run : null;
    }

    public void ApplyTo(BenchmarkMetric metric)
    {
        metric.NumGpu = numGpu;
        metric.NumCtx = numCtx;
        metric.Temperature = temperature;
        metric.TopP = topP;
        metric.TopK = topK;
        metric.RepeatPenalty = repeatPenalty;
        metric.Quantization = quantization;
        metric.Producer = producer;
        metric.Concurrency = concurrency;
        metric.Test = test;
        metric.Run = run;
    }
}
