using System.Globalization;

namespace Chimera.Insight.Commands;

/// <summary>User-facing messages of Test-InsightGrounding and Export-InsightReport.</summary>
internal static class ReportingStrings
{
    private static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    public static string FileNotFound(string path) => F("Cannot find the file '{0}'.", path);

    public static string FileNotRead(string path, string reason) => F("Cannot read the file '{0}': {1}", path, reason);

    public const string NoFacts =
        "No facts were given (pipe metrics, findings, reports or samples, or use -Metric): every figure will be reported as ungrounded.";

    public const string NoReportToCheck =
        "Nothing to check: give -Text or -Path, or pipe reports (their narrative is checked against their own facts).";

    public static string Contradicted(int count, string figure, int line, string reason, string? source) => F(
        "-FailOnUngrounded: the data contradicts {0} figure(s); the first is '{1}' on line {2} ({3}){4}.", count, figure, line, reason,
        string.IsNullOrEmpty(source) ? "" : " in " + source);

    public static string ReportSource(int run, string model) => F("report run {0} ({1})", run, model);

    public const string MixedInput = "Reports and comparisons cannot be exported to one file: export them separately.";

    public static string SeveralReports(int count) => F(
        "{0} reports cannot be written to one file: put {{Run}} in -Path (e.g. report-{{Run}}.md) to write one file per run.", count);

    public static string UnknownFormat(string extension) => F(
        "Cannot tell the format from the extension '{0}': use -Format Markdown, Json or Html, or a .md, .json or .html path.", extension);

    public static string FileExists(string path) => F("The file '{0}' already exists. Use -Force to overwrite it.", path);

    public static string FolderMissing(string folder) => F("The folder '{0}' does not exist.", folder);

    public static string WriteFailed(string path, string reason) => F("Could not write '{0}': {1} Any earlier file there is unchanged.", path, reason);

    public static string ShouldProcessAction(string format) => F("Write {0} report", format);
}
