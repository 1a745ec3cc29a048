using Chimera.Insight.Inventory;
using Xunit;

namespace Chimera.Insight.Tests.Inventory;

public class InventorySummaryBuilderTests
{
    /// <summary>The files in the order given, then the paths passed over, as Measure-BenchmarkMetrics adds them.</summary>
    private static BenchmarkInventorySummary Summarize(IEnumerable<BenchmarkFile> files, IEnumerable<string> skipped)
    {
        var builder = new InventorySummaryBuilder();
        foreach (var file in files)
        {
            builder.Add(file);
        }

        foreach (var path in skipped)
        {
            builder.AddSkipped(path);
        }

        return builder.Build();
    }

    private static BenchmarkFile File(string relativePath, ArtifactKind kind, long length, DateTime written, string hash, string family, string root = "/lab") => new()
    {
        FullName = root + "/" + relativePath,
        RelativePath = relativePath,
        Root = root,
        Name = Path.GetFileName(relativePath),
        Kind = kind,
        Length = length,
        LastWriteTimeUtc = written,
        ContentHash = hash,
        Family = family,
    };

    [Fact]
    public void Each_kind_names_its_first_five_files_in_ordinal_order_whatever_order_they_came_in()
    {
        var written = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var names = new[] { "z.csv", "b/run.csv", "a.csv", "B.csv", "m.csv", "c.csv", "b/run.csv", "aa.csv" };
        var files = names.Select((n, i) => File(n, ArtifactKind.Csv, 10, written, "h" + i, "f"))
            .Append(File("only.json", ArtifactKind.Json, 10, written, "j", "f"));

        var summary = Summarize(files, []);

        Assert.Equal(["B.csv", "a.csv", "aa.csv", "b/run.csv", "c.csv"], summary.Kinds.Single(k => k.Kind == ArtifactKind.Csv).FirstFiles);
        Assert.Equal(["only.json"], summary.Kinds.Single(k => k.Kind == ArtifactKind.Json).FirstFiles);
        Assert.Empty(summary.Kinds.Single(k => k.Kind == ArtifactKind.Markdown).FirstFiles);
    }

