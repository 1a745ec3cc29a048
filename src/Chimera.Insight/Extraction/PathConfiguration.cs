using System.Globalization;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Extraction;

/// <summary>
/// Configuration that files carry in their names rather than their content: <c>gpu80_ctx512_temp1</c>,
/// <c>g60_c2048_t0.8</c>, folders such as <c>chimera_homo_gpu80_ctx512</c>. The file name is read first,
/// then its folders from the nearest up (at most <see cref="FolderDepth"/>); a part found nearer wins.
/// Once per file, never per value.
/// </summary>
internal static partial class PathConfiguration
{
    private const int FolderDepth = 4;
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    // Word boundaries are '_', '-', '.' or the ends of the name: "gpu80" in "homo_gpu80_ctx512", not in "nogpu80x".
    private static readonly Regex Gpu = GpuRegex();
    [GeneratedRegex(@"(?:^|[_\-.])(?:num_?)?gpu[_\-]?(\d{1,4})(?=$|[_\-.])", Options)]
    private static partial Regex GpuRegex();
    private static readonly Regex Ctx = CtxRegex();
    [GeneratedRegex(@"(?:^|[_\-.])(?:num_?)?ctx[_\-]?(\d{2,7})(?=$|[_\-.])", Options)]
    private static partial Regex CtxRegex();
    private static readonly Regex Temperature = TemperatureRegex();
    [GeneratedRegex(@"(?:^|[_\-.])temp(?:erature)?[_\-]?(\d+(?:[.p]\d+)?)(?=$|[_\-])", Options)]
    private static partial Regex TemperatureRegex();
    private static readonly Regex Short = ShortRegex();
    [GeneratedRegex(@"(?:^|[_\-])g(\d{1,4})_c(\d{2,7})(?:_t(\d+(?:[.p]\d+)?))?(?=$|[_\-.])", Options)]
    private static partial Regex ShortRegex();

    /// <summary>What the file's name and folders say. The files of one folder come one after another: what its folders
    /// say is read once per <paramref name="folders"/> (the reader context's memo) and kept for the next file.</summary>
    public static Dimensions FromPath(string path, LastKeyMemo<Dimensions> folders)
    {
        var dimensions = new Dimensions();
        Apply(dimensions, Path.GetFileNameWithoutExtension(path));
        dimensions.FillFrom(folders.Get(Path.GetDirectoryName(path)));
        return dimensions;
    }

    public static Dimensions ReadFolders(string? folder)
    {
        var dimensions = new Dimensions();
        var current = folder;
        for (var depth = 0; depth < FolderDepth && !string.IsNullOrEmpty(current); depth++)
        {
            Apply(dimensions, Path.GetFileName(current!));
            current = Path.GetDirectoryName(current!);
        }

        return dimensions;
    }

    private static readonly char[] Digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

    private static void Apply(Dimensions dimensions, string name)
    {
        if (string.IsNullOrEmpty(name) || name.IndexOfAny(Digits) < 0)
        {
            return;
        }

        // Each pattern runs only on a name holding its word: most names (dates, run counters) hold none.
        var shortForm = Contains(name, "_c") ? Short.Match(name) : Match.Empty;
        if (shortForm.Success)
        {
            dimensions.NumGpu ??= int.Parse(shortForm.Groups[1].Value, CultureInfo.InvariantCulture);
            dimensions.NumCtx ??= int.Parse(shortForm.Groups[2].Value, CultureInfo.InvariantCulture);
            if (shortForm.Groups[3].Success)
            {
                dimensions.Temperature ??= ParseDecimal(shortForm.Groups[3].Value);
            }
        }

        var gpu = Contains(name, "gpu") ? Gpu.Match(name) : Match.Empty;
        if (gpu.Success)
        {
            dimensions.NumGpu ??= int.Parse(gpu.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        var ctx = Contains(name, "ctx") ? Ctx.Match(name) : Match.Empty;
        if (ctx.Success)
        {
            dimensions.NumCtx ??= int.Parse(ctx.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        var temperature = Contains(name, "temp") ? Temperature.Match(name) : Match.Empty;
        if (temperature.Success)
        {
            dimensions.Temperature ??= ParseDecimal(temperature.Groups[1].Value);
        }
    }

    private static bool Contains(string name, string word) => name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;

    // "0.8" or "0p8" (a dot is awkward in names).
    private static double ParseDecimal(string text) =>
        double.Parse(text.Replace('p', '.').Replace('P', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);
}
