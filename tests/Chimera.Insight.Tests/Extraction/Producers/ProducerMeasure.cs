using Chimera.Insight.Extraction;
using Chimera.Insight.Statistics;

namespace Chimera.Insight.Tests.Extraction.Producers;

/// <summary>Reads fixture files as Measure-BenchmarkMetrics does (kind from the name and content) and measures them.</summary>
internal static class ProducerMeasure
{
    public static ExtractionResult Read(string path) =>
        ArtifactReader.Read(path, Chimera.Insight.Inventory.ArtifactKinds.FromFileName(path)!.Value);

    public static List<BenchmarkMetric> Measure(params string[] paths)
    {
        var session = new MeasurementSession();
        foreach (var path in paths)
        {
            session.AddFile(new BenchmarkFile
            {
                FullName = path,
                Name = Path.GetFileName(path),
                Kind = Chimera.Insight.Inventory.ArtifactKinds.FromFileName(path)!.Value,
            });
        }

        return session.BuildMetrics(null).ToList();
    }

    public static BenchmarkMetric One(this IEnumerable<BenchmarkMetric> metrics, string metric, string? statistic = null) =>
        Xunit.Assert.Single(metrics, m => m.Metric == metric && (statistic is null ? m.Origin == MetricOrigin.Measured : m.Statistic == statistic));
}
