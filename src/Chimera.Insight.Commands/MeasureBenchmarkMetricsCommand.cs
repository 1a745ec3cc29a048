using System.Management.Automation;
using Chimera.Insight.Commands.Input;
using Chimera.Insight.Extraction;
using Chimera.Insight.Inventory;
using Chimera.Insight.Statistics;

namespace Chimera.Insight.Commands;

/// <summary>Measure-BenchmarkMetrics: statistics per metric and group from files (read in parallel), samples,
/// earlier metrics, partial results, reports or paths; with -Findings, the deterministic findings instead; with -Partial,
/// partial results to be merged elsewhere.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "BenchmarkMetrics", DefaultParameterSetName = InputObjectSet)]
[OutputType("Chimera.Insight.BenchmarkMetric", "Chimera.Insight.Finding", "Chimera.Insight.BenchmarkPartialRun", "Chimera.Insight.BenchmarkMetricPart")]
public sealed class MeasureBenchmarkMetricsCommand : PSCmdlet
{
    private const string InputObjectSet = "InputObject";
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private readonly CancellationTokenSource cancellation = new();
    private readonly System.Diagnostics.Stopwatch clock = new();
    private MeasurementSession? session;
    private InputRouter? router;

    /// <summary>One object per pipeline item (binding a single object costs half what an array costs, which counts at
    /// 100,000 files); a collection given by name (-InputObject $files) is taken item by item.</summary>
    [Parameter(ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    [Parameter]
    [ValidateSet("Model", "Configuration", "Backend", "Phase", "Source", "Prompt", "Producer", IgnoreCase = true)]
    public string[]? GroupBy { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(MetricNameCompleter))]
    public string[]? Metric { get; set; }

    [Parameter]
    [ValidateRange(0.0, 100.0)]
    public double[]? Percentile { get; set; }

    [Parameter]
    public SwitchParameter Findings { get; set; }

    /// <summary>Emits partial results (a BenchmarkPartialRun, then a BenchmarkMetricPart per group) that merge exactly
    /// when piped into Measure-BenchmarkMetrics elsewhere.</summary>
    [Parameter]
    public SwitchParameter Partial { get; set; }

    /// <summary>The computers partial results are expected from: each that sent none is named in an error and in the
    /// inventory's MissingComputerNames.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ExpectedComputerName { get; set; }

    [Parameter]
    [ValidateRange(0.0, 36500.0)]
    public double StaleAfterDays { get; set; } = 30;

    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long MaxFileSize { get; set; } = ExtractionOptions.DefaultMaxFileSize;

    private FileProgress progress = null!;

    protected override void BeginProcessing()
    {
        progress = new FileProgress(this, "Measure-BenchmarkMetrics");
        var options = new MeasurementOptions
        {
            GroupBy = GroupingKeysParser.Parse(GroupBy),
            MetricFilter = MetricFilters.Create(Metric),
            ExtraPercentiles = Percentile ?? [],
            MaxDegreeOfParallelism = ThrottleLimit,
            Extraction = new ExtractionOptions { MaxFileSize = MaxFileSize },
            Partial = Partial,
        };
        clock.Start();
        session = new MeasurementSession(options, cancellation.Token);
        router = new InputRouter(this, session, cancellation.Token);
    }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case PathSet:
                foreach (var path in Path!)
                {
                    router!.AddPath(path, literal: false);
                }

                break;
            case LiteralPathSet:
                foreach (var path in LiteralPath!)
                {
                    router!.AddPath(path, literal: true);
                }

                break;
            default:
                if (LanguagePrimitives.GetEnumerable(InputObject?.BaseObject) is { } items)
                {
                    foreach (var item in items)
                    {
                        router!.Add(item is null ? null : PSObject.AsPSObject(item));
                    }
                }
                else
                {
                    router!.Add(InputObject);
                }

                break;
        }

        SessionOutput.Write(this, session!);
        progress.Report(session!.FilesRead, session!.FileCount);
    }

    protected override void EndProcessing()
    {
        router!.Complete();
        SessionOutput.Write(this, session!);
        progress.Complete();

        // The time taken travels with the metrics (on their inventory), so a report written from them
        // later states how long ingest and analysis took.
        var inventory = SummarizeInventory();
        inventory.IngestSeconds = clock.Elapsed.TotalSeconds;
        NameMissingComputers(inventory);
        if (Partial)
        {
            WriteObject(session!.BuildParts(inventory), enumerateCollection: true);
            return;
        }

        var metrics = session!.BuildMetrics(inventory).ToList();
        if (session.MixedPhaseGroupCount > 0)
        {
            WriteWarning(StatisticsMessages.MixedPhases(session.MixedPhaseGroupCount));
        }

        MetricNameCompleter.Remember(metrics.Select(m => m.Metric));
        InputWarnings.Write(this, metrics, session.FileCount, () => session.OtherSources.Count, Metric);

        if (Findings)
        {
            var findings = FindingAnalyzer.Analyze(metrics, new FindingOptions { StaleAfterDays = StaleAfterDays });
            inventory.AnalysisSeconds = clock.Elapsed.TotalSeconds - inventory.IngestSeconds;
            WriteObject(findings, enumerateCollection: true);
            return;
        }

        inventory.AnalysisSeconds = clock.Elapsed.TotalSeconds - inventory.IngestSeconds;
        WriteObject(metrics, enumerateCollection: true);
    }

    protected override void StopProcessing() => cancellation.Cancel();

    /// <summary>Each expected computer that sent no partial results gets an error (the merge goes on without it).</summary>
    private void NameMissingComputers(BenchmarkInventorySummary inventory)
    {
        var missing = session!.MissingComputers(ExpectedComputerName ?? []).ToArray();
        inventory.MissingComputerNames = missing;
        foreach (var computer in missing)
        {
            WriteError(new ErrorRecord(new ItemNotFoundException(PartialMessages.ComputerMissing(computer)),
                "PartialResultsMissing", ErrorCategory.ObjectNotFound, computer));
        }
    }

    /// <summary>From the inventory summarizer when files were given; else the inventory the metrics given carried;
    /// else built from the distinct sources of the samples.</summary>
    private BenchmarkInventorySummary SummarizeInventory()
    {
        if (session!.FileCount == 0)
        {
            return session.InheritedInventory ?? SourceInventory.Summarize(session.OtherSources);
        }

        return session.SummarizeFiles(session.OtherSources.Select(PathFiles.Describe).Where(f => f is not null)!, router!.Skipped);
    }
}
