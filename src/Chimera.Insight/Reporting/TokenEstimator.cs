namespace Chimera.Insight.Reporting;

/// <summary>
/// Estimates how many tokens a text costs a Llama/Gemma-family SentencePiece or BPE tokenizer, without
/// the tokenizer. The rule of thumb "characters / 4" holds for English prose but undercounts fact
/// sheets, which are dense in digits and punctuation. This estimate counts by character class:
/// <list type="bullet">
/// <item>ASCII letters: one token per 3.5 letters (common English words are one token, long or rare ones two or three);</item>
/// <item>digits: one token each (Gemma splits numbers into single digits; Llama 3 groups up to three, so this overestimates there);</item>
/// <item>punctuation and symbols: one token each ("·", "|", ":", "=", "-" rarely merge with neighbours);</item>
/// <item>other letters (accented, CJK): one token each;</item>
/// <item>spaces: free (merged into the following word); line breaks: one token each;</item>
/// </list>
/// then adds <see cref="SafetyMargin"/> and, per chat message, <see cref="MessageOverhead"/> tokens of
/// chat template. It is meant to err high: a prompt estimated to fit does fit.
/// </summary>
public static class TokenEstimator
{
    public const double LettersPerToken = 3.5;

    /// <summary>Multiplier on the raw count, for tokenizer differences.</summary>
    public const double SafetyMargin = 1.1;

    /// <summary>Template tokens around one chat message (role markers, turn delimiters).</summary>
    public const int MessageOverhead = 8;

    /// <summary>Estimated tokens of <paramref name="text"/>, margin included, template overhead excluded.</summary>
    public static int Estimate(string? text) => (int)Math.Ceiling(Raw(text) * SafetyMargin);

    /// <summary>Estimated tokens of a chat: every message plus the template overhead of each.</summary>
    public static int EstimateChat(params string?[] messages) =>
        (int)Math.Ceiling(messages.Sum(Raw) * SafetyMargin) + messages.Length * MessageOverhead;

    /// <summary>The additive, unrounded count without margin: Raw(a + b) == Raw(a) + Raw(b).</summary>
    public static double Raw(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        double letters = 0, tokens = 0;
        foreach (var c in text!)
        {
            if (c < 128 && char.IsLetter(c))
            {
                letters++;
            }
            else if (c == ' ' || c == '\t' || c == '\r')
            {
                // merged into the next word
            }
            else
            {
                // digits, punctuation, symbols, non-ASCII letters, line breaks
                tokens++;
            }
        }

        return tokens + letters / LettersPerToken;
    }
}
