namespace Chimera.Insight.Inventory;

/// <summary>What an <see cref="InventoryWalker"/> looks at. The defaults walk everything below a folder.</summary>
public sealed class InventoryOptions
{
    /// <summary>How many folder levels below a root to enter: 0 reads only the root folder's own files; null (default) has no limit.</summary>
    public int? MaxDepth { get; set; }

    /// <summary>Enter links to folders (loops are detected and reported). Links to files are always read.</summary>
    public bool FollowSymlinks { get; set; }

    /// <summary>Also look at hidden files and enter hidden folders (names starting with '.', or marked hidden on Windows), such as .git. A root is walked even when hidden.</summary>
    public bool IncludeHidden { get; set; }

    /// <summary>Only these kinds (null or empty: every kind). Files of other kinds are left out silently.</summary>
    public ICollection<ArtifactKind>? Kinds { get; set; }

    /// <summary>A test on the file name (for include/exclude patterns); files it rejects are left out silently.</summary>
    public Func<string, bool>? NameFilter { get; set; }

    /// <summary>Only files last written at or after this instant (UTC).</summary>
    public DateTime? ModifiedSinceUtc { get; set; }

    /// <summary>Only files last written before this instant (UTC).</summary>
    public DateTime? ModifiedBeforeUtc { get; set; }

    /// <summary>Read every file to set <see cref="BenchmarkFile.ContentHash"/> and <see cref="BenchmarkFile.DuplicateOf"/> (default true).</summary>
    public bool HashContent { get; set; } = true;

    /// <summary>How many files may be hashed ahead of the one being returned (on worker threads, in batches of a few
    /// files each); 0 (default) picks 16 per processor, at least 32.</summary>
    public int MaxParallelHashes { get; set; }
}
