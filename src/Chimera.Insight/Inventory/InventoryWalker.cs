using System.Runtime.InteropServices;

namespace Chimera.Insight.Inventory;

/// <summary>
/// Walks folders for benchmark artifacts and yields, in a fixed order, one <see cref="InventoryEntry"/>
/// per artifact found, file passed over, problem or notice. The order is deterministic: within each
/// folder its files come first, sorted ordinally by name, then its subfolders, each walked in turn.
/// Files are hashed on worker threads (an <see cref="OrderedParallelReader{TIn, TOut}"/>), ahead of the caller, but entries are yielded on
/// the caller's thread in walk order, so a cmdlet can write them directly. Nothing is held per file but
/// its path (to skip a file reached twice) and the first path of each content hash (for
/// <see cref="BenchmarkFile.DuplicateOf"/>), both kept across <see cref="Walk"/> calls on one instance.
/// </summary>
public sealed class InventoryWalker
{
    private static readonly StringComparer PathComparer =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly InventoryOptions options;
    private readonly int window;
    private readonly int degree = Math.Max(4, Environment.ProcessorCount);
    private readonly Dictionary<string, KeptRelativePath> firstPathByHash = new(StringComparer.Ordinal);
    private readonly HashSet<string> listed = new(PathComparer);
    private readonly RunNaming.FolderRuns folderRuns = new();

    public InventoryWalker(InventoryOptions? options = null)
    {
        this.options = options ?? new InventoryOptions();
        window = this.options.MaxParallelHashes > 0 ? this.options.MaxParallelHashes : Math.Max(32, 16 * Environment.ProcessorCount);
    }

