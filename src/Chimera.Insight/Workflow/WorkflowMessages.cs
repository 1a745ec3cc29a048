using System.Globalization;

namespace Chimera.Insight.Workflow;

/// <summary>What the report workflow tells the user.</summary>
internal static class WorkflowMessages
{
    public const string Cancelled = "The report was cancelled; the text received so far is kept on the incomplete report.";

    public static string LlmRequired(string? reason) =>
        $"-RequireLlm: Ollama could not be reached, so no report was written by a model. {reason}".TrimEnd();

    public static string FellBackOffline(string? reason) =>
        $"Ollama could not be reached, so the narrative was written offline from the findings. {reason}".TrimEnd();

    public static string AnswerCut(int? tokens) =>
        string.Format(CultureInfo.InvariantCulture,
            "The model stopped at its token limit (done_reason \"length\", {0} tokens): the narrative may end mid-sentence. Raise -NumPredict or -NumCtx.",
            tokens?.ToString(CultureInfo.InvariantCulture) ?? "?");

    public static string NotOnGpu(string model, int gpuPercent, string placement) =>
        string.Format(CultureInfo.InvariantCulture,
            "Model '{0}' is not wholly on the GPU ({1}% offloaded: {2}): its timings are CPU-bound and not comparable with GPU runs.",
            model, gpuPercent, placement);

    public static string AskingAgain(IReadOnlyList<string> figures) =>
        $"-StrictGrounding: {figures.Count} figure(s) the data does not support ({string.Join(", ", figures)}); asking the model once more.";

    public static string CorrectionPrompt(string previous, IReadOnlyList<string> figures) =>
        "Your previous answer stated figures that the facts above do not contain: " + string.Join(", ", figures) +
        ". Rewrite the whole answer using only figures that appear in the facts above, exactly as given or rounded. Previous answer:\n\n" + previous;

    public static string StillUngrounded(IReadOnlyList<string> figures) =>
        $"-StrictGrounding: after a second ask the narrative still states {figures.Count} figure(s) the data does not support: {string.Join(", ", figures)}.";

    public static string UnknownFactIds(IReadOnlyList<string> ids) =>
        $"The model wrote fact ids the facts do not hold ({string.Join(", ", ids)}): they are printed as \"{Reporting.FactIdRenderer.UnknownFigure}\".";
}
