using System.Globalization;
using System.Management.Automation;
using Chimera.Insight.Inventory;
using Chimera.Insight.Extraction;

namespace Chimera.Insight.Commands;

/// <summary>
/// Reads benchmark artifacts (CSV, JSON/JSONL, Markdown) into one BenchmarkSample per value. Takes files from the
/// pipeline by property name (FullName and Kind of Get-BenchmarkInventory's BenchmarkFile objects, live or
/// deserialized; PSPath of Get-ChildItem's), or -Path (wildcards) / -LiteralPath. Each problem in a file becomes
/// a non-terminating InvalidBenchmarkData error naming the file, the row/line/position and the reason; the rest of
/// the file and the other files are still read.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BenchmarkSample")]
[OutputType("Chimera.Insight.BenchmarkSample")]
public sealed class GetBenchmarkSampleCommand : PSCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private WildcardPattern[]? metricPatterns;
    private string? commandLineKind;

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

    /// <summary>Only samples whose metric name matches one of these wildcard patterns.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(MetricNameCompleter))]
    public string[]? Metric { get; set; }

    /// <summary>Files larger than this many bytes are skipped with an error.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long MaxFileSize { get; set; } = new ExtractionOptions().MaxFileSize;

    protected override void BeginProcessing()
    {
        metricPatterns = Metric?.Select(m => new WildcardPattern(m, WildcardOptions.IgnoreCase)).ToArray();
        commandLineKind = Kind;
    }

    /// <summary>Every metric name the files held (before -Metric): for the completer and the unknown -Metric warning.</summary>
    private readonly HashSet<string> seenMetrics = new(StringComparer.OrdinalIgnoreCase);

    protected override void EndProcessing()
    {
        MetricNameCompleter.Remember(seenMetrics);
        if (Metric is { Length: > 0 } && seenMetrics.Count > 0)
        {
            var unmatched = Metric.Where(p => !seenMetrics.Any(m => InputWarnings.Matches(p, m))).ToList();
            if (unmatched.Count > 0)
            {
                WriteWarning(InputWarnings.UnknownMetrics(unmatched));
            }
        }
    }

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        foreach (var path in literal ? LiteralPath : Path)
        {
            if (Stopping)
            {
                return;
            }

            foreach (var file in Resolve(path, literal))
            {
                if (Stopping)
                {
                    return;
                }

                ReadFile(file);
            }
        }

        // The next pipeline object binds its own Kind, or has none: then the command line's applies.
        Kind = commandLineKind;
    }

    private IEnumerable<string> Resolve(string path, bool literal)
    {
        if (literal)
        {
            var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
            if (provider.Name != "FileSystem")
            {
                WriteError(new ErrorRecord(new ArgumentException(Format(BenchmarkSampleStrings.NotAFileSystemPath, path, provider.Name)),
                    BenchmarkSampleStrings.NotAFileSystemPathErrorId, ErrorCategory.InvalidArgument, path));
                return [];
            }

            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                WriteError(new ErrorRecord(new ItemNotFoundException(Format(BenchmarkSampleStrings.PathNotFound, path)),
                    BenchmarkSampleStrings.PathNotFoundErrorId, ErrorCategory.ObjectNotFound, path));
                return [];
            }

            return [resolved];
        }

        try
        {
            var resolved = GetResolvedProviderPathFromPSPath(path, out var provider);
            if (provider.Name != "FileSystem")
            {
                WriteError(new ErrorRecord(new ArgumentException(Format(BenchmarkSampleStrings.NotAFileSystemPath, path, provider.Name)),
                    BenchmarkSampleStrings.NotAFileSystemPathErrorId, ErrorCategory.InvalidArgument, path));
                return [];
            }

            return resolved;
        }
        catch (ItemNotFoundException e)
        {
            WriteError(new ErrorRecord(e, BenchmarkSampleStrings.PathNotFoundErrorId, ErrorCategory.ObjectNotFound, path));
            return [];
        }
    }

    private void ReadFile(string file)
    {
        if (Directory.Exists(file))
        {
            // Get-ChildItem -Recurse passes folders too: skipped quietly; a folder named on the command line is a mistake.
            if (MyInvocation.ExpectingInput)
            {
                WriteVerbose(Format(BenchmarkSampleStrings.SkippedDirectory, file));
            }
            else
            {
                WriteError(new ErrorRecord(new ArgumentException(Format(BenchmarkSampleStrings.SkippedDirectory, file)),
                    BenchmarkSampleStrings.DirectoryErrorId, ErrorCategory.InvalidArgument, file));
            }

            return;
        }

        if (KindOf(file) is not { } kind)
        {
            return;
        }

        WriteVerbose(Format(BenchmarkSampleStrings.Reading, file, kind));
        var result = ArtifactReader.Read(file, kind, new ExtractionOptions { MaxFileSize = MaxFileSize });
        foreach (var error in result.Errors)
        {
            WriteError(new ErrorRecord(new InvalidDataException(error.ToString()), BenchmarkSampleStrings.InvalidDataErrorId,
                ErrorCategory.InvalidData, error.Source));
        }

        foreach (var note in result.Notes)
        {
            WriteVerbose(note.ToString());
        }

        foreach (var sample in result.Samples)
        {
            seenMetrics.Add(sample.Metric);
            if (metricPatterns is null || metricPatterns.Any(p => p.IsMatch(sample.Metric)))
            {
                WriteObject(sample);
            }
        }

        WriteVerbose(Format(BenchmarkSampleStrings.Read, file, result.Samples.Count, result.Errors.Count));
    }

    private ArtifactKind? KindOf(string file)
    {
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            if (Enum.TryParse<ArtifactKind>(Kind!.Trim(), ignoreCase: true, out var given) && Enum.IsDefined(typeof(ArtifactKind), given))
            {
                return given;
            }

            WriteError(new ErrorRecord(new ArgumentException(Format(BenchmarkSampleStrings.InvalidKind, file, Kind!)),
                BenchmarkSampleStrings.UnknownKindErrorId, ErrorCategory.InvalidArgument, file));
            return null;
        }

        if (ArtifactKinds.FromFileName(file) is { } fromExtension)
        {
            return fromExtension;
        }

        // Get-ChildItem -Recurse | Get-BenchmarkSample passes every file: the others are not an error.
        if (MyInvocation.ExpectingInput)
        {
            WriteVerbose(Format(BenchmarkSampleStrings.SkippedUnknownKind, file));
        }
        else
        {
            WriteError(new ErrorRecord(new ArgumentException(Format(BenchmarkSampleStrings.UnknownKind, file)),
                BenchmarkSampleStrings.UnknownKindErrorId, ErrorCategory.InvalidArgument, file));
        }

        return null;
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
}
