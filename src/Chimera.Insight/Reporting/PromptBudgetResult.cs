namespace Chimera.Insight.Reporting;

/// <summary>What <see cref="PromptBudget.Fit"/> decided: the messages to send and how they fit the context.</summary>
public sealed class PromptBudgetResult
{
    /// <summary>The system message: the persona (cut only when it alone cannot fit).</summary>
    public string SystemPrompt { get; set; } = "";

    /// <summary>The user message: instructions and the (packed) fact sheet.</summary>
    public string Prompt { get; set; } = "";

    /// <summary>Estimated tokens of both messages with their chat template, as sent.</summary>
    public int EstimatedPromptTokens { get; set; }

    /// <summary>Estimated tokens of both messages had every fact been sent.</summary>
    public int FullPromptTokens { get; set; }

    /// <summary>The answer the persona asks for, in tokens (words × <see cref="Personas.TokensPerWord"/>).</summary>
    public int DesiredAnswerTokens { get; set; }

    /// <summary>Tokens kept free for the answer: the desired answer, or at most half the context when it does not fit.</summary>
    public int ReservedAnswerTokens { get; set; }

    /// <summary>The context the budget was fitted to; null when none was given (nothing packed).</summary>
    public int? NumCtx { get; set; }

    /// <summary>True when every fact and the whole desired answer fit into <see cref="NumCtx"/>.</summary>
    public bool Fits { get; set; }

    /// <summary>The smallest num_ctx (rounded up to a multiple of 256) that holds the full prompt and the desired answer.</summary>
    public int RequiredNumCtx { get; set; }

    /// <summary>Titles of the sections sent whole.</summary>
    public string[] IncludedSections { get; set; } = [];

    /// <summary>Sections left out or cut, e.g. "Findings (3 of 7 lines)".</summary>
    public string[] OmittedSections { get; set; } = [];

    /// <summary>Set when the budget did not hold; states the numbers and the num_ctx that would.</summary>
    public string? Warning { get; set; }
}
