namespace Chimera.Insight.Statistics;

/// <summary>The run settings and quantization a group shares; a part on which the group's values disagree is unset.</summary>
internal sealed class ConfigurationParts
{
    private RunSettings settings;
    private string? quantization;
    private string? producer;
    private int? concurrency;
    private string? test;
    private string? run;

    public static ConfigurationParts Of(BenchmarkMetric m) => new()
    {
        settings = m.Settings, quantization = m.Quantization,
        producer = m.Producer, concurrency = m.Concurrency, test = m.Test, run = m.Run,
    };

    internal static ConfigurationParts Of(Extraction.Dimensions d) => new()
    {
        settings = d.Settings, quantization = d.Quantization,
        producer = d.Producer, concurrency = d.Concurrency, test = d.Test, run = d.Run,
    };

    public ConfigurationParts Copy() => (ConfigurationParts)MemberwiseClone();

    internal bool Matches(Extraction.Dimensions d) =>
        settings == d.Settings && string.Equals(quantization, d.Quantization, StringComparison.Ordinal)
        && string.Equals(producer, d.Producer, StringComparison.Ordinal) && concurrency == d.Concurrency
        && string.Equals(test, d.Test, StringComparison.Ordinal) && string.Equals(run, d.Run, StringComparison.Ordinal);

    public void Combine(ConfigurationParts other)
    {
        settings = settings.Intersect(other.settings);
        quantization = string.Equals(quantization, other.quantization, StringComparison.Ordinal) ? quantization : null;
        producer = string.Equals(producer, other.producer, StringComparison.Ordinal) ? producer : null;
        concurrency = concurrency == other.concurrency ? concurrency : null;
        test = string.Equals(test, other.test, StringComparison.Ordinal) ? test : null;
        run = string.Equals(run, other.run, StringComparison.Ordinal) ? run : null;
    }

    public void ApplyTo(BenchmarkMetric metric)
    {
        metric.Settings = settings;
        metric.Quantization = quantization;
        metric.Producer = producer;
        metric.Concurrency = concurrency;
        metric.Test = test;
        metric.Run = run;
    }
}
