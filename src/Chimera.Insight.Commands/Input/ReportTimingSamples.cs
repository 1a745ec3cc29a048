using System.Globalization;

namespace Chimera.Insight.Commands.Input;

/// <summary>The LLM call timings of an InsightReport as samples of TtftMs, TokensPerSecond, TotalMs, LoadMs,
/// PromptEvalMs, EvalMs, PromptTokens and OutputTokens under the report's Model and Configuration; one record per
/// report. A report whose call loaded the model (LoadDurationMs of at least <see cref="ColdLoadMs"/>) is Cold;
/// an incomplete report counts as a failed run.
/// (Note for the merge: the extraction work adds Extraction.ReportSamples.FromReport for the same purpose; once it
/// is in, this class should delegate to it so there is one definition.)</summary>
internal static class ReportTimingSamples
{
    public const double ColdLoadMs = 500;

    public static string SourceOf(InsightReport report) => string.Format(CultureInfo.InvariantCulture,
        "InsightReport {0} {1:yyyy-MM-ddTHH:mm:ssZ} run {2}", report.Model, report.GeneratedAt.ToUniversalTime(), report.Run);

    public static IEnumerable<BenchmarkSample> FromReport(InsightReport report, string source)
    {
        var phase = report.LoadDurationMs >= ColdLoadMs ? Phase.Cold : Phase.Warm;
        var failed = !report.Complete;
        var error = failed ? report.Warnings.FirstOrDefault() ?? report.DoneReason : null;
        var record = "run " + report.Run.ToString(CultureInfo.InvariantCulture);
        var timings = new (string Metric, string Unit, double? Value)[]
        {
            ("TtftMs", "ms", report.TtftMs),
            ("TokensPerSecond", "tok/s", report.TokensPerSecond),
            ("TotalMs", "ms", report.TotalDurationMs),
            ("LoadMs", "ms", report.LoadDurationMs),
            ("PromptEvalMs", "ms", report.PromptEvalDurationMs),
            ("EvalMs", "ms", report.EvalDurationMs),
            ("PromptTokens", "tokens", report.PromptTokens),
            ("OutputTokens", "tokens", report.TokensGenerated),
        };

        foreach (var (metric, unit, value) in timings)
        {
            if (value is null && !failed)
            {
                continue;
            }

            yield return new BenchmarkSample
            {
                Metric = metric,
                Unit = unit,
                Value = value ?? double.NaN,
                Model = report.Model,
                Backend = report.Provider.ToString(),
                Configuration = report.Configuration,
                NumGpu = report.NumGpu,
                NumCtx = report.NumCtx,
                Temperature = report.Temperature,
                TopP = report.TopP,
                TopK = report.TopK,
                RepeatPenalty = report.RepeatPenalty,
                Phase = phase,
                Failed = failed,
                Error = error,
                Source = source,
                Location = record,
                Record = record,
                Timestamp = report.GeneratedAt == default ? null : report.GeneratedAt,
            };
        }
    }
}