    /// <summary>
    /// Walks one root: a folder (recursively, as the options say) or a single file (its folder is then the root).
    /// A root that does not exist yields one <see cref="InventoryProblemKind.NotFound"/> problem. Cancelling the
    /// token stops the walk promptly with an <see cref="OperationCanceledException"/>.
    /// </summary>
    public IEnumerable<InventoryEntry> Walk(string path, CancellationToken cancellationToken = default)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        return WalkOrdered(path, cancellationToken);
    }

    private IEnumerable<InventoryEntry> WalkOrdered(string path, CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hashing = new OrderedParallelReader<PendingEntry, PendingEntry>(Hash, degree, stop.Token, window);
        InventoryEntry? current = null;
        try
        {
            foreach (var next in Discover(path, stop.Token))
            {
                foreach (var done in next.File is null ? hashing.AddDone(next) : hashing.Add(next))
                {
                    current = Complete(done, stop.Token);
                    yield return current;
                    Withdraw(current);
                }
            }

            foreach (var done in hashing.Complete())
            {
                current = Complete(done, stop.Token);
                yield return current;
                Withdraw(current);
            }
        }
        finally
        {
            // Stops the workers still reading when the caller leaves early or is cancelled.
            stop.Cancel();
            stop.Dispose();
            if (current is not null)
            {
                Withdraw(current);
            }
        }
    }

    private static PendingEntry Hash(PendingEntry entry, CancellationToken cancellationToken)
    {
        entry.HashFile(cancellationToken);
        return entry;
    }

    /// <summary>Once the caller asks for the next entry, whoever wanted this file's bytes has taken them.</summary>
    private static void Withdraw(InventoryEntry entry) => entry.File?.TakeContent();

    private InventoryEntry Complete(PendingEntry next, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (next.File is not { } file)
        {
            return next.Ready!;
        }

        if (next.Error is OperationCanceledException canceled)
        {
            throw canceled;
        }

        if (next.Error is not null)
        {
            return InventoryEntry.Failed(ProblemFromException(file.FullName, next.Error), file.RelativePath);
        }

        Record(file, next.Hash!);
        file.LendContent(next.Content);
        return InventoryEntry.Found(file);
    }

    private void Record(BenchmarkFile file, string hash)
    {
        file.ContentHash = hash;
        // Empty files share a hash but copy nothing: each is reported as empty in its own right.
        if (file.Length == 0)
        {
            return;
        }

        if (firstPathByHash.TryGetValue(hash, out var first))
        {
            file.DuplicateOf = first.Text;
        }
        else
        {
            firstPathByHash.Add(hash, KeptRelativePath.Of(file));
        }
    }

    private IEnumerable<PendingEntry> Discover(string path, CancellationToken cancellationToken)
    {
        string full;
        try
        {
            full = TrimSeparator(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            full = path;
        }

        var node = FileNode.Probe(full, followLinks: true);
        switch (node.Type)
        {
            case FileNodeType.Directory:
                foreach (var next in WalkTree(full, cancellationToken))
                {
                    yield return next;
                }

                break;
            case FileNodeType.Regular:
                var single = Candidate(new FileInfo(full), Path.GetDirectoryName(full) ?? full, Path.GetFileName(full), cancellationToken);
                if (single is not null)
                {
                    yield return single;
                }

                break;
            case FileNodeType.Missing:
                var problem = FileNode.Probe(full, followLinks: false).Type == FileNodeType.SymbolicLink
                    ? new InventoryProblem(InventoryProblemKind.DanglingLink, full, InventoryMessages.DanglingLink(full))
                    : new InventoryProblem(InventoryProblemKind.NotFound, full, InventoryMessages.NotFound(full));
                yield return PendingEntry.Of(InventoryEntry.Failed(problem, null));
                break;
            case FileNodeType.Inaccessible:
                yield return PendingEntry.Of(InventoryEntry.Failed(
                    new InventoryProblem(InventoryProblemKind.AccessDenied, full, InventoryMessages.AccessDenied(full, node.Error ?? "")), null));
                break;
            default:
                yield return PendingEntry.Of(InventoryEntry.Failed(
                    new InventoryProblem(InventoryProblemKind.NotARegularFile, full, InventoryMessages.NotARegularFile(full, InventoryMessages.TypeName(node.Type))),
                    Path.GetFileName(full)));
                break;
        }
    }

    private IEnumerable<PendingEntry> WalkTree(string root, CancellationToken cancellationToken)
    {
        var folders = new Stack<Folder>();
        var rootChain = options.FollowSymlinks ? new Ancestor(FileNode.RealPath(root) ?? root, null) : null;
        folders.Push(new Folder(new DirectoryInfo(root), "", 0, rootChain, null));
        while (folders.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = folders.Pop();
            if (folder.Instead is not null)
            {
                yield return PendingEntry.Of(folder.Instead);
                continue;
            }

            var entries = List(folder, out var listProblem);
            if (listProblem is not null)
            {
                yield return PendingEntry.Of(InventoryEntry.Failed(listProblem, NullIfEmpty(folder.RelativePath)));
                continue;
            }

            var subfolders = new List<DirectoryInfo>();
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!options.IncludeHidden && IsHidden(entry))
                {
                    if (entry is DirectoryInfo)
                    {
                        var relative = Combine(folder.RelativePath, entry.Name);
                        yield return PendingEntry.Of(InventoryEntry.Notify(entry.FullName, relative, InventoryMessages.HiddenNotEntered(entry.FullName)));
                    }

                    continue;
                }

                if (entry is DirectoryInfo subfolder)
                {
                    subfolders.Add(subfolder);
                    continue;
                }

                var next = Candidate((FileInfo)entry, root, Combine(folder.RelativePath, entry.Name), cancellationToken);
                if (next is not null)
                {
                    yield return next;
                }
            }

            if (options.MaxDepth is int maxDepth && folder.Depth >= maxDepth)
            {
                continue;
            }

            for (var i = subfolders.Count - 1; i >= 0; i--)
            {
                folders.Push(Enter(folder, subfolders[i]));
            }
        }
    }

    private static List<FileSystemInfo> List(Folder folder, out InventoryProblem? problem)
    {
        problem = null;
        var directory = folder.Directory!;
        var path = directory.FullName;
        try
        {
            var entries = directory.EnumerateFileSystemInfos().ToList();
            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return entries;
        }
        catch (DirectoryNotFoundException)
        {
            problem = new InventoryProblem(InventoryProblemKind.Vanished, path, InventoryMessages.Vanished(path));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or System.Security.SecurityException)
        {
            problem = new InventoryProblem(InventoryProblemKind.AccessDenied, path, InventoryMessages.AccessDenied(path, e.Message), e);
        }
        catch (IOException e)
        {
            problem = new InventoryProblem(InventoryProblemKind.ReadFailed, path, InventoryMessages.ReadFailed(path, e.Message), e);
        }

        return [];
    }

    private Folder Enter(Folder parent, DirectoryInfo directory)
    {
        var relative = Combine(parent.RelativePath, directory.Name);
        var full = directory.FullName;
        var isLink = FileNode.Probe(full, followLinks: false).Type == FileNodeType.SymbolicLink;
        if (isLink && !options.FollowSymlinks)
        {
            return Folder.Deferred(InventoryEntry.Notify(full, relative, InventoryMessages.LinkNotFollowed(full)));
        }

        Ancestor? chain = null;
        if (parent.Chain is not null)
        {
            var real = isLink ? FileNode.RealPath(full) : parent.Chain.RealPath.TrimEnd('/', '\\') + Path.DirectorySeparatorChar + directory.Name;
            if (real is null)
            {
                return Folder.Deferred(InventoryEntry.Failed(
                    new InventoryProblem(InventoryProblemKind.DanglingLink, full, InventoryMessages.DanglingLink(full)), relative));
            }

            if (parent.Chain.Contains(real))
            {
                return Folder.Deferred(InventoryEntry.Failed(
                    new InventoryProblem(InventoryProblemKind.LinkLoop, full, InventoryMessages.LinkLoop(full, real)), relative));
            }

            chain = new Ancestor(real, parent.Chain);
        }

        return new Folder(directory, relative, parent.Depth + 1, chain, null);
    }

    private PendingEntry? Candidate(FileInfo file, string root, string relativePath, CancellationToken cancellationToken)
    {
        var name = file.Name;
        var full = file.FullName;
        if (options.NameFilter is not null && !options.NameFilter(name))
        {
            return null;
        }

        var kind = ArtifactKinds.FromFileName(full);
        if (kind is null)
        {
            return PendingEntry.Of(IsDanglingLink(full)
                ? InventoryEntry.Failed(new InventoryProblem(InventoryProblemKind.DanglingLink, full, InventoryMessages.DanglingLink(full)), relativePath)
                : InventoryEntry.Skip(full, relativePath));
        }

        if (options.Kinds is { Count: > 0 } kinds && !kinds.Contains(kind.Value))
        {
            return null;
        }

        var listedAsRegular = ListedAsRegular(file);
        var node = listedAsRegular ? new FileNodeInfo(FileNodeType.Regular) : FileNode.Probe(full, followLinks: true);
        switch (node.Type)
        {
            case FileNodeType.Regular:
                break;
            case FileNodeType.Directory:
                return null; // replaced by a folder since it was listed
            case FileNodeType.Missing:
                return Problem(IsDanglingLink(full)
                    ? new InventoryProblem(InventoryProblemKind.DanglingLink, full, InventoryMessages.DanglingLink(full))
                    : new InventoryProblem(InventoryProblemKind.Vanished, full, InventoryMessages.Vanished(full)), relativePath);
            case FileNodeType.Inaccessible:
                return Problem(new InventoryProblem(InventoryProblemKind.AccessDenied, full, InventoryMessages.AccessDenied(full, node.Error ?? "")), relativePath);
            default:
                return Problem(new InventoryProblem(
                    InventoryProblemKind.NotARegularFile, full, InventoryMessages.NotARegularFile(full, InventoryMessages.TypeName(node.Type))), relativePath);
        }

        long length;
        DateTime lastWrite;
        try
        {
            // The listing already holds a file's size and time. It describes a link itself, though; a link to a
            // file is read, so its target is what counts. (Attributes costs a system call on Unix: asked once.)
            var target = file;
            if (!listedAsRegular && (file.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                target = new FileInfo(FileNode.RealPath(full) ?? full);
                target.Refresh();
            }

            length = target.Length;
            lastWrite = target.LastWriteTimeUtc;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Problem(ProblemFromException(full, e), relativePath);
        }

        if ((options.ModifiedSinceUtc is DateTime since && lastWrite < since) ||
            (options.ModifiedBeforeUtc is DateTime before && lastWrite >= before))
        {
            return null;
        }

        if (!listed.Add(full))
        {
            return PendingEntry.Of(InventoryEntry.Notify(full, relativePath, InventoryMessages.AlreadyListed(full)));
        }

        var runName = RunNaming.Describe(full, folderRuns);
        var found = new BenchmarkFile
        {
            FullName = full,
            RelativePath = relativePath,
            Root = root,
            Name = name,
            Kind = kind.Value,
            Length = length,
            LastWriteTimeUtc = lastWrite,
            Family = runName.Family,
            RunTimestamp = runName.RunTimestamp,
        };

        if (!options.HashContent)
        {
            return PendingEntry.Of(InventoryEntry.Found(found));
        }

        if (length == 0 && !FileNode.IsTypeKnown)
        {
            // Without a file type, an empty "file" might be a FIFO: never open it.
            Record(found, ContentHasher.EmptyHash);
            return PendingEntry.Of(InventoryEntry.Found(found));
        }

        return PendingEntry.ToHash(found);
    }

    /// <summary>True for a file the folder listing saw with content and not as a link: a regular file, known without
    /// asking again (FIFOs, sockets and devices have no size). Anything else is examined before it is opened.</summary>
    private static bool ListedAsRegular(FileInfo file)
    {
        try
        {
            return (file.Attributes & FileAttributes.ReparsePoint) == 0 && file.Length > 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // Hidden as Get-ChildItem sees it: a name starting with '.' on Unix, the Hidden attribute on Windows.
    private static bool IsHidden(FileSystemInfo entry)
    {
        if (entry.Name.StartsWith(".", StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            return RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && (entry.Attributes & FileAttributes.Hidden) != 0;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static PendingEntry Problem(InventoryProblem problem, string relativePath) =>
        PendingEntry.Of(InventoryEntry.Failed(problem, relativePath));

    private static bool IsDanglingLink(string path) =>
        FileNode.Probe(path, followLinks: false).Type == FileNodeType.SymbolicLink &&
        FileNode.Probe(path, followLinks: true).Type == FileNodeType.Missing;

    private static InventoryProblem ProblemFromException(string path, Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException =>
            new InventoryProblem(InventoryProblemKind.Vanished, path, InventoryMessages.Vanished(path), e),
        UnauthorizedAccessException or System.Security.SecurityException =>
            new InventoryProblem(InventoryProblemKind.AccessDenied, path, InventoryMessages.AccessDenied(path, e.Message), e),
        _ => new InventoryProblem(InventoryProblemKind.ReadFailed, path, InventoryMessages.ReadFailed(path, e.Message), e),
    };

    private static string Combine(string relative, string name) => relative.Length == 0 ? name : relative + "/" + name;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string TrimSeparator(string path)
    {
        var trimmed = path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return trimmed.Length == 0 || trimmed.EndsWith(":", StringComparison.Ordinal) ? path : trimmed;
    }

    private sealed class Folder
    {
        public Folder(DirectoryInfo? directory, string relativePath, int depth, Ancestor? chain, InventoryEntry? instead)
        {
            Directory = directory;
            RelativePath = relativePath;
            Depth = depth;
            Chain = chain;
            Instead = instead;
        }

        /// <summary>The folder to list; null when <see cref="Instead"/> is reported in its place.</summary>
        public DirectoryInfo? Directory { get; }

        public string RelativePath { get; }

        public int Depth { get; }

        /// <summary>The real paths of this folder and those above it (only when following links).</summary>
        public Ancestor? Chain { get; }

        /// <summary>Set for a folder that is not entered: what to report in its place, in walk order.</summary>
        public InventoryEntry? Instead { get; }

        public static Folder Deferred(InventoryEntry instead) => new(null, "", 0, null, instead);
    }

    private sealed class Ancestor
    {
        public Ancestor(string realPath, Ancestor? parent)
        {
            RealPath = realPath;
            Parent = parent;
        }

        public string RealPath { get; }

        public Ancestor? Parent { get; }

        public bool Contains(string realPath)
        {
            for (var node = this; node is not null; node = node.Parent)
            {
                if (PathComparer.Equals(node.RealPath, realPath))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class PendingEntry
    {
        public InventoryEntry? Ready { get; private set; }

        /// <summary>A file to hash.</summary>
        public BenchmarkFile? File { get; private set; }

        // Set by the worker that hashes the file, before the reader hands the entry back.
        public string? Hash { get; private set; }

        public Exception? Error { get; private set; }

        /// <summary>The file's bytes when it is small enough to keep (<see cref="ContentHasher.KeptContentLimit"/>).</summary>
        public byte[]? Content { get; private set; }

        public static PendingEntry Of(InventoryEntry entry) => new() { Ready = entry };

        public static PendingEntry ToHash(BenchmarkFile file) => new() { File = file };

        /// <summary>Never throws: a failure travels back to the caller's thread as <see cref="Error"/>.</summary>
        public void HashFile(CancellationToken cancellationToken)
        {
            try
            {
                Hash = ContentHasher.HashFile(File!.FullName, out var content, cancellationToken);
                Content = content;
            }
            catch (Exception e)
            {
                Error = e;
            }
        }
    }
}
