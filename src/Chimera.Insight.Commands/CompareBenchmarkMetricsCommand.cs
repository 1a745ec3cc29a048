using System.Management.Automation;
using Chimera.Insight.Commands.Input;
using Chimera.Insight.Statistics;

namespace Chimera.Insight.Commands;

/// <summary>Compare-BenchmarkMetrics: reference against difference, group by group, with a verdict judged by the
/// metric's direction, a threshold and a Mann-Whitney U test.</summary>
[Cmdlet(VerbsData.Compare, "BenchmarkMetrics")]
[OutputType("Chimera.Insight.BenchmarkComparison")]
public sealed class CompareBenchmarkMetricsCommand : PSCmdlet
{
    private readonly CancellationTokenSource cancellation = new();
    private MeasurementSession? reference;
    private MeasurementSession? difference;
    private InputRouter? differenceRouter;
    private InputRouter? referenceRouter;
    private ComparisonOptions? comparisonOptions;

    [Parameter(Mandatory = true, Position = 0)]
    [AllowEmptyCollection]
    public PSObject[]? ReferenceObject { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [AllowEmptyCollection]
    public PSObject[]? DifferenceObject { get; set; }

    [Parameter]
    [ValidateSet("Model", "Configuration", "Backend", "Phase", "Source", "Prompt", IgnoreCase = true)]
    public string[]? GroupBy { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(MetricNameCompleter))]
    public string[]? Metric { get; set; }

    [Parameter]
    [ValidateRange(0.0, 10000.0)]
    public double Threshold { get; set; } = 5;

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Alpha { get; set; } = 0.01;

    [Parameter]
    public SwitchParameter ExcludeSame { get; set; }

    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    protected override void BeginProcessing()
    {
        comparisonOptions = new ComparisonOptions { GroupBy = GroupingKeysParser.Parse(GroupBy), ThresholdPercent = Threshold, Alpha = Alpha };
        reference = NewSession();
        difference = NewSession();
        differenceRouter = new InputRouter(this, difference, cancellation.Token);
        referenceRouter = new InputRouter(this, reference, cancellation.Token);
        foreach (var item in ReferenceObject ?? [])
        {
            referenceRouter.Add(item);
        }

        SessionOutput.Write(this, reference);
    }

    protected override void ProcessRecord()
    {
        foreach (var item in DifferenceObject ?? [])
        {
            differenceRouter!.Add(item);
        }

        SessionOutput.Write(this, difference!);
    }

    protected override void EndProcessing()
    {
        var referenceMetrics = Build(referenceRouter!, reference!);
        var differenceMetrics = Build(differenceRouter!, difference!);
        if (referenceMetrics.Count == 0)
        {
            WriteWarning(StatisticsMessages.NoInput(nameof(ReferenceObject)));
        }

        if (differenceMetrics.Count == 0)
        {
            WriteWarning(StatisticsMessages.NoInput(nameof(DifferenceObject)));
        }
        var shared = MetricComparer.SharedSources(referenceMetrics, differenceMetrics);
        if (shared.Count > 0)
        {
            WriteWarning(StatisticsMessages.SharedFilesWarning(shared, referenceMetrics.SelectMany(m => m.Sources).Union(differenceMetrics.SelectMany(m => m.Sources)).Distinct().Count()));
        }

        foreach (var comparison in MetricComparer.Compare(referenceMetrics, differenceMetrics, comparisonOptions))
        {
            if (!(ExcludeSame && comparison.Verdict == ComparisonVerdict.Same))
            {
                WriteObject(comparison);
            }
        }
    }

    protected override void StopProcessing() => cancellation.Cancel();

    private MeasurementSession NewSession() => new(new MeasurementOptions
    {
        GroupBy = MetricComparer.EffectiveGrouping(comparisonOptions!.GroupBy),
        MetricFilter = MetricFilters.Create(Metric),
        MaxDegreeOfParallelism = ThrottleLimit,
    }, cancellation.Token);

    private List<BenchmarkMetric> Build(InputRouter router, MeasurementSession session)
    {
        router.Complete();
        SessionOutput.Write(this, session);
        return session.BuildMetrics(inventory: null).ToList();
    }
}
