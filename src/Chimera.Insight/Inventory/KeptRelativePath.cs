namespace Chimera.Insight.Inventory;

/// <summary>A file's relative path kept for later (the first of several copies): as the end of its full path when it
/// is one, since the full path stays alive anyway (it names the file everywhere), so no second string per file does.</summary>
internal readonly struct KeptRelativePath
{
    private readonly string text;
    private readonly int start;

    private KeptRelativePath(string text, int start)
    {
        this.text = text;
        this.start = start;
    }

    public static KeptRelativePath Of(BenchmarkFile file)
    {
        var full = file.FullName;
        var relative = file.RelativePath;
        return full.Length > relative.Length && full.EndsWith(relative, StringComparison.Ordinal)
            ? new KeptRelativePath(full, full.Length - relative.Length)
            : new KeptRelativePath(relative, 0);
    }

    public string Text => start == 0 ? text : text.Substring(start);
}
