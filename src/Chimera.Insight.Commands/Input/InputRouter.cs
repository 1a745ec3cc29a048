using System.Management.Automation;
using Chimera.Insight.Commands.Inventory;
using Chimera.Insight.Extraction;
using Chimera.Insight.Inventory;
using Chimera.Insight.Statistics;

namespace Chimera.Insight.Commands.Input;

/// <summary>Feeds pipeline input of any supported kind into a <see cref="MeasurementSession"/>: files are read by the
/// session on worker threads, samples, records and metrics are taken as they are (a record given as a property bag as
/// the samples of its figures), reports give their timings as samples, paths (strings, FileInfo, -Path, -LiteralPath)
/// are resolved through the provider and walked by the inventory's own walker, as Get-BenchmarkInventory would walk
/// them. Problems are written by the owning cmdlet, on the
/// pipeline thread.</summary>
internal sealed class InputRouter
{
    private readonly PSCmdlet cmdlet;
    private readonly MeasurementSession session;
    private readonly List<string> skipped = [];
    private readonly List<InsightReport> reports = [];
    private readonly InventoryWalker walker = new();

    private readonly CancellationToken stopping;

    public InputRouter(PSCmdlet cmdlet, MeasurementSession session, CancellationToken stopping = default)
    {
        this.cmdlet = cmdlet;
        this.session = session;
        this.stopping = stopping;
    }

    /// <summary>The source named by the samples of reports given as objects.</summary>
    public const string ReportSource = "InsightReport objects";

    /// <summary>Ends the input: reports given are turned into samples together, so the cold first run of
    /// New-InsightReport -Runs N stands apart from the warm ones, then the session completes.</summary>
    public void Complete()
    {
        foreach (var sample in ReportSamples.FromReports(reports, ReportSource))
        {
            session.AddSample(sample);
        }

        reports.Clear();
        session.Complete();
    }

    /// <summary>Files passed over because their kind is not a benchmark artifact (for the inventory summary).</summary>
    public IReadOnlyList<string> Skipped => skipped;

    /// <summary>True while everything given so far was a metric: nothing was read or measured here.</summary>
    public bool OnlyMetrics { get; private set; } = true;

    /// <summary>What the measuring cmdlets take.</summary>
    public static readonly InputKind[] Takes = [InputKind.File, InputKind.Sample, InputKind.Record, InputKind.Metric, InputKind.Part, InputKind.PartialRun, InputKind.Report, InputKind.Path];

    public void Add(PSObject? input)
    {
        if (input is null)
        {
            return;
        }

        var kind = EngineObjectConverter.Classify(input);
        // Partial results (Measure-BenchmarkMetrics -Partial) merge in the session; like metrics, they were measured upstream.
        OnlyMetrics &= kind is InputKind.Metric or InputKind.Part or InputKind.PartialRun;
        switch (kind)
        {
            case InputKind.Part:
                session.AddPart(EngineObjectConverter.ToPart(input), EngineObjectConverter.ComputerNameOf(input));
                break;
            case InputKind.PartialRun:
                session.AddPartialRun(EngineObjectConverter.ToPartialRun(input), EngineObjectConverter.ComputerNameOf(input));
                break;
            case InputKind.File:
                session.AddFile(EngineObjectConverter.ToFile(input));
                break;
            case InputKind.Sample:
                session.AddSample(EngineObjectConverter.ToSample(input));
                break;
            case InputKind.Record when input.BaseObject is BenchmarkRecord record:
                session.AddRecord(record);
                break;
            case InputKind.Record:
                foreach (var sample in EngineObjectConverter.ToRecordSamples(input))
                {
                    session.AddSample(sample);
                }

                break;
            case InputKind.Metric:
                session.AddMetric(EngineObjectConverter.ToMetric(input));
                break;
            case InputKind.Report:
                reports.Add(EngineObjectConverter.ToReport(input));
                break;
            case InputKind.Path when EngineObjectConverter.ToPath(input) is { } path:
                AddPath(path, literal: input.BaseObject is not string);
                break;
            default:
                cmdlet.WriteError(EngineObjectConverter.Unsupported(input, cmdlet.MyInvocation.MyCommand.Name, Takes));
                break;
        }
    }

    /// <summary>Resolves a path (wildcards unless <paramref name="literal"/>) and reads what it names: a folder or
    /// a file goes through the same <see cref="InventoryWalker"/> as Get-BenchmarkInventory, so it is found, passed
    /// over (FIFOs, devices, hidden folders, links), hashed and reported exactly as that cmdlet would.</summary>
    public void AddPath(string path, bool literal)
    {
        foreach (var root in ProviderPaths.Resolve(cmdlet, path, literal))
        {
            try
            {
                foreach (var entry in walker.Walk(root, stopping))
                {
                    Take(entry, root);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return; // Ctrl+C: PowerShell ends the pipeline.
            }
        }
    }

    private void Take(InventoryEntry entry, string root)
    {
        switch (entry.Kind)
        {
            case InventoryEntryKind.File:
                session.AddFile(entry.File!);
                break;
            case InventoryEntryKind.Skipped:
                skipped.Add(entry.Path);
                if (string.Equals(entry.Path, root, StringComparison.Ordinal))
                {
                    // Named on its own rather than found in a folder: say why nothing came of it.
                    cmdlet.WriteWarning(StatisticsMessages.NotBenchmarkArtifact(entry.Path));
                }

                break;
            case InventoryEntryKind.Problem:
                cmdlet.WriteError(InventoryErrors.From(entry.Problem!));
                break;
            case InventoryEntryKind.Notice:
                cmdlet.WriteVerbose(entry.Message);
                break;
        }
    }
}
