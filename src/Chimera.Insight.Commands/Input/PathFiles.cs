using Chimera.Insight.Inventory;

namespace Chimera.Insight.Commands.Input;

/// <summary>BenchmarkFile descriptions of the sources samples and metrics name, for the inventory summary.</summary>
internal static class PathFiles
{
    /// <summary>A BenchmarkFile for a sample's source file: no content hash or family; null when the name is not
    /// a benchmark artifact.</summary>
    public static BenchmarkFile? Describe(string fullName)
    {
        if (ArtifactKinds.FromFileName(fullName) is not { } kind)
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
