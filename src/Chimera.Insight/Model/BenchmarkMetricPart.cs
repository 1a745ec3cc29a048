namespace Chimera.Insight;

/// <summary>How a <see cref="BenchmarkMetricPart"/> carries what percentiles and the Mann-Whitney test need.</summary>
public enum PartEncoding
{
    /// <summary>Every value, losslessly compressed: merged percentiles and tests are exactly those of one run.</summary>
    Values,
    /// <summary>A DDSketch of the values (groups larger than <see cref="BenchmarkMetricPart.ValueLimit"/>): merged
    /// percentiles are within <see cref="BenchmarkMetricPart.SketchRelativeError"/> relative.</summary>
    Sketch,
}

/// <summary>One group's statistics as Measure-BenchmarkMetrics -Partial emits them where the files are: what merges
/// exactly into the figures one run over all the files gives. The group keys, Count, FailedCount and Mean are there to
/// read; everything else (cold count, sum of squared deviations, extremes, latest time, configuration parts, error
/// texts, repeats left out, and per source its counts and values, or a sketch) is in <see cref="Payload"/>, compact
/// so that remoting ships little. Sources are numbers into the <see cref="BenchmarkPartialRun"/> of the same
/// <see cref="RunId"/>.</summary>
public sealed class BenchmarkMetricPart
{
    /// <summary>Values a group ships one by one; a larger group ships a sketch.</summary>
    public const int ValueLimit = 65536;
    /// <summary>The sketch's relative accuracy: a sketched percentile is within this fraction of the exact one.</summary>
    public const double SketchRelativeError = 0.005;

    /// <summary>The -Partial run this part came from (one per Measure-BenchmarkMetrics -Partial call).</summary>
    public string RunId { get; set; } = "";
    public string Metric { get; set; } = "";
    public string Unit { get; set; } = "";
    public MetricOrigin Origin { get; set; }
    public string? Statistic { get; set; }
    public string? Model { get; set; }
    public string? Backend { get; set; }
    public string? Configuration { get; set; }
    public Phase? Phase { get; set; }
    public string? Prompt { get; set; }
    public string? Source { get; set; }
    public int Count { get; set; }
    public int FailedCount { get; set; }
    public double? Mean { get; set; }
    public PartEncoding Encoding { get; set; }
    /// <summary>Base64 of the Deflate-compressed rest: the values (sorted and delta-coded per source, lossless) with
    /// <see cref="PartEncoding.Values"/>, a DDSketch with <see cref="PartEncoding.Sketch"/>.</summary>
    public string Payload { get; set; } = "";

    public override string ToString() => $"{Metric} {Model} {Configuration} {Phase}: part n={Count} ({Encoding})";
}

/// <summary>What one Measure-BenchmarkMetrics -Partial run shares among its parts, emitted once before them: the
/// sources (with their content hash and record fingerprints, so that the same run found on two servers counts once)
/// and the inventory summary.</summary>
public sealed class BenchmarkPartialRun
{
    public string RunId { get; set; } = "";
    /// <summary>The machine that measured it (replaced, when merging, by the PSComputerName remoting adds).</summary>
    public string ComputerName { get; set; } = "";
    /// <summary>How many sources the run counted.</summary>
    public int SourceCount { get; set; }
    /// <summary>Base64 of the Deflate-compressed source table: each source's path, content hash and record
    /// fingerprints (so that the same run found on two servers counts once).</summary>
    public string SourceTable { get; set; } = "";
    /// <summary>How many parts the run emitted (the merge says when some did not arrive).</summary>
    public int PartCount { get; set; }
    public BenchmarkInventorySummary? Inventory { get; set; }

    public override string ToString() => $"{ComputerName}: {SourceCount} sources, {PartCount} parts";
}
