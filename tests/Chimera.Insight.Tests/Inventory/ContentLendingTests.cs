using System.IO.Hashing;
using System.Text;
using Chimera.Insight.Inventory;
using Chimera.Insight.Statistics;
using Xunit;

namespace Chimera.Insight.Tests.Inventory;

/// <summary>The inventory lends the bytes it read for hashing to a measurement in the same pipeline, and only while
/// the file is its current output.</summary>
public class ContentLendingTests
{
    private const string Original = "model,ttft_s\nm1,0.5\nm1,0.7\n";
    private const string Rewritten = "model,ttft_s\nm1,9.5\nm1,9.7\n";

    [Fact]
    public void A_small_file_is_lent_while_current_and_withdrawn_when_the_walk_moves_on()
    {
        using var tree = new TempTree();
        tree.File("a.csv", Original);
        tree.File("b.csv", "model,ttft_s\nm2,1.5\n");

        using var walk = new InventoryWalker().Walk(tree.Root).GetEnumerator();
        Assert.True(walk.MoveNext());
        var first = walk.Current.File!;
        Assert.True(walk.MoveNext());
        var second = walk.Current.File!;

        Assert.Null(first.TakeContent());
        Assert.Equal("model,ttft_s\nm2,1.5\n", Encoding.UTF8.GetString(second.TakeContent()!));
        Assert.Null(second.TakeContent());
    }

    [Fact]
    public void The_last_file_is_withdrawn_when_the_walk_ends()
    {
        using var tree = new TempTree();
        tree.File("a.csv", Original);

        var file = Assert.Single(new InventoryWalker().Walk(tree.Root).ToList()).File!;

        Assert.Null(file.TakeContent());
    }

    [Fact]
    public void A_file_too_large_to_keep_is_hashed_whole_and_not_lent()
    {
        using var tree = new TempTree();
        var line = "m1,0.5\n";
        var text = "model,ttft_s\n" + string.Concat(Enumerable.Repeat(line, (ContentHasher.KeptContentLimit / line.Length) + 10));
        tree.File("big.csv", text);

        using var walk = new InventoryWalker().Walk(tree.Root).GetEnumerator();
        Assert.True(walk.MoveNext());
        var file = walk.Current.File!;

        Assert.Null(file.TakeContent());
        Assert.Equal(Convert.ToHexString(XxHash128.Hash(Encoding.UTF8.GetBytes(text))).ToLowerInvariant(), file.ContentHash);
    }

    [Fact]
    public void Measuring_the_current_file_uses_the_bytes_its_hash_was_made_from()
    {
        using var tree = new TempTree();
        var path = tree.File("a.csv", Original);
        var session = new MeasurementSession(new MeasurementOptions());

        foreach (var entry in new InventoryWalker().Walk(tree.Root))
        {
            // Changed on disk after the inventory read it: the measurement still agrees with the file's ContentHash.
            File.WriteAllText(path, Rewritten);
            session.AddFile(entry.File!);
        }

        var ttft = Assert.Single(session.BuildMetrics(null), m => m.Metric == "TtftMs");
        Assert.Equal(600, ttft.Mean!.Value, 6);
    }

    [Fact]
    public void Lent_bytes_serve_each_file_once_whatever_their_sizes_and_copies()
    {
        // Files of many sizes, byte-identical copies among them (known before they are read, so their bytes go
        // unread), all measured through the pipeline's lending: every figure must be the file's own, counted once.
        using var tree = new TempTree();
        var expected = new List<double>();
        for (var i = 0; i < 300; i++)
        {
            var text = new StringBuilder("model,ttft_ms\n");
            for (var row = 0; row <= i % 7; row++)
            {
                var value = 1000 + (i * 10) + row;
                text.Append("m,").Append(value).Append('\n');
                expected.Add(value);
            }

            tree.File($"d{i / 50}/f{i:D3}.csv", text.ToString());
            if (i % 25 == 0)
            {
                tree.File($"d{i / 50}/f{i:D3}-copy.csv", text.ToString());
            }
        }

        var session = new MeasurementSession(new MeasurementOptions { MaxDegreeOfParallelism = 2 });
        foreach (var entry in new InventoryWalker(new InventoryOptions { MaxParallelHashes = 8 }).Walk(tree.Root))
        {
            session.AddFile(entry.File!);
        }

        var ttft = Assert.Single(session.BuildMetrics(null), m => m.Metric == "TtftMs");
        Assert.Equal(expected.Count, ttft.Count);
        Assert.Equal(expected.Average(), ttft.Mean!.Value, 9);
        Assert.Equal(expected.Min(), ttft.Min);
        Assert.Equal(expected.Max(), ttft.Max);
    }

    [Fact]
    public void A_file_measured_after_the_walk_moved_on_is_read_again()
    {
        using var tree = new TempTree();
        var path = tree.File("a.csv", Original);
        var files = new InventoryWalker().Walk(tree.Root).Select(e => e.File!).ToList();
        File.WriteAllText(path, Rewritten);

        var session = new MeasurementSession(new MeasurementOptions());
        session.AddFile(files[0]);

        var ttft = Assert.Single(session.BuildMetrics(null), m => m.Metric == "TtftMs");
        Assert.Equal(9600, ttft.Mean!.Value, 6);
    }
}
