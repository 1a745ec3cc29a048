namespace Chimera.Insight.Extraction.Producers;

/// <summary>The messages of the producer readers.</summary>
internal static class ProducerStrings
{
    public const string AllRequestsFailed = "all {0} requests of the run failed ({1}): its 0.0 figures are placeholders, not measurements";
    public const string NoErrorGiven = "no error text";
    public const string RequestProducedNothing = "the request produced no token and no timing";
    public const string ErrorCode = "error_code {0}{1}";
    public const string PromptFromCache = "the prompt came from Ollama's cache (no prompt_eval_count): no prompt tokens or prompt rate for this response";
    public const string NoDurations = "the response carries no eval_duration: no generation rate is derived";
    public const string GuideLlmIncomplete = "{0}: {1} incomplete request(s) (cancelled at the end of the run) are neither figures nor failures; warm-up and cool-down requests are outside GuideLLM's metrics";
    public const string WarmupSkipped = "{0} warm-up record(s) left out, as AIPerf leaves them out of its statistics";
    public const string BrokenLine = "not a JSON document: the line is left out";
    public const string CompanionModel = "the model ({0}) comes from {1}";
}
