using System.Management.Automation;
using Chimera.Insight.Statistics;

namespace Chimera.Insight.Commands.Input;

/// <summary>Recognises partial results (Measure-BenchmarkMetrics -Partial), live or deserialized
/// (Deserialized.Chimera.Insight.BenchmarkMetricPart / BenchmarkPartialRun from Invoke-Command, Start-Job,
/// Import-Clixml), and hands them to a session with the computer they came from: the PSComputerName remoting and
/// jobs add, else the machine name the part carries.</summary>
internal static class PartialInput
{
    private const string PartType = "Chimera.Insight." + nameof(BenchmarkMetricPart);
    private const string RunType = "Chimera.Insight." + nameof(BenchmarkPartialRun);

    /// <summary>Adds <paramref name="input"/> to <paramref name="session"/> when it is a partial result.</summary>
    public static bool TryAdd(PSObject input, MeasurementSession session)
    {
        var computer = ComputerNameOf(input);
        switch (input.BaseObject)
        {
            case BenchmarkMetricPart live:
                session.AddPart(live, computer);
                return true;
            case BenchmarkPartialRun live:
                session.AddPartialRun(live, computer);
                return true;
        }

        var p = new PropertyReader(input);
        if (IsOfType(input, PartType) || (p.Has("RunId") && p.Has("Payload")))
        {
            session.AddPart(ToPart(p), computer);
            return true;
        }

        if (IsOfType(input, RunType) || (p.Has("RunId") && p.Has("SourceTable")))
        {
            session.AddPartialRun(ToRun(p), computer);
            return true;
        }

        return false;
    }

    private static bool IsOfType(PSObject input, string typeName) =>
        input.TypeNames.Any(t => t == typeName || t == "Deserialized." + typeName);

    private static string? ComputerNameOf(PSObject input) =>
        input.Properties["PSComputerName"]?.Value is { } value && PropertyReader.Unwrap(value)?.ToString() is { Length: > 0 } name ? name : null;

    private static BenchmarkMetricPart ToPart(PropertyReader p) => new()
    {
        RunId = p.String("RunId") ?? "",
        Metric = p.String("Metric") ?? "",
        Unit = p.String("Unit") ?? "",
        Origin = p.Enum<MetricOrigin>("Origin") ?? MetricOrigin.Measured,
        Statistic = p.String("Statistic"),
        Model = p.String("Model"),
        Backend = p.String("Backend"),
        Configuration = p.String("Configuration"),
        Phase = p.Enum<Phase>("Phase"),
        Prompt = p.String("Prompt"),
        Source = p.String("Source"),
        Count = p.Int("Count") ?? 0,
        FailedCount = p.Int("FailedCount") ?? 0,
        Mean = p.Double("Mean"),
        Encoding = p.Enum<PartEncoding>("Encoding") ?? PartEncoding.Values,
        Payload = p.String("Payload") ?? "",
    };

    private static BenchmarkPartialRun ToRun(PropertyReader p) => new()
    {
        RunId = p.String("RunId") ?? "",
        ComputerName = p.String("ComputerName") ?? "",
        SourceCount = p.Int("SourceCount") ?? 0,
        SourceTable = p.String("SourceTable") ?? "",
        PartCount = p.Int("PartCount") ?? 0,
        Inventory = EngineObjectConverter.ToInventorySummary(p.Raw("Inventory")),
    };
}
