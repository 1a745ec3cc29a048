using System.Globalization;

namespace Chimera.Insight.Reporting;

/// <summary>The user-facing messages of the reporting engine, in one place.</summary>
internal static class ReportingMessages
{
    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    public static string BudgetExceeded(int fullPrompt, int answer, int answerWords, int numCtx, int packedPrompt, int reserved, string omitted, int required) => F(
        "num_ctx {3} cannot hold the prompt (about {0} tokens with every fact) and the answer the persona asks for (about {1} tokens for {2} words). " +
        "The facts were packed by priority to about {4} tokens, keeping {5} tokens for the answer; left out: {6}. " +
        "Set num_ctx to at least {7} to send every fact.",
        fullPrompt, answer, answerWords, numCtx, packedPrompt, reserved, omitted, required);

    public static string PersonaCut(int numCtx) => F(
        "The persona alone does not fit num_ctx {0}: it was cut, and no facts were sent.", numCtx);

    public static string PromptReachedContext(int promptEvalCount, int numCtx) => F(
        "Ollama evaluated {0} prompt tokens, at the num_ctx limit of {1}: the prompt was probably cut and the model did not see every fact.",
        promptEvalCount, numCtx);

    public static string PromptBelowEstimate(int promptEvalCount, int estimate) => F(
        "Ollama evaluated {0} prompt tokens where about {1} were expected: the prompt was probably cut (or partly served from Ollama's prompt cache).",
        promptEvalCount, estimate);

    public const string PromptInstruction =
        "Benchmark facts computed from the data follow. Write from these facts only: quote figures as given " +
        "(rounding is fine), never invent a figure, and say so where the facts do not answer a question.";

    /// <summary>The first line of the sheet's figures: how to quote one by its id.</summary>
    public const string FactIdNote = "Write a figure's id in braces ({F12} for [F12]) to have it printed from the data.";

    public const string NoFacts = "No benchmark facts fit the context.";
}
