using System.Collections.ObjectModel;
using System.Management.Automation;
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
        switch (ParameterSetName)
        {
            case TextSet:
                WarnWithoutFacts();
                WriteObject(GroundingChecker.Check(Text, _facts));
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
                    WriteObject(GroundingChecker.Check(report.Text, facts, ReportingStrings.ReportSource(report.Run, report.Model)));
                }

                break;
        }
    }

    private void AddFacts(PSObject input)
    {
        if (input.BaseObject is FileInfo file)
        {
            _pipedFiles.Add(file.FullName);
            return;
        }

        try
        {
            switch (ReportingInput.Classify(input))
            {
                case ReportingInput.InputKind.Metric:
                    _facts.AddMetric(ReportingInput.Read<BenchmarkMetric>(input));
                    break;
                case ReportingInput.InputKind.Finding:
                    _facts.AddFinding(ReportingInput.Read<Finding>(input));
                    break;
                case ReportingInput.InputKind.Sample:
                    _facts.AddSample(ReportingInput.Read<BenchmarkSample>(input));
                    break;
                case ReportingInput.InputKind.Inventory:
                    _facts.AddInventory(ReportingInput.Read<BenchmarkInventorySummary>(input));
                    break;
                case ReportingInput.InputKind.Comparison:
                    _facts.AddComparison(ReportingInput.Read<BenchmarkComparison>(input));
                    break;
                case ReportingInput.InputKind.Report:
                    var report = ReportingInput.Read<InsightReport>(input);
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
                    WriteError(new ErrorRecord(new ArgumentException(ReportingStrings.NotUsableAsFacts(ReportingInput.TypeName(input))),
                        "InputNotFacts", ErrorCategory.InvalidType, input));
                    return;
            }

            _factInputs++;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or NotSupportedException or FormatException)
        {
            WriteError(new ErrorRecord(new ArgumentException(ReportingStrings.NotReadable(ReportingInput.TypeName(input), ex.Message), ex),
                "InputNotReadable", ErrorCategory.InvalidData, input));
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

        WriteObject(GroundingChecker.Check(text, _facts, file));
    }
}
