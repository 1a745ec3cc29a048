using System.Diagnostics;
using System.Management.Automation;
using Chimera.Insight.Commands.Input;
using Chimera.Insight.Commands.Inventory;
using Chimera.Insight.Inventory;

namespace Chimera.Insight.Commands;

/// <summary>
/// Lists the benchmark artifacts (CSV, JSON/JSONL, Markdown) below one or more paths, one
/// BenchmarkFile each, or with -Summary one BenchmarkInventorySummary for them all.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BenchmarkInventory", DefaultParameterSetName = PathSet)]
[OutputType("Chimera.Insight.BenchmarkFile", "Chimera.Insight.BenchmarkInventorySummary")]
public sealed class GetBenchmarkInventoryCommand : PSCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const int ProgressId = 1;
    private static readonly TimeSpan ProgressDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource stopping = new();
    private readonly Stopwatch clock = new();
    private InventoryWalker? walker;
    private InventorySummaryBuilder? summary;
    private TimeSpan nextProgress;
    private bool progressShown;
    private int found;
    private int skipped;
    private int problems;

    /// <summary>Folders or files to inventory; wildcards allowed. The current folder when none is given.</summary>
    [Parameter(ParameterSetName = PathSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Folders or files to inventory, taken exactly as written.</summary>
    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>How many folder levels below each path to enter (0: only the path's own files). No limit by default.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Depth { get; set; }

    /// <summary>Only files whose names match one of these wildcards.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? Include { get; set; }

    /// <summary>Leave out files whose names match one of these wildcards.</summary>
    [Parameter]
    [SupportsWildcards]
    public string[]? Exclude { get; set; }

    /// <summary>Only these kinds of artifact.</summary>
    [Parameter]
    [ValidateSet("Csv", "Json", "Markdown", "Text", IgnoreCase = true)]
    public string[]? Kind { get; set; }

    /// <summary>Only files last written at or after this time.</summary>
    [Parameter]
    public DateTime Since { get; set; }

    /// <summary>Only files last written before this time.</summary>
    [Parameter]
    public DateTime Before { get; set; }

    /// <summary>Enter links to folders (loops are detected). Links to files are always read.</summary>
    [Parameter]
    public SwitchParameter FollowSymlink { get; set; }

    /// <summary>Also look at hidden files and folders (names starting with '.', such as .git).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Emit one summary of everything found instead of the files.</summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    protected override void BeginProcessing()
    {
        var options = new InventoryOptions
        {
            MaxDepth = IsBound(nameof(Depth)) ? Depth : null,
            FollowSymlinks = FollowSymlink.IsPresent,
            IncludeHidden = Force.IsPresent,
            Kinds = Kind?.Select(kind => (ArtifactKind)Enum.Parse(typeof(ArtifactKind), kind, ignoreCase: true)).ToList(),
            NameFilter = NameFilter.Create(Include, Exclude),
            ModifiedSinceUtc = IsBound(nameof(Since)) ? ToUtc(Since) : null,
            ModifiedBeforeUtc = IsBound(nameof(Before)) ? ToUtc(Before) : null,
        };

        if (options.ModifiedSinceUtc >= options.ModifiedBeforeUtc)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException(InventoryStrings.EmptyDateRange(Since, Before)),
                "EmptyDateRange", ErrorCategory.InvalidArgument, Before));
        }

        walker = new InventoryWalker(options);
        summary = Summary.IsPresent ? new InventorySummaryBuilder() : null;
        clock.Start();
        nextProgress = ProgressDelay;
    }

    protected override void ProcessRecord()
    {
        var literal = ParameterSetName == LiteralPathSet;
        var paths = (literal ? LiteralPath : Path) ?? [SessionState.Path.CurrentFileSystemLocation.ProviderPath];
        foreach (var path in paths)
        {
            foreach (var root in ProviderPaths.Resolve(this, path, literal))
            {
                Inventory(root);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (progressShown)
        {
            WriteProgress(new ProgressRecord(ProgressId, InventoryStrings.ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        if (summary is not null)
        {
            WriteObject(summary.Build());
        }
    }

    protected override void StopProcessing() => stopping.Cancel();

    private void Inventory(string root)
    {
        summary?.AddRoot(root);
        try
        {
            foreach (var entry in walker!.Walk(root, stopping.Token))
            {
                Emit(entry);
                ReportProgress(entry);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell ends the pipeline.
        }
    }

    private void Emit(InventoryEntry entry)
    {
        switch (entry.Kind)
        {
            case InventoryEntryKind.File:
                found++;
                if (summary is null)
                {
                    WriteObject(entry.File);
                }
                else
                {
                    summary.Add(entry.File!);
                }

                break;
            case InventoryEntryKind.Skipped:
                skipped++;
                summary?.AddSkipped(entry.RelativePath ?? entry.Path);
                WriteVerbose(InventoryStrings.Skipped(entry.Path));
                break;
            case InventoryEntryKind.Problem:
                problems++;
                WriteError(InventoryErrors.From(entry.Problem!));
                break;
            case InventoryEntryKind.Notice:
                WriteVerbose(entry.Message);
                break;
        }
    }

    private void ReportProgress(InventoryEntry entry)
    {
        var now = clock.Elapsed;
        if (now < nextProgress)
        {
            return;
        }

        nextProgress = now + ProgressInterval;
        progressShown = true;
        WriteProgress(new ProgressRecord(ProgressId, InventoryStrings.ProgressActivity, InventoryStrings.ProgressStatus(found, skipped, problems))
        {
            CurrentOperation = InventoryStrings.ProgressOperation(entry.Path),
        });
    }

    private bool IsBound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

    private static DateTime ToUtc(DateTime time) => time.Kind == DateTimeKind.Utc ? time : time.ToUniversalTime();
}
