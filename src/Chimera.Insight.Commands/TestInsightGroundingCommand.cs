using System.Collections.ObjectModel;
using System.Management.Automation;
using Chimera.Insight.Commands.Input;
using Chimera.Insight.Reporting;

namespace Chimera.Insight.Commands;

/// <summary>
/// Test-InsightGrounding: which figures in a text the data supports. Facts come from the pipeline
/// (metrics, findings, reports, samples, inventory summaries, comparisons, by property name) or -Metric.
/// With -Text or -Path the given text is checked; without, each piped report's narrative is checked
/// against its own facts and the other facts given.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "InsightGrounding", DefaultParameterSetName = ReportSet)]
[OutputType("Chimera.Insight.GroundingResult")]
public sealed class TestInsightGroundingCommand : PSCmdlet
{
    private const string ReportSet = "Report";
    private const string TextSet = "Text";
    private const string PathSet = "Path";

    private readonly FactSet _facts = new();
    private readonly List<InsightReport> _reports = new();
    private int _factInputs;
    // Partial results (Measure-BenchmarkMetrics -Partial) are merged into metrics before the facts are used.
    private readonly Statistics.MeasurementSession _partials = new();
    private bool _hasPartials;

    private static readonly InputKind[] Takes =
        [InputKind.Metric, InputKind.Part, InputKind.PartialRun, InputKind.Finding, InputKind.Sample, InputKind.Record, InputKind.Inventory, InputKind.Comparison, InputKind.Report, InputKind.Path];
    /// <summary>Files piped in (Get-ChildItem *.md | Test-InsightGrounding -Metric $m): texts to check, not facts.</summary>
    private readonly List<string> _pipedFiles = new();

    /// <summary>The text to check, e.g. a narrative.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = TextSet)]
    [AllowEmptyString]
    public string Text { get; set; } = "";

    /// <summary>Files whose text to check (wildcards allowed).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Facts: metrics, findings, reports, samples, inventory summaries or comparisons.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>Facts given as a parameter rather than through the pipeline.</summary>
    [Parameter]
    public PSObject[]? Metric { get; set; }

    /// <summary>After writing every result, stop with an error when the data contradicts any figure (Unverifiable figures do not count).</summary>
    [Parameter]
    public SwitchParameter FailOnUngrounded { get; set; }

    private readonly List<GroundingResult> _written = new();

    protected override void BeginProcessing()
    {
        foreach (var metric in Metric ?? [])
        {
            AddFacts(metric);
        }
    }

    protected override void ProcessRecord()
    {
        if (InputObject is not null)
        {
            AddFacts(InputObject);
        }
    }

    protected override void EndProcessing()
    {
        AddMergedPartials();
        switch (ParameterSetName)
        {
            case TextSet:
                WarnWithoutFacts();
                Emit(GroundingChecker.Check(Text, _facts));
                break;
            case PathSet:
                WarnWithoutFacts();
                foreach (var file in ResolveFiles())
                {
                    CheckFile(file);
                }

                break;
            default:
                if (_pipedFiles.Count > 0)
                {
                    WarnWithoutFacts();
                    foreach (var file in _pipedFiles)
                    {
                        CheckFile(file);
                    }
                }

                if (_reports.Count == 0 && _pipedFiles.Count > 0)
                {
                    break;
                }

                if (_reports.Count == 0)
                {
                    ThrowTerminatingError(new ErrorRecord(new ArgumentException(ReportingStrings.NoReportToCheck), "NothingToCheck", ErrorCategory.InvalidArgument, null));
                }

                foreach (var report in _reports)
                {
                    // A report's own facts (its metrics, findings, inventory, call) plus everything else given.
                    var facts = _facts.Copy();
                    facts.AddReport(report);
                    Emit(GroundingChecker.Check(report.Text, facts, ReportingStrings.ReportSource(report.Run, report.Model)));
                }

                break;
        }

        FailWhenContradicted();
    }

