using System.Text.RegularExpressions;

namespace OllamaTestServer;

/// <summary>keep_alive as Ollama reads it: a JSON number of seconds, or a Go duration string ("5m", "1h30m", "0", "-1s").</summary>
public static partial class GoDuration
{
    /// <summary>Returns null when valid, else Go's error text.</summary>
    public static string? Validate(string text)
    {
        if (text == "0" || text == "-0" || text == "+0")
        {
            return null;
        }

        return Duration().IsMatch(text) ? null : $"time: missing unit in duration \"{text}\"";
    }

    public static bool IsZero(string text) =>
        text is "0" or "-0" or "+0" ||
        (Duration().IsMatch(text) && !Regex.IsMatch(text, "[1-9]"));

    [GeneratedRegex(@"^[-+]?(?:\d+(?:\.\d*)?(?:ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex Duration();
}
