using System.Text.RegularExpressions;

namespace Chimera.Insight.Inventory;

/// <summary>Tells text files that hold benchmark output (a llama-bench table or SQL dump, <c>ollama run --verbose</c>
/// statistics, a Markdown table) from other text (notes, plain logs, prose reports).</summary>
public static class TextSniffer
{
    private static readonly Regex[] Signs =
    [
        new(@"^\s*\|\s*model\s*\|.*\|\s*t/s\s*\|", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        new(@"\|\s*(?:pp|tg) ?\d+(?:\+tg ?\d+)?(?:\s*@\s*d\d+)?\s*\|\s*\d+(?:\.\d+)?\s*±", RegexOptions.CultureInvariant),
        new(@"INSERT\s+INTO\s+(?:llama_bench|test)\s*\(\s*build_commit", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        new(@"^\s*(?:prompt eval rate|eval rate)\s*:\s*\d+(?:\.\d+)?\s*tokens/s", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        new(@"^\s*total duration\s*:\s*\d", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        new(@"^\s*\|[^\n]*\|\s*\r?\n\s*\|\s*:?-{3,}", RegexOptions.Multiline | RegexOptions.CultureInvariant),
    ];

    public static bool HoldsBenchmarkOutput(string text)
    {
        foreach (var sign in Signs)
        {
            if (sign.IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }
}