    private void AddMergedPartials()
    {
        if (!_hasPartials)
        {
            return;
        }

        _partials.Complete();
        Input.NoticeWriter.Write(this, _partials.TakeNotices());
        foreach (var metric in _partials.BuildMetrics(_partials.InheritedInventory))
        {
            _facts.AddMetric(metric);
        }

        if (_partials.InheritedInventory is { } inventory)
        {
            _facts.AddInventory(inventory);
        }
    }

    private void AddFacts(PSObject input)
    {
        try
        {
            switch (EngineObjectConverter.Classify(input))
            {
                case InputKind.Part:
                    _partials.AddPart(EngineObjectConverter.ToPart(input), EngineObjectConverter.ComputerNameOf(input));
                    _hasPartials = true;
                    break;
                case InputKind.PartialRun:
                    _partials.AddPartialRun(EngineObjectConverter.ToPartialRun(input), EngineObjectConverter.ComputerNameOf(input));
                    _hasPartials = true;
                    break;
                case InputKind.Path when EngineObjectConverter.ToPath(input) is { } path:
                    _pipedFiles.Add(path);
                    return;
                case InputKind.Metric:
                    _facts.AddMetric(EngineObjectConverter.ToMetric(input));
                    break;
                case InputKind.Finding:
                    _facts.AddFinding(EngineObjectConverter.ToFinding(input)!);
                    break;
                case InputKind.Sample:
                    _facts.AddSample(EngineObjectConverter.ToSample(input));
                    break;
                case InputKind.Record when input.BaseObject is BenchmarkRecord record:
                    _facts.AddRecord(record);
                    break;
                case InputKind.Record:
                    EngineObjectConverter.ToRecordSamples(input).ForEach(_facts.AddSample);
                    break;
                case InputKind.Inventory:
                    _facts.AddInventory(EngineObjectConverter.ToInventorySummary(input)!);
                    break;
                case InputKind.Comparison:
                    _facts.AddComparison(EngineObjectConverter.ToComparison(input));
                    break;
                case InputKind.Report:
                    var report = EngineObjectConverter.ToReport(input);
                    if (ParameterSetName == ReportSet)
                    {
                        _reports.Add(report);
                    }
                    else
                    {
                        _facts.AddReport(report);
                    }

                    break;
                default:
                    WriteError(EngineObjectConverter.Unsupported(input, MyInvocation.MyCommand.Name, Takes));
                    return;
            }

            _factInputs++;
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or GetValueException)
        {
            WriteError(EngineObjectConverter.Unreadable(input, ex));
        }
    }

    private void WarnWithoutFacts()
    {
        if (_factInputs == 0)
        {
            WriteWarning(ReportingStrings.NoFacts);
        }
    }

    private IEnumerable<string> ResolveFiles()
    {
        foreach (var path in Path)
        {
            Collection<string> resolved;
            try
            {
                resolved = GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (Exception ex) when (ex is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException)
            {
                WriteError(new ErrorRecord(new FileNotFoundException(ReportingStrings.FileNotFound(path), ex), "FileNotFound", ErrorCategory.ObjectNotFound, path));
                continue;
            }

            foreach (var file in resolved)
            {
                yield return file;
            }
        }
    }

    private void CheckFile(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(new IOException(ReportingStrings.FileNotRead(file, ex.Message), ex), "FileNotRead", ErrorCategory.ReadError, file));
            return;
        }

        Emit(GroundingChecker.Check(text, _facts, file));
    }

    private void Emit(GroundingResult result)
    {
        _written.Add(result);
        WriteObject(result);
    }

    private void FailWhenContradicted()
    {
        var contradicted = _written.SelectMany(r => r.Contradicted.Select(f => (r.Source, Figure: f))).ToList();
        if (!FailOnUngrounded || contradicted.Count == 0) return;
        var first = contradicted[0];
        ThrowTerminatingError(new ErrorRecord(
            new InvalidDataException(ReportingStrings.Contradicted(contradicted.Count, first.Figure.Text, first.Figure.Line, first.Figure.Reason?.ToString() ?? "", first.Source)),
            "FigureContradicted", ErrorCategory.InvalidData, first.Figure));
    }
}
