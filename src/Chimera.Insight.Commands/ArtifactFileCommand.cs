using System.Management.Automation;
using Chimera.Insight.Commands.Input;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Commands;

/// <summary>
/// The cmdlets that read artifacts themselves (Get-BenchmarkSample, Get-BenchmarkRecord): the same parameters, the same
/// files taken the same way (<see cref="ArtifactFileReader"/>); each emits its own view of what a file holds.
/// </summary>
public abstract class ArtifactFileCommand : PSCmdlet
{
    private protected const string PathSet = "Path";
    private protected const string LiteralPathSet = "LiteralPath";

    /// <summary>Files to read; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>Files to read, taken as written (no wildcards).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Csv, Json or Markdown; by default taken from the extension.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArtifactKindCompleter))]
    public string? Kind { get; set; }

    /// <summary>Only what holds a metric whose name matches one of these wildcard patterns.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(MetricNameCompleter))]
    public string[]? Metric { get; set; }

    /// <summary>Files larger than this many bytes are skipped with an error.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long MaxFileSize { get; set; } = new ExtractionOptions().MaxFileSize;

    private ArtifactFileReader? files;
    private string? commandLineKind;

    /// <summary>Writes what one file holds, as the cmdlet's objects; <paramref name="selects"/> says whether -Metric
    /// takes a metric name.</summary>
    private protected abstract void Emit(ExtractionResult result, Func<string, bool> selects);

    protected override void BeginProcessing()
    {
        files = new ArtifactFileReader(this, Metric);
        commandLineKind = Kind;
    }

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var result in files!.Read(literal ? LiteralPath : Path, literal, Kind, MaxFileSize))
        {
            Emit(result, files.Selects);
        }

        // The next pipeline object binds its own Kind, or has none: then the command line's applies.
        Kind = commandLineKind;
    }

    protected override void EndProcessing() => files!.Complete();
}
