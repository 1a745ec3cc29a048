using System.Globalization;
using System.Management.Automation;
using Chimera.Insight.Commands.Input;
using Chimera.Insight.Reporting;

namespace Chimera.Insight.Commands;

/// <summary>
/// Export-InsightReport: writes an InsightReport (live or deserialized) as Markdown, JSON or a
/// self-contained HTML page, or BenchmarkComparison objects as a comparison report. Atomic writes,
/// -WhatIf, no overwrite without -Force.
/// </summary>
[Cmdlet(VerbsData.Export, "InsightReport", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportInsightReportCommand : PSCmdlet
{
    private const string RunToken = "{Run}";
    private const string DateToken = "{Date}";
    private const string TimeToken = "{Time}";

    private readonly List<InsightReport> _reports = new();
    private readonly List<BenchmarkComparison> _comparisons = new();

    /// <summary>An InsightReport, or BenchmarkComparison objects for a comparison report.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The file to write. {Run} is replaced by the report's run number, {Date} by the UTC date it was
    /// generated (yyyy-MM-dd), {Time} by its UTC time (HHmmss). A file that exists already is not overwritten
    /// without -Force, so a second run on the same day with a {Date} path fails visibly unless -Force replaces
    /// the first run's file (or {Time} keeps both).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Markdown, Json or Html; by default from the extension of -Path.</summary>
    [Parameter]
    [ValidateSet("Markdown", "Json", "Html")]
    public string? Format { get; set; }

    /// <summary>Overwrite an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Emit the FileInfo of each file written.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        _ = ResolveFormat();
    }

    protected override void ProcessRecord()
    {
        if (InputObject is null)
        {
            return;
        }

        try
        {
            switch (EngineObjectConverter.Classify(InputObject))
            {
                case InputKind.Report:
                    _reports.Add(EngineObjectConverter.ToReport(InputObject));
                    break;
                case InputKind.Comparison:
                    _comparisons.Add(EngineObjectConverter.ToComparison(InputObject));
                    break;
                default:
                    WriteError(EngineObjectConverter.Unsupported(InputObject, MyInvocation.MyCommand.Name, [InputKind.Report, InputKind.Comparison]));
                    break;
            }
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException or GetValueException)
        {
            WriteError(EngineObjectConverter.Unreadable(InputObject, ex));
        }
    }

    protected override void EndProcessing()
    {
        var format = ResolveFormat();
        if (_reports.Count > 0 && _comparisons.Count > 0)
        {
            Terminate(ReportingStrings.MixedInput, "MixedInput");
        }

        if (_comparisons.Count > 0)
        {
            var now = DateTime.UtcNow;
            var content = format switch
            {
                "Json" => ReportJson.Serialize(_comparisons),
                "Html" => ComparisonReportWriter.WriteHtml(_comparisons, now),
                _ => ComparisonReportWriter.WriteMarkdown(_comparisons, now),
            };
            Write(Expand(Path, 1, now), content, format);
            return;
        }

        if (_reports.Count == 0)
        {
            // Every input was refused (already reported); nothing more to say unless nothing came at all.
            return;
        }

        var perRun = Path.IndexOf(RunToken, StringComparison.OrdinalIgnoreCase) >= 0;
        if (_reports.Count > 1 && !perRun)
        {
            Terminate(ReportingStrings.SeveralReports(_reports.Count), "SeveralReportsOnePath");
        }

        foreach (var report in _reports)
        {
            var content = format switch
            {
                "Json" => ReportJson.Serialize(report),
                "Html" => HtmlReportWriter.Write(report),
                _ => string.IsNullOrWhiteSpace(report.Markdown) ? MarkdownReportWriter.Write(report) : report.Markdown,
            };
            Write(Expand(Path, report.Run, report.GeneratedAt == default ? DateTime.UtcNow : report.GeneratedAt.ToUniversalTime()), content, format);
        }
    }

    /// <summary>The path with its {Run}, {Date} and {Time} tokens (any case) filled in.</summary>
    private static string Expand(string path, int run, DateTime generatedUtc)
    {
        string Replace(string text, string token, string value) =>
            System.Text.RegularExpressions.Regex.Replace(text, System.Text.RegularExpressions.Regex.Escape(token), value.Replace("$", "$$"),
                System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        path = Replace(path, RunToken, run.ToString(CultureInfo.InvariantCulture));
        path = Replace(path, DateToken, generatedUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return Replace(path, TimeToken, generatedUtc.ToString("HHmmss", CultureInfo.InvariantCulture));
    }

    private string ResolveFormat()
    {
        if (!string.IsNullOrEmpty(Format))
        {
            return Format!;
        }

        var extension = System.IO.Path.GetExtension(Path).ToLowerInvariant();
        switch (extension)
        {
            case ".md":
            case ".markdown":
                return "Markdown";
            case ".json":
                return "Json";
            case ".html":
            case ".htm":
                return "Html";
            default:
                Terminate(ReportingStrings.UnknownFormat(extension), "UnknownFormat");
                return "";
        }
    }

    private void Write(string path, string content, string format)
    {
        var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        var folder = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            WriteError(new ErrorRecord(new DirectoryNotFoundException(ReportingStrings.FolderMissing(folder!)), "FolderNotFound", ErrorCategory.ObjectNotFound, path));
            return;
        }

        if (File.Exists(full) && !Force)
        {
            WriteError(new ErrorRecord(new IOException(ReportingStrings.FileExists(full)), "FileExists", ErrorCategory.ResourceExists, full));
            return;
        }

        if (!ShouldProcess(full, ReportingStrings.ShouldProcessAction(format)))
        {
            return;
        }

        try
        {
            AtomicFile.WriteAllText(full, content, overwrite: Force);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(new IOException(ReportingStrings.WriteFailed(full, ex.Message), ex), "WriteFailed", ErrorCategory.WriteError, full));
            return;
        }

        if (PassThru)
        {
            // Through the provider, so the FileInfo carries PSPath, Mode and the rest as Get-Item's does.
            WriteObject(SessionState.InvokeProvider.Item.Get(new[] { full }, force: true, literalPath: true), enumerateCollection: true);
        }
    }

    private void Terminate(string message, string errorId) =>
        ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, Path));
}
