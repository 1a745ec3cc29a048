using System.IO.Hashing;
using System.Text;
using Chimera.Insight.Inventory;
using Xunit;

namespace Chimera.Insight.Tests.Inventory;

public class InventoryWalkerTests
{
    private static List<InventoryEntry> Walk(string path, InventoryOptions? options = null) =>
        new InventoryWalker(options).Walk(path).ToList();

    private static List<BenchmarkFile> Files(IEnumerable<InventoryEntry> entries) =>
        entries.Where(e => e.Kind == InventoryEntryKind.File).Select(e => e.File!).ToList();

    private static List<InventoryProblem> Problems(IEnumerable<InventoryEntry> entries) =>
        entries.Where(e => e.Kind == InventoryEntryKind.Problem).Select(e => e.Problem!).ToList();

    [Fact]
    public void FindsEachKindAndPassesOverOtherFiles()
    {
        using var tree = new TempTree();
        tree.File("a.csv");
        tree.File("b.json");
        tree.File("c.jsonl");
        tree.File("d.ndjson");
        tree.File("e.md");
        tree.File("f.markdown");
        tree.File("notes.txt");
        tree.File("LICENSE");

        var entries = Walk(tree.Root);

        Assert.Equal(
            [ArtifactKind.Csv, ArtifactKind.Json, ArtifactKind.Json, ArtifactKind.Json, ArtifactKind.Markdown, ArtifactKind.Markdown],
            Files(entries).Select(f => f.Kind));
        Assert.Equal(["LICENSE", "notes.txt"], entries.Where(e => e.Kind == InventoryEntryKind.Skipped).Select(e => e.RelativePath));
        Assert.Empty(Problems(entries));
    }

    [Fact]
    public void FillsEveryPropertyOfTheFile()
    {
        using var tree = new TempTree();
        var written = new DateTime(2025, 10, 2, 17, 30, 0, DateTimeKind.Utc);
        var path = tree.File("compilation/conv_bench_20251002-170837.json", "{\"a\":1}", written);

        var file = Assert.Single(Files(Walk(tree.Root)));

        Assert.Equal(path, file.FullName);
        Assert.Equal("compilation/conv_bench_20251002-170837.json", file.RelativePath);
        Assert.Equal(tree.Root, file.Root);
        Assert.Equal("conv_bench_20251002-170837.json", file.Name);
        Assert.Equal(ArtifactKind.Json, file.Kind);
        Assert.Equal(7, file.Length);
        Assert.Equal(written, file.LastWriteTimeUtc);
        Assert.Equal(DateTimeKind.Utc, file.LastWriteTimeUtc.Kind);
        Assert.Equal(Convert.ToHexString(XxHash128.Hash(Encoding.UTF8.GetBytes("{\"a\":1}"))).ToLowerInvariant(), file.ContentHash);
        Assert.Null(file.DuplicateOf);
        Assert.Equal("conv_bench", file.Family);
        Assert.Equal(new DateTime(2025, 10, 2, 17, 8, 37), file.RunTimestamp);
    }

    [Fact]
    public void HashesLargeFilesAcrossManyBuffers()
    {
        using var tree = new TempTree();
        var content = new byte[(1024 * 1024) + 17];
        new Random(7).NextBytes(content);
        File.WriteAllBytes(tree.Full("big.csv"), content);

        var file = Assert.Single(Files(Walk(tree.Root)));

        Assert.Equal(Convert.ToHexString(XxHash128.Hash(content)).ToLowerInvariant(), file.ContentHash);
    }

    [Fact]
    public void WalksFilesBeforeSubfoldersInOrdinalOrder()
    {
        using var tree = new TempTree();
        tree.File("b/z.csv");
        tree.File("b.csv");
        tree.File("B.csv");
        tree.File("a/y.csv");
        tree.File("a/a/x.csv");
        tree.File("_.csv");

        var paths = Files(Walk(tree.Root)).Select(f => f.RelativePath);

        Assert.Equal(["B.csv", "_.csv", "b.csv", "a/y.csv", "a/a/x.csv", "b/z.csv"], paths);
    }

