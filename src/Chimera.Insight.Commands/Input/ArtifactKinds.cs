namespace Chimera.Insight.Commands.Input;

/// <summary>The artifact kind a file name implies.</summary>
internal static class ArtifactKinds
{
    public static ArtifactKind? FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => ArtifactKind.Csv,
        ".json" or ".jsonl" or ".ndjson" => ArtifactKind.Json,
        ".md" or ".markdown" => ArtifactKind.Markdown,
        _ => null,
    };

    /// <summary>A BenchmarkFile for a path given directly (-Path, a string, a FileInfo): no content hash or family,
    /// which only Get-BenchmarkInventory works out.</summary>
    public static BenchmarkFile? Describe(string fullName)
    {
        if (FromPath(fullName) is not { } kind)
        {
            return null;
        }

        var info = new FileInfo(fullName);
        return new BenchmarkFile
        {
            FullName = info.FullName,
            Name = info.Name,
            Root = info.DirectoryName ?? "",
            RelativePath = info.Name,
            Kind = kind,
            Length = info.Exists ? info.Length : 0,
            LastWriteTimeUtc = info.Exists ? info.LastWriteTimeUtc : default,
        };
    }
}
