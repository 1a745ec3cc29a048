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

    public static ConfigurationParts Of(BenchmarkSample s) => new()
    {
        numGpu = s.NumGpu, numCtx = s.NumCtx, temperature = s.Temperature, topP = s.TopP,
        topK = s.TopK, repeatPenalty = s.RepeatPenalty, quantization = s.Quantization,
    };

    public static ConfigurationParts Of(BenchmarkMetric m) => new()
    {
        numGpu = m.NumGpu, numCtx = m.NumCtx, temperature = m.Temperature, topP = m.TopP,
        topK = m.TopK, repeatPenalty = m.RepeatPenalty, quantization = m.Quantization,
    };

    internal static ConfigurationParts Of(Extraction.Dimensions d) => new()
    {
        numGpu = d.NumGpu, numCtx = d.NumCtx, temperature = d.Temperature, topP = d.TopP,
        topK = d.TopK, repeatPenalty = d.RepeatPenalty, quantization = d.Quantization,
    };

    public ConfigurationParts Copy() => (ConfigurationParts)MemberwiseClone();

    public bool Matches(BenchmarkSample s) =>
        numGpu == s.NumGpu && numCtx == s.NumCtx && temperature == s.Temperature && topP == s.TopP
        && topK == s.TopK && repeatPenalty == s.RepeatPenalty && string.Equals(quantization, s.Quantization, StringComparison.Ordinal);

    internal bool Matches(Extraction.Dimensions d) =>
        numGpu == d.NumGpu && numCtx == d.NumCtx && temperature == d.Temperature && topP == d.TopP
        && topK == d.TopK && repeatPenalty == d.RepeatPenalty && string.Equals(quantization, d.Quantization, StringComparison.Ordinal);

    public void Combine(ConfigurationParts other)
    {
        numGpu = numGpu == other.numGpu ? numGpu : null;
        numCtx = numCtx == other.numCtx ? numCtx : null;
        temperature = temperature == other.temperature ? temperature : null;
        topP = topP == other.topP ? topP : null;
        topK = topK == other.topK ? topK : null;
        repeatPenalty = repeatPenalty == other.repeatPenalty ? repeatPenalty : null;
        quantization = string.Equals(quantization, other.quantization, StringComparison.Ordinal) ? quantization : null;
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
    }
}
