using System.Globalization;

namespace Chimera.Insight.Commands;

/// <summary>What New-InsightReport tells the user itself (the engine's workflow has its own messages).</summary>
internal static class ReportCommandMessages
{
    public static string NoMetrics(int files) =>
        files == 0
            ? "No input reached New-InsightReport: the report can only say that there is no data. Pipe files, samples or metrics into it."
            : string.Format(CultureInfo.InvariantCulture,
                "No benchmark data in the {0} file(s) New-InsightReport read: the report can only say that there is no data.", files);

    public static string PartialKept(int characters) =>
        string.Format(CultureInfo.InvariantCulture,
            "The {0} characters received before the failure are kept in the Text of the incomplete report (Complete = False).", characters);

    public static string CallActivity(string model, int run) =>
        string.Format(CultureInfo.InvariantCulture, "New-InsightReport: {0} is writing the report (run {1})", model, run);

    public static string CallProgress(int tokens, double tokensPerSecond, double seconds) =>
        string.Format(CultureInfo.InvariantCulture, "{0} tokens so far, {1:0.0} tok/s, {2:0.0} s elapsed", tokens, tokensPerSecond, seconds);
}
