using System.Management.Automation;
using Chimera.Insight.Extraction;
using Chimera.Insight.Statistics;

namespace Chimera.Insight.Commands.Input;

/// <summary>Feeds pipeline input of any supported kind into a <see cref="MeasurementSession"/>: files are read by the
/// session on worker threads, samples and metrics are taken as they are, reports give their timings as samples,
/// paths (strings, FileInfo, -Path, -LiteralPath) are resolved through the provider and read as files; a folder is
/// searched recursively for .csv, .json, .jsonl and .md files. Problems are written by the owning cmdlet, on the
/// pipeline thread.</summary>
internal sealed class InputRouter
{
    private readonly PSCmdlet cmdlet;
    private readonly MeasurementSession session;
    private readonly List<string> skipped = [];
    private readonly List<InsightReport> reports = [];

    public InputRouter(PSCmdlet cmdlet, MeasurementSession session)
    {
        this.cmdlet = cmdlet;
        this.session = session;
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

    public void Add(PSObject? input)
    {
        if (input is null)
        {
            return;
        }

        // Partial results (Measure-BenchmarkMetrics -Partial) merge in the session; like metrics, they were measured upstream.
        if (PartialInput.TryAdd(input, session))
        {
            return;
        }

        var kind = EngineObjectConverter.Classify(input);
        OnlyMetrics &= kind == InputKind.Metric;
        switch (kind)
        {
            case InputKind.File:
                session.AddFile(EngineObjectConverter.ToFile(input));
                break;
            case InputKind.Sample:
                session.AddSample(EngineObjectConverter.ToSample(input));
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
                cmdlet.WriteError(new ErrorRecord(
                    new ArgumentException(StatisticsMessages.UnsupportedInput(input.TypeNames.FirstOrDefault() ?? "null")),
                    "UnsupportedBenchmarkInput", ErrorCategory.InvalidType, input));
                break;
        }
    }

    /// <summary>Resolves a path (wildcards unless <paramref name="literal"/>) and reads what it names.</summary>
    public void AddPath(string path, bool literal)
    {
        List<string> resolved;
        try
        {
            resolved = literal
                ? [cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path)]
                : cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _).ToList();
        }
        catch (SessionStateException ex)
        {
            cmdlet.WriteError(new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, path));
            return;
        }

        if (resolved.Count == 0)
        {
            cmdlet.WriteError(new ErrorRecord(new ItemNotFoundException(StatisticsMessages.PathNotFound(path)),
                "PathNotFound", ErrorCategory.ObjectNotFound, path));
        }

        foreach (var fullName in resolved)
        {
            if (Directory.Exists(fullName))
            {
                foreach (var file in Directory.EnumerateFiles(fullName, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                {
                    AddFilePath(file, quiet: true);
                }
            }
            else if (File.Exists(fullName))
            {
                AddFilePath(fullName, quiet: false);
            }
            else
            {
                cmdlet.WriteError(new ErrorRecord(new ItemNotFoundException(StatisticsMessages.PathNotFound(fullName)),
                    "PathNotFound", ErrorCategory.ObjectNotFound, path));
            }
        }
    }

    private void AddFilePath(string fullName, bool quiet)
    {
        if (PathFiles.Describe(fullName) is { } file)
        {
            session.AddFile(file);
            return;
        }

        skipped.Add(fullName);
        if (!quiet)
        {
            cmdlet.WriteWarning(StatisticsMessages.NotBenchmarkArtifact(fullName));
        }
    }
}
