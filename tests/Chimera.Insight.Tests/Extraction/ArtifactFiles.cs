using System.Text;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Tests.Extraction;

/// <summary>Fixture files written to a temporary folder (deleted afterwards), and reading helpers.</summary>
public sealed class ArtifactFiles : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "chimera-extraction-" + Guid.NewGuid().ToString("N"));

    public ArtifactFiles() => Directory.CreateDirectory(Root);

    public string Write(string relativePath, string text, Encoding? encoding = null)
    {
        var path = Prepare(relativePath);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var path = Prepare(relativePath);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public ExtractionResult Read(string relativePath, string text, ExtractionOptions? options = null)
    {
        var path = Write(relativePath, text);
        return ArtifactReader.Read(path, Chimera.Insight.Inventory.ArtifactKinds.FromFileName(path)!.Value, options);
    }

    private string Prepare(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class SampleQueries
{
    public static List<BenchmarkSample> Of(this ExtractionResult result, string metric, string statistic = Statistic.Sample) =>
        result.Samples.Where(s => s.Metric == metric && s.Statistic == statistic).ToList();

    public static double[] Values(this IEnumerable<BenchmarkSample> samples) => samples.Select(s => s.Value).ToArray();
}
