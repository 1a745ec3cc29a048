using System.Globalization;

namespace Chimera.Insight.Commands.Inventory;

/// <summary>What Get-BenchmarkInventory says to people, apart from the engine's own sentences about paths.</summary>
internal static class InventoryStrings
{
    public const string ProgressActivity = "Taking the benchmark inventory";

    public static string NoMatch(string path) =>
        string.Format(CultureInfo.CurrentCulture, "Cannot find path '{0}' because it does not exist.", path);

    public static string NotFileSystem(string path, string provider) =>
        string.Format(CultureInfo.CurrentCulture,
            "Cannot take an inventory of '{0}': it is a {1} path, and only file system paths hold benchmark files.", path, provider);

    public static string ProgressStatus(int files, int skipped, int problems) =>
        string.Format(CultureInfo.CurrentCulture, "{0:N0} files found, {1:N0} passed over, {2:N0} problems", files, skipped, problems);

    public static string ProgressOperation(string path) =>
        string.Format(CultureInfo.CurrentCulture, "Reading {0}", path);

    public static string Skipped(string path) =>
        string.Format(CultureInfo.CurrentCulture, "Passed over '{0}': not a CSV, JSON or Markdown file.", path);

    public static string EmptyDateRange(DateTime since, DateTime before) =>
        string.Format(CultureInfo.CurrentCulture, "-Since ({0:O}) must be earlier than -Before ({1:O}).", since, before);
}
