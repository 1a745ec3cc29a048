using Chimera.Insight;

namespace Chimera.Insight.Tests.Statistics;

/// <summary>Builds samples the way extraction hands them over, so the statistics tests never depend on the readers.</summary>
internal static class Samples
{
    public static BenchmarkSample Of(string metric, double value, string unit = "ms", string model = "llama3.1:8b",
        string configuration = "num_ctx=1024", Phase phase = Phase.Warm, string source = "/data/run.csv",
        string? record = null, bool failed = false, string? error = null, string statistic = Statistic.Sample,
        string backend = "ollama", DateTime? timestamp = null, string? prompt = null) => new()
    {
        Metric = metric,
        Value = value,
        Unit = unit,
        Model = model,
        Configuration = configuration,
        Phase = phase,
        Source = source,
        Record = record,
        Location = record is null ? null : "row " + record,
        Failed = failed,
        Error = error,
        Statistic = statistic,
        Backend = backend,
        Timestamp = timestamp,
        Prompt = prompt,
    };

    /// <summary>One sample per value, each its own record in <paramref name="source"/>.</summary>
    public static IEnumerable<BenchmarkSample> Series(string metric, IEnumerable<double> values, string unit = "ms",
        string source = "/data/run.csv", string configuration = "num_ctx=1024", Phase phase = Phase.Warm, string model = "llama3.1:8b") =>
        values.Select((v, i) => Of(metric, v, unit, model, configuration, phase, source, record: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Deterministic values spread around <paramref name="center"/> (about 2% either side).</summary>
    public static double[] Around(double center, int count, int seed = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => center * (1 + (random.NextDouble() - 0.5) * 0.04)).ToArray();
    }
}
