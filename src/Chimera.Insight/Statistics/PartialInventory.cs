namespace Chimera.Insight.Statistics;

/// <summary>The inventory summaries of several partial runs as one: counts and bytes added up per kind and in all,
/// paths named as the merge names their sources ("computer:path"), the latest times the latest of all, and copies
/// found across servers added to the duplicate groups.</summary>
internal static class PartialInventory
{

    public static BenchmarkInventorySummary? Combine(
        IReadOnlyList<(string Computer, BenchmarkInventorySummary Inventory, Func<string, string> Qualify)> runs,
        IReadOnlyList<DuplicateGroup> crossDuplicates)
    {
        if (runs.Count == 0)
        {
            return null;
        }

        var all = runs.Select(r => r.Inventory).ToList();
        var fileCount = all.Sum(i => i.FileCount);
        var kinds = runs.SelectMany(r => r.Inventory.Kinds.Select(k => (r.Qualify, Kind: k)))
            .GroupBy(k => k.Kind.Kind)
            .OrderBy(g => g.Key)
            .Select(g => new KindSummary
            {
                Kind = g.Key,
                Count = g.Sum(k => k.Kind.Count),
                SharePercent = fileCount == 0 ? 0 : g.Sum(k => k.Kind.Count) * 100.0 / fileCount,
                Bytes = g.Sum(k => k.Kind.Bytes),
                LatestModifiedUtc = g.Max(k => k.Kind.LatestModifiedUtc),
                FirstFiles = g.SelectMany(k => k.Kind.FirstFiles.Select(k.Qualify)).OrderBy(f => f, StringComparer.Ordinal).Take(Inventory.InventorySummaryBuilder.FirstFilesKept).ToArray(),
            })
            .ToArray();
        return new BenchmarkInventorySummary
        {
            Roots = runs.SelectMany(r => r.Inventory.Roots.Select(r.Qualify)).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal).ToArray(),
            FileCount = fileCount,
            TotalBytes = all.Sum(i => i.TotalBytes),
            Kinds = kinds,
            DuplicateGroups = runs.SelectMany(r => r.Inventory.DuplicateGroups.Select(g => new DuplicateGroup
                {
                    ContentHash = g.ContentHash,
                    Files = g.Files.Select(r.Qualify).ToArray(),
                }))
                .Concat(crossDuplicates)
                .ToArray(),
            Families = all.SelectMany(i => i.Families).GroupBy(f => f.Family, StringComparer.Ordinal)
                .Select(g => new FamilyCount { Family = g.Key, Count = g.Sum(f => f.Count) })
                .OrderByDescending(f => f.Count).ThenBy(f => f.Family, StringComparer.Ordinal)
                .ToArray(),
            SkippedCount = all.Sum(i => i.SkippedCount),
            Skipped = runs.SelectMany(r => r.Inventory.Skipped.Select(r.Qualify)).ToArray(),
            LatestModifiedUtc = all.Max(i => i.LatestModifiedUtc),
            // The servers measured side by side: the slowest one is how long the ingest took.
            IngestSeconds = all.Max(i => i.IngestSeconds),
            AnalysisSeconds = all.Max(i => i.AnalysisSeconds),
        };
    }
}
