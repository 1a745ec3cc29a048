namespace Chimera.Insight;

/// <summary>One benchmark artifact found by the inventory.</summary>
public sealed class BenchmarkFile
{
    public string FullName { get; set; } = "";
    /// <summary>Path relative to <see cref="Root"/>, with '/' separators.</summary>
    public string RelativePath { get; set; } = "";
    public string Root { get; set; } = "";
    public string Name { get; set; } = "";
    public ArtifactKind Kind { get; set; }
    public long Length { get; set; }
    public DateTime LastWriteTimeUtc { get; set; }
    /// <summary>XxHash128 of the content, lower-case hex.</summary>
    public string? ContentHash { get; set; }
    /// <summary>RelativePath of the first file with identical content, else null.</summary>
    public string? DuplicateOf { get; set; }
    /// <summary>The name with run timestamps and ids removed (conv_bench_20251002-170837.json -> conv_bench).</summary>
    public string Family { get; set; } = "";
    public DateTime? RunTimestamp { get; set; }

    /// <summary>The bytes the inventory read to hash the file, lent while the file is the inventory's current output:
    /// a consumer in the same pipeline (<see cref="Statistics.MeasurementSession.AddFile"/>) takes them instead of
    /// reading the file again. The inventory withdraws them before it moves on, so they are never held longer.</summary>
    private byte[]? lentContent;

    internal void LendContent(byte[]? content) => lentContent = content;

    /// <summary>The lent bytes, once: null when none are lent (any more).</summary>
    internal byte[]? TakeContent() => Interlocked.Exchange(ref lentContent, null);

    public override string ToString() => FullName;
}
