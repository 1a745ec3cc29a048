namespace Chimera.Insight.Inventory;

/// <summary>
/// Accumulates a <see cref="BenchmarkInventorySummary"/> one file at a time, so that a walk of any size
/// is summarised without holding its files: per kind counts, bytes and latest change, families, and the
/// paths of files that share a content hash.
/// </summary>
public sealed class InventorySummaryBuilder
{
    private readonly List<string> roots = [];
    private readonly HashSet<string> knownRoots = new(StringComparer.Ordinal);
    private readonly Dictionary<ArtifactKind, KindTally> kinds = [];
    private readonly Dictionary<string, int> families = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Original> originalByHash = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> duplicatesByHash = new(StringComparer.Ordinal);
    private readonly List<string> skipped = [];
    private int fileCount;
    private long totalBytes;
    private DateTime? latest;

    /// <summary>Names a root even when nothing under it is an artifact.</summary>
    public void AddRoot(string root)
    {
        if (knownRoots.Add(root))
        {
            roots.Add(root);
        }
    }

    public void Add(BenchmarkFile file)
    {
        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        if (!string.IsNullOrEmpty(file.Root))
        {
            AddRoot(file.Root);
        }

        fileCount++;
        totalBytes += file.Length;
        latest = Later(latest, file.LastWriteTimeUtc);

        if (!kinds.TryGetValue(file.Kind, out var tally))
        {
            tally = new KindTally();
            kinds.Add(file.Kind, tally);
        }

        tally.Count++;
        tally.Bytes += file.Length;
        tally.Latest = Later(tally.Latest, file.LastWriteTimeUtc);
        tally.NoteFile(string.IsNullOrEmpty(file.RelativePath) ? file.FullName : file.RelativePath);

        if (families.TryGetValue(file.Family, out var count))
        {
            families[file.Family] = count + 1;
        }
        else
        {
            families.Add(file.Family, 1);
        }

        if (!string.IsNullOrEmpty(file.ContentHash))
        {
            AddHash(file.ContentHash!, file);
        }
    }

    // Only the first path per hash is kept until a second one shows up.
    private void AddHash(string hash, BenchmarkFile file)
    {
        if (!originalByHash.TryGetValue(hash, out var original))
        {
            originalByHash.Add(hash, new Original(KeptRelativePath.Of(file), fileCount));
        }
        else if (duplicatesByHash.TryGetValue(hash, out var paths))
        {
            paths.Add(file.RelativePath);
        }
        else
        {
            duplicatesByHash.Add(hash, [original.Path, file.RelativePath]);
        }
    }

    /// <summary>A file passed over because it is not a benchmark artifact.</summary>
    public void AddSkipped(string path) => skipped.Add(path);

    public BenchmarkInventorySummary Build() => new()
    {
        Roots = [.. roots],
        FileCount = fileCount,
        TotalBytes = totalBytes,
        Kinds = BuildKinds(),
        DuplicateGroups = duplicatesByHash
            .OrderBy(group => originalByHash[group.Key].Position)
            .Select(group => new DuplicateGroup { ContentHash = group.Key, Files = [.. group.Value] })
            .ToArray(),
        Families = families
            .OrderByDescending(family => family.Value)
            .ThenBy(family => family.Key, StringComparer.Ordinal)
            .Select(family => new FamilyCount { Family = family.Key, Count = family.Value })
            .ToArray(),
        SkippedCount = skipped.Count,
        Skipped = [.. skipped],
        LatestModifiedUtc = latest,
    };

    private KindSummary[] BuildKinds() =>
        ((ArtifactKind[])Enum.GetValues(typeof(ArtifactKind)))
            .Select(kind =>
            {
                kinds.TryGetValue(kind, out var tally);
                return new KindSummary
                {
                    Kind = kind,
                    Count = tally?.Count ?? 0,
                    SharePercent = fileCount == 0 ? 0 : 100.0 * (tally?.Count ?? 0) / fileCount,
                    Bytes = tally?.Bytes ?? 0,
                    LatestModifiedUtc = tally?.Latest,
                    FirstFiles = tally is null ? [] : [.. tally.FirstFiles],
                };
            })
            .ToArray();

    private static DateTime? Later(DateTime? current, DateTime candidate) =>
        current is null || candidate > current ? candidate : current;

    private readonly struct Original(KeptRelativePath path, int position)
    {
        public string Path => path.Text;

        public int Position { get; } = position;
    }

    private sealed class KindTally
    {
        public int Count { get; set; }

        public long Bytes { get; set; }

        public DateTime? Latest { get; set; }

        /// <summary>The first paths of the kind in ordinal order, at most as many as a report lists
        /// (<see cref="KindSummary.FirstFiles"/>): kept as files come, never the whole list.</summary>
        public List<string> FirstFiles { get; } = [];

        public void NoteFile(string path)
        {
            if (FirstFiles.Count == FirstFilesKept && string.CompareOrdinal(path, FirstFiles[^1]) >= 0)
            {
                return;
            }

            var at = FirstFiles.BinarySearch(path, StringComparer.Ordinal);
            if (at >= 0)
            {
                return;
            }

            FirstFiles.Insert(~at, path);
            if (FirstFiles.Count > FirstFilesKept)
            {
                FirstFiles.RemoveAt(FirstFilesKept);
            }
        }
    }

    /// <summary>How many of a kind's paths the summary names (a report lists five, then "... and N more").</summary>
    internal const int FirstFilesKept = 5;
}