    [Fact]
    public void CountsSharesBytesAndLatestPerKind()
    {
        var t = new DateTime(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        var files = new[]
        {
            File("a.csv", ArtifactKind.Csv, 100, t, "h1", "a"),
            File("b.csv", ArtifactKind.Csv, 50, t.AddHours(2), "h2", "b"),
            File("c.json", ArtifactKind.Json, 10, t.AddHours(1), "h3", "c"),
            File("d.json", ArtifactKind.Json, 1, t.AddHours(5), "h4", "d"),
        };

        var summary = Summarize(files, ["LICENSE", "notes.txt"]);

        Assert.Equal(["/lab"], summary.Roots);
        Assert.Equal(4, summary.FileCount);
        Assert.Equal(161, summary.TotalBytes);
        Assert.Equal(t.AddHours(5), summary.LatestModifiedUtc);
        Assert.Equal([ArtifactKind.Csv, ArtifactKind.Json, ArtifactKind.Markdown, ArtifactKind.Text], summary.Kinds.Select(k => k.Kind));
        Assert.Equal([2, 2, 0, 0], summary.Kinds.Select(k => k.Count));
        Assert.Equal([50.0, 50.0, 0.0, 0.0], summary.Kinds.Select(k => k.SharePercent));
        Assert.Equal([150L, 11L, 0L, 0L], summary.Kinds.Select(k => k.Bytes));
        Assert.Equal([t.AddHours(2), t.AddHours(5), (DateTime?)null, (DateTime?)null], summary.Kinds.Select(k => k.LatestModifiedUtc));
        Assert.Equal(2, summary.SkippedCount);
        Assert.Equal(["LICENSE", "notes.txt"], summary.Skipped);
        Assert.Empty(summary.DuplicateGroups);
    }

    [Fact]
    public void GroupsDuplicatesWithTheOriginalFirstInOrderOfTheOriginals()
    {
        var t = DateTime.UtcNow;
        var files = new[]
        {
            File("x/late-original.csv", ArtifactKind.Csv, 1, t, "B", "f"),
            File("a/original.csv", ArtifactKind.Csv, 1, t, "A", "f"),
            File("b/copy.csv", ArtifactKind.Csv, 1, t, "A", "f"),
            File("c/copy2.csv", ArtifactKind.Csv, 1, t, "A", "f"),
            File("y/copy.csv", ArtifactKind.Csv, 1, t, "B", "f"),
            File("z/alone.csv", ArtifactKind.Csv, 1, t, "C", "f"),
        };

        var groups = Summarize(files, []).DuplicateGroups;

        Assert.Equal(2, groups.Length);
        Assert.Equal("B", groups[0].ContentHash);
        Assert.Equal(["x/late-original.csv", "y/copy.csv"], groups[0].Files);
        Assert.Equal(["a/original.csv", "b/copy.csv", "c/copy2.csv"], groups[1].Files);
        Assert.Equal("a/original.csv = b/copy.csv = c/copy2.csv", groups[1].ToString());
    }

    [Fact]
    public void ListsTheRelativePathsOfCopiesMadeOutsideAWalk()
    {
        // Files built by hand: their relative path is not the end of their full path.
        var t = DateTime.UtcNow;
        var first = File("a/original.csv", ArtifactKind.Csv, 1, t, "A", "f");
        first.FullName = "/elsewhere/original.csv";
        var copy = File("b/copy.csv", ArtifactKind.Csv, 1, t, "A", "f");
        copy.FullName = "";

        var group = Assert.Single(Summarize([first, copy], []).DuplicateGroups);
        Assert.Equal(["a/original.csv", "b/copy.csv"], group.Files);
    }

    [Fact]
    public void CountsFamiliesMostFirstThenByName()
    {
        var t = DateTime.UtcNow;
        var files = new[]
        {
            File("1.json", ArtifactKind.Json, 1, t, "1", "zeta"),
            File("2.json", ArtifactKind.Json, 1, t, "2", "beta"),
            File("3.json", ArtifactKind.Json, 1, t, "3", "alpha"),
            File("4.json", ArtifactKind.Json, 1, t, "4", "beta"),
        };

        var families = Summarize(files, []).Families;

        Assert.Equal(["beta (2)", "alpha (1)", "zeta (1)"], families.Select(f => f.ToString()));
    }

    [Fact]
    public void AnEmptyInventoryIsAllZeros()
    {
        var summary = Summarize([], []);

        Assert.Equal(0, summary.FileCount);
        Assert.All(summary.Kinds, k => Assert.Equal(0.0, k.SharePercent));
        Assert.Null(summary.LatestModifiedUtc);
        Assert.Empty(summary.Roots);
    }

    [Fact]
    public void FilesWithoutAHashAreNeverDuplicates()
    {
        var t = DateTime.UtcNow;
        var files = new[] { File("a.csv", ArtifactKind.Csv, 1, t, "", "a"), File("b.csv", ArtifactKind.Csv, 1, t, "", "a") };

        Assert.Empty(Summarize(files, []).DuplicateGroups);
    }

    [Fact]
    public void SummarisesWhatTheWalkerFound()
    {
        using var tree = new TempTree();
        tree.File("run_1/metrics.json", "same");
        tree.File("run_2/metrics.json", "same");
        tree.File("notes.txt");
        var entries = new InventoryWalker().Walk(tree.Root).ToList();

        var summary = Summarize(
            entries.Where(e => e.Kind == InventoryEntryKind.File).Select(e => e.File!),
            entries.Where(e => e.Kind == InventoryEntryKind.Skipped).Select(e => e.RelativePath!));

        Assert.Equal([tree.Root], summary.Roots);
        Assert.Equal(["notes.txt"], summary.Skipped);
        Assert.Equal(["run_1/metrics.json", "run_2/metrics.json"], Assert.Single(summary.DuplicateGroups).Files);
        var family = Assert.Single(summary.Families);
        Assert.Equal(Path.GetFileName(tree.Root) + "/metrics", family.Family);
        Assert.Equal(2, family.Count);
    }
}
