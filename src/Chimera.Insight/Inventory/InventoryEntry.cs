namespace Chimera.Insight.Inventory;

/// <summary>What one step of an inventory walk found.</summary>
public enum InventoryEntryKind
{
    /// <summary>A benchmark artifact: <see cref="InventoryEntry.File"/> is set.</summary>
    File,

    /// <summary>A file that is not a benchmark artifact (by its extension), passed over.</summary>
    Skipped,

    /// <summary>Something that could not be read: <see cref="InventoryEntry.Problem"/> is set. The walk goes on.</summary>
    Problem,

    /// <summary>Worth telling but not wrong (a folder link not followed, a file reached twice): <see cref="InventoryEntry.Message"/>.</summary>
    Notice,
}

/// <summary>What went wrong with one path.</summary>
public enum InventoryProblemKind
{
    /// <summary>A root path that does not exist.</summary>
    NotFound,

    /// <summary>A file or folder the operating system refuses to read or list.</summary>
    AccessDenied,

    /// <summary>A link whose target does not exist.</summary>
    DanglingLink,

    /// <summary>A file or folder that disappeared between being listed and being read.</summary>
    Vanished,

    /// <summary>A FIFO, device or socket with an artifact's name: never opened.</summary>
    NotARegularFile,

    /// <summary>A folder link leading back to a folder above it (only with <see cref="InventoryOptions.FollowSymlinks"/>).</summary>
    LinkLoop,

    /// <summary>Any other input/output failure.</summary>
    ReadFailed,
}

/// <summary>A problem with one path, named so that a person can find it.</summary>
public sealed class InventoryProblem
{
    public InventoryProblem(InventoryProblemKind kind, string path, string message, Exception? exception = null)
    {
        Kind = kind;
        Path = path;
        Message = message;
        Exception = exception;
    }

    public InventoryProblemKind Kind { get; }

    /// <summary>The full path of the file or folder.</summary>
    public string Path { get; }

    /// <summary>A sentence naming the path and the reason.</summary>
    public string Message { get; }

    /// <summary>The exception behind it, when there is one.</summary>
    public Exception? Exception { get; }

    public override string ToString() => Message;
}

/// <summary>One result of <see cref="InventoryWalker.Walk"/>, in walk order.</summary>
public sealed class InventoryEntry
{
    private InventoryEntry(InventoryEntryKind kind, string path, string? relativePath)
    {
        Kind = kind;
        Path = path;
        RelativePath = relativePath;
    }

    public InventoryEntryKind Kind { get; }

    /// <summary>The full path the entry is about.</summary>
    public string Path { get; }

    /// <summary>The path relative to its root with '/' separators (null for a problem with a root itself).</summary>
    public string? RelativePath { get; }

    public BenchmarkFile? File { get; private set; }

    public InventoryProblem? Problem { get; private set; }

    public string? Message { get; private set; }

    internal static InventoryEntry Found(BenchmarkFile file) =>
        new(InventoryEntryKind.File, file.FullName, file.RelativePath) { File = file };

    internal static InventoryEntry Skip(string path, string relativePath) =>
        new(InventoryEntryKind.Skipped, path, relativePath);

    internal static InventoryEntry Failed(InventoryProblem problem, string? relativePath) =>
        new(InventoryEntryKind.Problem, problem.Path, relativePath) { Problem = problem, Message = problem.Message };

    internal static InventoryEntry Notify(string path, string? relativePath, string message) =>
        new(InventoryEntryKind.Notice, path, relativePath) { Message = message };

    public override string ToString() => Kind switch
    {
        InventoryEntryKind.File => $"File: {RelativePath}",
        InventoryEntryKind.Skipped => $"Skipped: {RelativePath}",
        _ => $"{Kind}: {Message}",
    };
}
