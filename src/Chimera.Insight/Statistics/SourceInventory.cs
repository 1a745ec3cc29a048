namespace Chimera.Insight.Statistics;

/// <summary>The inventory summary when only samples or metrics were given (no files): built from their distinct
/// sources. Kinds come from the file extensions; bytes and modification times from the files where they exist
/// on this machine. No duplicate groups or families: only Get-BenchmarkInventory works those out.</summary>
public static class SourceInventory
{
    public static BenchmarkInventorySummary Summarize(IEnumerable<string> sources)
    {
        var files = sources.Distinct(StringComparer.Ordinal).Select(Describe).ToList();
        var kinds = files.Where(f => f.Kind is not null).GroupBy(f => f.Kind!.Value).OrderBy(g => g.Key)
            .Select(g => new KindSummary
            {
                Kind = g.Key,
                Count = g.Count(),
                SharePercent = files.Count == 0 ? 0 : g.Count() * 100.0 / files.Count,
                Bytes = g.Sum(f => f.Length),
                LatestModifiedUtc = g.Max(f => f.LastWrite),
            })
            .ToArray();
        return new BenchmarkInventorySummary
        {
            Roots = files.Select(f => f.Directory).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(d => d, StringComparer.Ordinal).ToArray(),
            FileCount = files.Count,
            TotalBytes = files.Sum(f => f.Length),
            Kinds = kinds,
            LatestModifiedUtc = files.Max(f => f.LastWrite),
        };
    }

    private static SourceFile Describe(string source)
    {
        string directory = "";
        long length = 0;
        DateTime? lastWrite = null;
        try
        {
            directory = Path.GetDirectoryName(source) ?? "";
            var info = new FileInfo(source);
            if (info.Exists)
            {
                length = info.Length;
                lastWrite = info.LastWriteTimeUtc;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            // Not a path on this machine (a report, a remote file): counted, without size or time.
        }

        return new SourceFile(KindOf(source), directory, length, lastWrite);
    }

    private static ArtifactKind? KindOf(string source)
    {
        var extension = source.Length > 0 && source.IndexOfAny(Path.GetInvalidPathChars()) < 0 ? Path.GetExtension(source).ToLowerInvariant() : "";
        return extension switch
        {
            ".csv" => ArtifactKind.Csv,
            ".json" or ".jsonl" or ".ndjson" => ArtifactKind.Json,
            ".md" or ".markdown" => ArtifactKind.Markdown,
            ".txt" or ".log" or ".sql" => ArtifactKind.Text,
            _ => null,
        };
    }

    private sealed class SourceFile(ArtifactKind? kind, string directory, long length, DateTime? lastWrite)
    {
        public ArtifactKind? Kind { get; } = kind;
        public string Directory { get; } = directory;
        public long Length { get; } = length;
        public DateTime? LastWrite { get; } = lastWrite;
    }
}
