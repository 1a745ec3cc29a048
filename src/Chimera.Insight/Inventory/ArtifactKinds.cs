namespace Chimera.Insight.Inventory;

/// <summary>Which file names are benchmark artifacts, and of which kind.</summary>
public static class ArtifactKinds
{
    /// <summary>The kind a file name's extension stands for (case-insensitive), or null for any other file.</summary>
    public static ArtifactKind? FromFileName(string fileName)
    {
        switch (Path.GetExtension(fileName).ToLowerInvariant())
        {
            case ".csv":
                return ArtifactKind.Csv;
            case ".json":
            case ".jsonl":
            case ".ndjson":
                return ArtifactKind.Json;
            case ".md":
            case ".markdown":
                return ArtifactKind.Markdown;
            default:
                return null;
        }
    }
}