    [Fact]
    public void DuplicateOfNamesTheFirstFileWithTheSameContentEvenWhenHashedInParallel()
    {
        using var tree = new TempTree();
        for (var i = 0; i < 60; i++)
        {
            tree.File($"d{i:D2}/r.csv", i % 3 == 0 ? "same" : "unique " + i);
        }

        var files = Files(Walk(tree.Root, new InventoryOptions { MaxParallelHashes = 8 }));

        Assert.Equal(60, files.Count);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"d{i:D2}/r.csv"), files.Select(f => f.RelativePath));
        Assert.Null(files[0].DuplicateOf);
        Assert.All(files.Where((_, i) => i % 3 == 0).Skip(1), f => Assert.Equal("d00/r.csv", f.DuplicateOf));
        Assert.All(files.Where((_, i) => i % 3 != 0), f => Assert.Null(f.DuplicateOf));
    }

    [Fact]
    public void DuplicatesAreFoundAcrossRootsWalkedByOneWalker()
    {
        using var tree = new TempTree();
        tree.File("one/a.csv", "same");
        tree.File("two/b.csv", "same");
        var walker = new InventoryWalker();

        var first = Files(walker.Walk(tree.Full("one")));
        var second = Files(walker.Walk(tree.Full("two")));

        Assert.Null(first.Single().DuplicateOf);
        Assert.Equal("a.csv", second.Single().DuplicateOf);
    }

    [Fact]
    public void AFileReachedTwiceIsListedOnce()
    {
        using var tree = new TempTree();
        var path = tree.File("a.csv");
        var walker = new InventoryWalker();

        var entries = walker.Walk(tree.Root).Concat(walker.Walk(path)).ToList();

        Assert.Single(Files(entries));
        Assert.Contains(entries, e => e.Kind == InventoryEntryKind.Notice && e.Message!.Contains("already listed"));
    }

    [Fact]
    public void ASingleFileRootIsRelativeToItsFolder()
    {
        using var tree = new TempTree();
        var path = tree.File("sub/one.md");

        var file = Assert.Single(Files(Walk(path)));

        Assert.Equal("one.md", file.RelativePath);
        Assert.Equal(tree.Full("sub"), file.Root);
    }

    [Fact]
    public void ADirectoryNamedLikeAnArtifactIsAFolder()
    {
        using var tree = new TempTree();
        tree.File("x.json/inner.csv");

        var entries = Walk(tree.Root);

        Assert.Equal(["x.json/inner.csv"], Files(entries).Select(f => f.RelativePath));
        Assert.Empty(Problems(entries));
    }

    [Fact]
    public void NewlinesAndUnicodeInNamesWork()
    {
        using var tree = new TempTree();
        var odd = TempTree.IsUnix ? "line\nbreak.csv" : "line break.csv";
        tree.File(odd, "1");
        tree.File("résultats/日本語_20251002-170837.json", "2");

        var files = Files(Walk(tree.Root));

        Assert.Equal([odd, "résultats/日本語_20251002-170837.json"], files.Select(f => f.RelativePath));
        Assert.Equal("日本語", files[1].Family);
        Assert.True(File.Exists(files[0].FullName));
    }

    [Fact]
    public void SixtyFoldersDeepWork()
    {
        using var tree = new TempTree();
        var relative = string.Join("/", Enumerable.Range(0, 60).Select(i => "d" + i)) + "/deep.csv";
        tree.File(relative);

        Assert.Equal(relative, Assert.Single(Files(Walk(tree.Root))).RelativePath);
    }

    [Fact]
    public void MaxDepthLimitsTheFolderLevels()
    {
        using var tree = new TempTree();
        tree.File("0.csv");
        tree.File("a/1.csv");
        tree.File("a/b/2.csv");

        Assert.Equal(["0.csv"], Files(Walk(tree.Root, new InventoryOptions { MaxDepth = 0 })).Select(f => f.Name));
        Assert.Equal(["0.csv", "1.csv"], Files(Walk(tree.Root, new InventoryOptions { MaxDepth = 1 })).Select(f => f.Name));
        Assert.Equal(3, Files(Walk(tree.Root)).Count);
    }

    [Fact]
    public void KindsAndNameFilterLeaveFilesOutSilently()
    {
        using var tree = new TempTree();
        tree.File("a.csv");
        tree.File("b.json");
        tree.File("draft_c.json");
        tree.File("d.md");
        tree.File("e.txt");

        var entries = Walk(tree.Root, new InventoryOptions
        {
            Kinds = [ArtifactKind.Json, ArtifactKind.Markdown],
            NameFilter = name => !name.StartsWith("draft", StringComparison.Ordinal),
        });

        Assert.Equal(["b.json", "d.md"], Files(entries).Select(f => f.Name));
        Assert.Equal(["e.txt"], entries.Where(e => e.Kind == InventoryEntryKind.Skipped).Select(e => e.RelativePath));
    }

    [Fact]
    public void SinceIsInclusiveAndBeforeExclusive()
    {
        using var tree = new TempTree();
        var t = new DateTime(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        tree.File("old.csv", "1", t.AddDays(-1));
        tree.File("edge.csv", "2", t);
        tree.File("mid.csv", "3", t.AddDays(1));
        tree.File("new.csv", "4", t.AddDays(2));

        var files = Files(Walk(tree.Root, new InventoryOptions { ModifiedSinceUtc = t, ModifiedBeforeUtc = t.AddDays(2) }));

        Assert.Equal(["edge.csv", "mid.csv"], files.Select(f => f.Name));
    }

    [Fact]
    public void HiddenFilesAndFoldersAreLeftOutUnlessAsked()
    {
        using var tree = new TempTree();
        tree.File("a.csv");
        tree.File(".hidden.csv");
        tree.File(".git/objects/pack.json");
        tree.File(".git/notes.txt");

        var entries = Walk(tree.Root);

        Assert.Equal(["a.csv"], Files(entries).Select(f => f.RelativePath));
        Assert.DoesNotContain(entries, e => e.Kind == InventoryEntryKind.Skipped);
        Assert.Equal(tree.Full(".git"), Assert.Single(entries, e => e.Kind == InventoryEntryKind.Notice).Path);

        var all = Walk(tree.Root, new InventoryOptions { IncludeHidden = true });
        Assert.Equal([".hidden.csv", "a.csv", ".git/objects/pack.json"], Files(all).Select(f => f.RelativePath));
        Assert.Equal([".git/notes.txt"], all.Where(e => e.Kind == InventoryEntryKind.Skipped).Select(e => e.RelativePath));
    }

    [Fact]
    public void AHiddenRootIsWalked()
    {
        using var tree = new TempTree();
        tree.File(".cache/a.csv");

        Assert.Equal(["a.csv"], Files(Walk(tree.Full(".cache"))).Select(f => f.RelativePath));
    }

    [Fact]
    public void WithoutHashingNoFileIsRead()
    {
        using var tree = new TempTree();
        tree.File("a.csv", "same");
        tree.File("b.csv", "same");

        var files = Files(Walk(tree.Root, new InventoryOptions { HashContent = false }));

        Assert.All(files, f => Assert.Null(f.ContentHash));
        Assert.All(files, f => Assert.Null(f.DuplicateOf));
    }

    [Fact]
    public void AMissingRootIsOneNotFoundProblem()
    {
        using var tree = new TempTree();
        var missing = tree.Full("nope");

        var entry = Assert.Single(Walk(missing));

        Assert.Equal(InventoryProblemKind.NotFound, entry.Problem!.Kind);
        Assert.Equal(missing, entry.Problem.Path);
        Assert.Contains(missing, entry.Problem.Message);
    }

    [Fact]
    public void AFileLockedByAnotherReaderIsAProblemAndTheWalkGoesOn()
    {
        using var tree = new TempTree();
        tree.File("a.csv", "1");
        var locked = tree.File("b.csv", "2");
        tree.File("c.csv", "3");
        using var holder = new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var entries = Walk(tree.Root);

        Assert.Equal(["a.csv", "c.csv"], Files(entries).Select(f => f.Name));
        var problem = Assert.Single(Problems(entries));
        Assert.Equal(InventoryProblemKind.ReadFailed, problem.Kind);
        Assert.Equal(locked, problem.Path);
        Assert.Contains(locked, problem.Message);
    }

    [Fact]
    public void AnUnreadableFolderIsAProblemAndTheWalkGoesOn()
    {
        if (OperatingSystem.IsWindows() || !TempTree.IsUnix || Environment.UserName == "root")
        {
            return; // root reads any folder: the Pester tests cover this case with the capability dropped
        }

        using var tree = new TempTree();
        tree.File("a.csv");
        var closed = tree.Folder("closed");
        tree.File("closed/b.csv");
        tree.File("z/c.csv");
        File.SetUnixFileMode(closed, UnixFileMode.None);
        try
        {
            var entries = Walk(tree.Root);

            Assert.Equal(["a.csv", "c.csv"], Files(entries).Select(f => f.Name));
            Assert.Equal(InventoryProblemKind.AccessDenied, Assert.Single(Problems(entries)).Kind);
        }
        finally
        {
            File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void AFileThatVanishesMidWalkIsAProblemAndTheWalkGoesOn()
    {
        using var tree = new TempTree();
        tree.File("a.csv");
        var doomed = tree.File("b.csv");
        tree.File("c.csv");
        var options = new InventoryOptions
        {
            NameFilter = name =>
            {
                if (name == "b.csv")
                {
                    File.Delete(doomed); // listed, then gone before it is examined
                }

                return true;
            },
        };

        var entries = Walk(tree.Root, options);

        Assert.Equal(["a.csv", "c.csv"], Files(entries).Select(f => f.Name));
        var problem = Assert.Single(Problems(entries));
        Assert.Equal(InventoryProblemKind.Vanished, problem.Kind);
        Assert.Equal(doomed, problem.Path);
    }

    [Fact]
    public void AFolderThatVanishesMidWalkIsAProblemAndTheWalkGoesOn()
    {
        using var tree = new TempTree();
        tree.File("a.csv");
        tree.File("gone/b.csv");
        tree.File("kept/c.csv");
        var options = new InventoryOptions
        {
            NameFilter = name =>
            {
                if (name == "a.csv")
                {
                    Directory.Delete(tree.Full("gone"), recursive: true); // listed with its parent, gone before it is entered
                }

                return true;
            },
        };

        var entries = Walk(tree.Root, options);

        Assert.Equal(["a.csv", "c.csv"], Files(entries).Select(f => f.Name));
        var problem = Assert.Single(Problems(entries));
        Assert.Equal(InventoryProblemKind.Vanished, problem.Kind);
        Assert.Equal(tree.Full("gone"), problem.Path);
    }

    [Fact]
    public void AFifoNamedLikeAnArtifactIsNeverOpened()
    {
        if (!TempTree.IsUnix)
        {
            return;
        }

        using var tree = new TempTree();
        tree.File("a.csv");
        var fifo = tree.Fifo("pipe.csv");
        tree.File("z.csv");

        // Opening the FIFO would block this test for ever: the walk finishing is the proof.
        var entries = Walk(tree.Root);

        Assert.Equal(["a.csv", "z.csv"], Files(entries).Select(f => f.Name));
        var problem = Assert.Single(Problems(entries));
        Assert.Equal(InventoryProblemKind.NotARegularFile, problem.Kind);
        Assert.Equal(fifo, problem.Path);
        Assert.Contains("FIFO", problem.Message);
    }

    [Fact]
    public void ADeviceNamedAsARootIsNeverOpened()
    {
        if (!TempTree.IsUnix)
        {
            return;
        }

        var entry = Assert.Single(Walk("/dev/null"));

        Assert.Equal(InventoryProblemKind.NotARegularFile, entry.Problem!.Kind);
        Assert.Contains("character device", entry.Problem.Message);
    }

    [Fact]
    public void ADanglingLinkIsAProblemAndTheWalkGoesOn()
    {
        if (!TempTree.IsUnix)
        {
            return;
        }

        using var tree = new TempTree();
        tree.File("a.csv");
        var dangling = tree.Link("broken.json", tree.Full("nowhere.json"));
        var danglingOther = tree.Link("broken", tree.Full("nowhere"));

        var entries = Walk(tree.Root);

        Assert.Equal(["a.csv"], Files(entries).Select(f => f.Name));
        Assert.Equal([danglingOther, dangling], Problems(entries).Select(p => p.Path));
        Assert.All(Problems(entries), p => Assert.Equal(InventoryProblemKind.DanglingLink, p.Kind));
        Assert.Equal(InventoryProblemKind.DanglingLink, Assert.Single(Walk(dangling)).Problem!.Kind);
    }

    [Fact]
    public void FileLinksAreReadWithTheirTargetsContent()
    {
        if (!TempTree.IsUnix)
        {
            return;
        }

        using var tree = new TempTree();
        tree.File("data/real.csv", "0123456789");
        tree.Link("alias.csv", tree.Full("data/real.csv"));

        var files = Files(Walk(tree.Root));

        var alias = files.Single(f => f.Name == "alias.csv");
        Assert.Equal(10, alias.Length);
        Assert.Equal(tree.Full("alias.csv"), alias.FullName);
        Assert.Null(alias.DuplicateOf);
        Assert.Equal("alias.csv", files.Single(f => f.Name == "real.csv").DuplicateOf);
    }

    [Fact]
    public void FolderLinksAreNotEnteredUnlessAsked()
    {
        if (!TempTree.IsUnix)
        {
            return;
        }

        using var tree = new TempTree();
        tree.File("data/a.csv");
        var link = tree.Link("mirror", tree.Full("data"));

        var entries = Walk(tree.Root);

        Assert.Equal(["data/a.csv"], Files(entries).Select(f => f.RelativePath));
        var notice = Assert.Single(entries, e => e.Kind == InventoryEntryKind.Notice);
        Assert.Equal(link, notice.Path);
        Assert.Empty(Problems(entries));

        var followed = Files(Walk(tree.Root, new InventoryOptions { FollowSymlinks = true }));
        Assert.Equal(["data/a.csv", "mirror/a.csv"], followed.Select(f => f.RelativePath));
        Assert.Equal("data/a.csv", followed[1].DuplicateOf);
    }

    [Fact]
    public void FollowingLinksDetectsLoops()
    {
        if (!TempTree.IsUnix)
        {
            return;
        }

        using var tree = new TempTree();
        tree.File("a/b/x.csv");
        var loop = tree.Link("a/b/up", tree.Full("a"));
        var self = tree.Link("a/self", ".");

        var entries = Walk(tree.Root, new InventoryOptions { FollowSymlinks = true });

        Assert.Equal(["a/b/x.csv"], Files(entries).Select(f => f.RelativePath));
        Assert.Equal([loop, self], Problems(entries).Select(p => p.Path));
        Assert.All(Problems(entries), p => Assert.Equal(InventoryProblemKind.LinkLoop, p.Kind));
    }

    [Fact]
    public void CancellingStopsTheWalk()
    {
        using var tree = new TempTree();
        for (var i = 0; i < 50; i++)
        {
            tree.File($"f{i:D2}.csv", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var cancel = new CancellationTokenSource();
        var seen = 0;
        var walker = new InventoryWalker();

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var unused in walker.Walk(tree.Root, cancel.Token))
            {
                if (++seen == 3)
                {
                    cancel.Cancel();
                }
            }
        });
        Assert.Equal(3, seen);
    }

    [Fact]
    public void AnEmptyFileIsHashedButTwoAreNotDuplicates()
    {
        // Empty files copy nothing: each is reported as empty in its own right when read.
        using var tree = new TempTree();
        tree.File("a.csv", "");
        tree.File("b.csv", "");

        var files = Files(Walk(tree.Root));

        Assert.Equal(ContentHasher.EmptyHash, files[0].ContentHash);
        Assert.Equal(ContentHasher.EmptyHash, files[1].ContentHash);
        Assert.Null(files[1].DuplicateOf);
    }
}
