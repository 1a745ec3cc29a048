using System.Text.Json;

namespace Chimera.Insight.Extraction.Producers;

/// <summary>Files a producer writes beside another that name what it does not: LLMPerf's summary for its individual
/// responses, AIPerf's aggregate JSON for its per-request JSONL. Read only when the reader needs them.</summary>
internal static class CompanionFiles
{
    private const long MaxCompanionBytes = 4 * 1024 * 1024;

    public sealed class Companion(string path, JsonDocument document)
    {
        public string Path { get; } = path;
        public JsonDocument Document { get; } = document;
    }

    /// <summary>LLMPerf: <c>X_summary.json</c> beside <c>X_individual_responses.json</c>; in the leaderboard's layout
    /// <c>../summary/&lt;same name&gt;</c>; else the one <c>*_summary.json</c> in the folder.</summary>
    public static Companion? LlmPerfSummary(string source)
    {
        var folder = Path.GetDirectoryName(source);
        if (folder is null)
        {
            return null;
        }

        var name = Path.GetFileName(source);
        var candidates = new List<string>();
        if (name.IndexOf("_individual_responses", StringComparison.Ordinal) >= 0)
        {
            candidates.Add(Path.Combine(folder, name.Replace("_individual_responses", "_summary")));
        }

        if (Path.GetDirectoryName(folder) is { } parent && Path.GetFileName(folder).StartsWith("individual", StringComparison.OrdinalIgnoreCase))
        {
            candidates.Add(Path.Combine(parent, "summary", name));
        }

        foreach (var candidate in candidates)
        {
            if (Open(candidate, LlmPerfResults.IsSummary) is { } found)
            {
                return found;
            }
        }

        var summaries = SafeList(folder, "*_summary.json");
        return summaries.Length == 1 ? Open(summaries[0], LlmPerfResults.IsSummary) : null;
    }

    /// <summary>AIPerf / GenAI-Perf: the aggregate export in the same folder.</summary>
    public static Companion? AiPerfAggregate(string source)
    {
        var folder = Path.GetDirectoryName(source);
        if (folder is null)
        {
            return null;
        }

        foreach (var name in new[] { "profile_export_aiperf.json", "profile_export_genai_perf.json" })
        {
            if (Open(Path.Combine(folder, name), AiPerfResults.IsAggregate) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string[] SafeList(string folder, string pattern)
    {
        try
        {
            return Directory.GetFiles(folder, pattern);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static Companion? Open(string path, Func<JsonElement, bool> accepts)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxCompanionBytes)
            {
                return null;
            }

            var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip });
            if (accepts(document.RootElement))
            {
                return new Companion(path, document);
            }

            document.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
        }

        return null;
    }
}
