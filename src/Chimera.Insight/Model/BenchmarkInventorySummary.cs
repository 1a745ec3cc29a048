namespace Chimera.Insight;

/// <summary>What an inventory found: the seed's "Data Ingestion Summary", but true.</summary>
public sealed class BenchmarkInventorySummary
{
    public string[] Roots { get; set; } = [];
    public int FileCount { get; set; }
    public long TotalBytes { get; set; }
    public KindSummary[] Kinds { get; set; } = [];
    public DuplicateGroup[] DuplicateGroups { get; set; } = [];
    public FamilyCount[] Families { get; set; } = [];
    /// <summary>Files passed over because their kind is not a benchmark artifact.</summary>
    public int SkippedCount { get; set; }
    public string[] Skipped { get; set; } = [];
    public DateTime? LatestModifiedUtc { get; set; }
    /// <summary>The computers whose partial results were merged (Measure-BenchmarkMetrics -Partial); empty otherwise.</summary>
    public string[] ComputerNames { get; set; } = [];
    /// <summary>Computers named in -ExpectedComputerName that sent no partial results: their files are not counted.</summary>
    public string[] MissingComputerNames { get; set; } = [];
    /// <summary>Seconds Measure-BenchmarkMetrics spent finding and reading the files (null when not measured).</summary>
    public double? IngestSeconds { get; set; }
    /// <summary>Seconds Measure-BenchmarkMetrics spent on statistics and findings (null when not measured).</summary>
    public double? AnalysisSeconds { get; set; }

    /// <summary>"12 files (3 Csv, 9 Json), 48213 bytes": what a table cell or a CSV column shows.</summary>
    public override string ToString() =>
        $"{FileCount} files" + (Kinds.Length > 0 ? " (" + string.Join(", ", Kinds.Select(k => k.ToString())) + ")" : "") + $", {TotalBytes} bytes";
}

public sealed class KindSummary
{
    public ArtifactKind Kind { get; set; }
    public int Count { get; set; }
    /// <summary>Share of all files, percent.</summary>
    public double SharePercent { get; set; }
    public long Bytes { get; set; }
    public DateTime? LatestModifiedUtc { get; set; }
    /// <summary>The first few relative paths of this kind, sorted, for a report's data summary ("... and N more").</summary>
    public string[] FirstFiles { get; set; } = [];
    public override string ToString() => $"{Count} {Kind}";
}

public sealed class DuplicateGroup
{
    public string ContentHash { get; set; } = "";
    /// <summary>Relative paths, the first one being the original.</summary>
    public string[] Files { get; set; } = [];
    public override string ToString() => string.Join(" = ", Files);
}

public sealed class FamilyCount
{
    public string Family { get; set; } = "";
    public int Count { get; set; }
    public override string ToString() => $"{Family} ({Count})";
}
