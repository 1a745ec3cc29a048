namespace Chimera.Insight.Extraction;

/// <summary>Reads one benchmark artifact into samples. (Interface agreed between the extraction and
/// statistics work; the extraction work fills in the body.)</summary>
public static class ArtifactReader
{
    /// <summary>Reads every sample the file holds. Problems never throw: each becomes an
    /// <see cref="ExtractionError"/> and the rest of the file is still read where the format allows.</summary>
    public static ExtractionResult Read(string path, ArtifactKind kind, ExtractionOptions? options = null)
        => throw new NotImplementedException();
}

public sealed class ExtractionOptions
{
    /// <summary>Files larger than this are skipped with an error rather than read.</summary>
    public long MaxFileSize { get; set; } = 256L * 1024 * 1024;
}

public sealed class ExtractionResult
{
    public List<BenchmarkSample> Samples { get; } = [];
    public List<ExtractionError> Errors { get; } = [];
}

/// <summary>A problem with one file, row, line or position: named so that a person can find it.</summary>
public sealed class ExtractionError
{
    public string Source { get; set; } = "";
    /// <summary>Row, line, JSON path or byte position, when known.</summary>
    public string? Location { get; set; }
    public string Reason { get; set; } = "";
    public override string ToString() => Location is null ? $"{Source}: {Reason}" : $"{Source} ({Location}): {Reason}";
}
