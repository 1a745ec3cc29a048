namespace Chimera.Insight.Inventory;

/// <summary>Builds the inventory summary. (Interface agreed between the inventory and statistics work;
/// the inventory work fills in the body.)</summary>
public static class InventorySummarizer
{
    public static BenchmarkInventorySummary Summarize(IEnumerable<BenchmarkFile> files, IEnumerable<string> skipped)
        => throw new NotImplementedException();
}
