namespace Chimera.Insight.Inventory;

/// <summary>Builds the inventory summary. (Interface agreed between the inventory and statistics work.)</summary>
public static class InventorySummarizer
{
    /// <summary>
    /// Summarises files in the order given (the first file of a content hash is a duplicate group's
    /// original) and the paths passed over. Roots are the files' roots, in order of appearance.
    /// </summary>
    public static BenchmarkInventorySummary Summarize(IEnumerable<BenchmarkFile> files, IEnumerable<string> skipped)
    {
        if (files is null)
        {
            throw new ArgumentNullException(nameof(files));
        }

        var builder = new InventorySummaryBuilder();
        foreach (var file in files)
        {
            builder.Add(file);
        }

        foreach (var path in skipped ?? [])
        {
            builder.AddSkipped(path);
        }

        return builder.Build();
    }
}
