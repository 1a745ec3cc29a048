using System.Text.RegularExpressions;

namespace OllamaTestServer;

/// <summary>
/// A fault chosen per request: by the model name's base (<c>stall-5:latest</c>) or the
/// <c>X-Test-Scenario</c> header (which wins). An optional number follows the name.
/// </summary>
/// <remarks>
/// crash (500 runner crash), busy (503 always), busy-N (503 for the first N requests of that exact
/// model name, then success), forbidden (403, empty body), error-midstream ({"error"} line, no done
/// chunk), drop (connection aborted mid-stream), stall[-S] (S seconds of silence mid-stream, then the
/// rest), stall-first[-S] (silence before the first chunk), nodone (clean end without a done chunk),
/// think (thinking chunks first), refuse-long (a prompt over num_ctx gets 400).
/// </remarks>
public sealed partial record Scenario(string Name, int? Number)
{
    public const string HeaderName = "X-Test-Scenario";

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "crash", "busy", "forbidden", "error-midstream", "drop", "stall", "stall-first", "nodone", "think", "refuse-long",
    };

    public static Scenario? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var baseName = text.Split(':')[0].Trim();
        var match = NameAndNumber().Match(baseName);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value.ToLowerInvariant();
        int? number = match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value) : null;
        return Known.Contains(name) ? new Scenario(name, number) : null;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z]+(?:-[a-zA-Z]+)*)(?:-(?<n>\d+))?$")]
    private static partial Regex NameAndNumber();
}
