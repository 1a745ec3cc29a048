namespace Chimera.Insight.Reporting;

/// <summary>
/// Fits a persona and a fact sheet into a model's context window (num_ctx), keeping room for the
/// answer the persona asks for. When the context cannot hold everything, facts are packed by
/// section priority and a warning states the numbers; the estimated prompt never exceeds the context.
/// </summary>
public static class PromptBudget
{
    /// <summary>num_ctx suggestions are rounded up to this step.</summary>
    public const int NumCtxStep = 256;

    /// <summary>prompt_eval_count within this many tokens of num_ctx means the prompt filled the context.</summary>
    public const int ContextEdgeTokens = 8;

    /// <summary>prompt_eval_count below this share of the estimate means tokens went missing.</summary>
    public const double LowEvaluationShare = 0.5;

    /// <summary>Packs <paramref name="facts"/> for <paramref name="persona"/> into <paramref name="numCtx"/> (null: no limit).</summary>
    public static PromptBudgetResult Fit(string? persona, FactSheet facts, int? numCtx)
    {
        if (facts is null) throw new ArgumentNullException(nameof(facts));
        var system = string.IsNullOrWhiteSpace(persona) ? Personas.Default : persona!;
        var desired = Personas.AnswerTokens(system);
        var fullPrompt = UserPrompt(facts.ToText());
        var fullTokens = TokenEstimator.EstimateChat(system, fullPrompt);
        var required = RoundUp(fullTokens + desired);

        var result = new PromptBudgetResult
        {
            SystemPrompt = system,
            Prompt = fullPrompt,
            EstimatedPromptTokens = fullTokens,
            FullPromptTokens = fullTokens,
            DesiredAnswerTokens = desired,
            ReservedAnswerTokens = desired,
            NumCtx = numCtx,
            RequiredNumCtx = required,
            IncludedSections = facts.Sections.Select(s => s.Title).ToArray(),
            Fits = true,
        };

        if (numCtx is null || fullTokens + desired <= numCtx.Value)
        {
            return result;
        }

        var context = Math.Max(1, numCtx.Value);
        var reserved = Math.Min(desired, context / 2);
        var limit = context - reserved;
        result.Fits = false;
        result.NumCtx = context;
        result.ReservedAnswerTokens = reserved;
        Pack(result, facts, limit);

        if (result.EstimatedPromptTokens > limit)
        {
            CutPersona(result, limit);
            result.IncludedSections = [];
            result.OmittedSections = facts.Sections.Select(s => s.Title).ToArray();
            result.Warning = ReportingMessages.PersonaCut(context);
            return result;
        }

        result.Warning = ReportingMessages.BudgetExceeded(
            fullTokens, desired, Personas.AnswerWords(system), context, result.EstimatedPromptTokens, reserved,
            result.OmittedSections.Length == 0 ? "nothing" : string.Join(", ", result.OmittedSections), required);
        return result;
    }

    /// <summary>
    /// After the call: a warning when Ollama's prompt_eval_count shows the prompt was cut (it reached
    /// num_ctx, or fell well below the estimate); null when the count looks whole or is unknown.
    /// </summary>
    public static string? CheckPromptEvaluation(PromptBudgetResult budget, int? promptEvalCount, int? numCtx = null)
    {
        if (budget is null) throw new ArgumentNullException(nameof(budget));
        if (promptEvalCount is not int evaluated || evaluated <= 0)
        {
            return null;
        }

        var context = numCtx ?? budget.NumCtx;
        if (context is int limit && evaluated >= limit - ContextEdgeTokens)
        {
            return ReportingMessages.PromptReachedContext(evaluated, limit);
        }

        if (evaluated < budget.EstimatedPromptTokens * LowEvaluationShare)
        {
            return ReportingMessages.PromptBelowEstimate(evaluated, budget.EstimatedPromptTokens);
        }

        return null;
    }

    /// <summary>The user message around a fact sheet text.</summary>
    public static string UserPrompt(string factText) =>
        ReportingMessages.PromptInstruction + "\n\n" + (string.IsNullOrWhiteSpace(factText) ? ReportingMessages.NoFacts : factText);

    private static void Pack(PromptBudgetResult result, FactSheet facts, int limit)
    {
        // The estimate is additive, so each line's cost can be added up without re-rendering.
        var fixedRaw = TokenEstimator.Raw(result.SystemPrompt) + TokenEstimator.Raw(ReportingMessages.PromptInstruction + "\n\n");
        double Tokens(double raw) => Math.Ceiling(raw * TokenEstimator.SafetyMargin) + 2 * TokenEstimator.MessageOverhead;

        var used = fixedRaw;
        var parts = new List<(FactSection Section, int Lines)>();
        var included = new List<string>();
        var omitted = new List<string>();
        var stopped = false;
        foreach (var section in facts.Sections)
        {
            if (stopped)
            {
                omitted.Add(section.Title);
                continue;
            }

            var take = 0;
            var cost = TokenEstimator.Raw((parts.Count > 0 ? "\n\n" : "") + "## " + section.Title);
            foreach (var line in section.Lines)
            {
                var next = cost + TokenEstimator.Raw("\n- " + line);
                if (Tokens(used + next) > limit)
                {
                    break;
                }

                cost = next;
                take++;
            }

            if (take > 0)
            {
                used += cost;
                parts.Add((section, take));
            }

            if (take == section.Lines.Count)
            {
                included.Add(section.Title);
            }
            else
            {
                omitted.Add(take == 0 ? section.Title : $"{section.Title} ({take} of {section.Lines.Count} lines)");
                stopped = true;
            }
        }

        result.Prompt = UserPrompt(FactSheet.Render(parts));
        result.EstimatedPromptTokens = TokenEstimator.EstimateChat(result.SystemPrompt, result.Prompt);
        result.IncludedSections = included.ToArray();
        result.OmittedSections = omitted.ToArray();
    }

    private static void CutPersona(PromptBudgetResult result, int limit)
    {
        result.Prompt = UserPrompt("");
        var available = limit - TokenEstimator.EstimateChat("", result.Prompt);
        var persona = result.SystemPrompt;
        var length = persona.Length;
        while (length > 0 && TokenEstimator.Estimate(persona.Substring(0, length)) > available)
        {
            length = length * 9 / 10;
        }

        result.SystemPrompt = persona.Substring(0, Math.Max(0, length));
        result.EstimatedPromptTokens = TokenEstimator.EstimateChat(result.SystemPrompt, result.Prompt);
        if (result.EstimatedPromptTokens > limit)
        {
            // A context too small even for the instruction: send nothing rather than overflow it.
            result.Prompt = "";
            result.EstimatedPromptTokens = TokenEstimator.EstimateChat(result.SystemPrompt, result.Prompt);
        }
    }

    private static int RoundUp(int tokens) => (tokens + NumCtxStep - 1) / NumCtxStep * NumCtxStep;
}
