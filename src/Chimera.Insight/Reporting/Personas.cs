using System.Globalization;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Reporting;

/// <summary>System prompts for the report writer, and what they ask of the answer.</summary>
public static class Personas
{
    /// <summary>The seed's InsightAgent persona, word for word.</summary>
    public const string Default =
        "You are InsightAgent, a Chimera-optimised LLM operations specialist.\n" +
        "Given the repository context described previously, produce:\n" +
        "1. Executive summary of model performance.\n" +
        "2. Three optimisation recommendations that balance throughput, TTFT, and quality.\n" +
        "3. A risk/mitigation table with at least two rows.\n" +
        "Aim for 300-400 words, with numbered sections and bolded metric callouts.";

    /// <summary>Answer length assumed when the persona names none.</summary>
    public const int DefaultAnswerWords = 400;

    /// <summary>Tokens per English word of report prose (Llama/Gemma tokenizers: 1.3-1.4; the upper end, plus Markdown).</summary>
    public const double TokensPerWord = 1.35;

    private static readonly Regex WordRange = new(
        @"\b(?:aim\s+for|in|within|about|around|under|at\s+most|up\s+to|no\s+more\s+than|keep[^.\n]{0,40}?under)\s+(?:(\d{1,5})\s*(?:-|–|—|to)\s*)?(\d{1,5})\s+words",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The most words the persona asks for ("Aim for 300-400 words" gives 400), else <see cref="DefaultAnswerWords"/>.</summary>
    public static int AnswerWords(string? persona)
    {
        if (!string.IsNullOrEmpty(persona))
        {
            var match = WordRange.Match(persona);
            if (match.Success && int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var words) && words > 0)
            {
                return words;
            }
        }

        return DefaultAnswerWords;
    }

    /// <summary>Tokens to keep free for the answer the persona asks for.</summary>
    public static int AnswerTokens(string? persona) => (int)Math.Ceiling(AnswerWords(persona) * TokensPerWord);
}
