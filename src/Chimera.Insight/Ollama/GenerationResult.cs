namespace Chimera.Insight.Ollama;

/// <summary>What a generation call produced: the text (even a partial one), Ollama's own figures and the client-side TTFT.</summary>
public sealed class GenerationResult
{
    /// <summary>All the text received, also when the call failed part way.</summary>
    public string Text { get; set; } = "";

    /// <summary>True only when the final (done) chunk arrived.</summary>
    public bool Complete { get; set; }

    /// <summary>Client time from sending the request to the first chunk with text (of the attempt that produced text).</summary>
    public double? TtftMs { get; set; }

    public double? LoadDurationMs { get; set; }
    public double? PromptEvalDurationMs { get; set; }
    public double? EvalDurationMs { get; set; }
    public double? TotalDurationMs { get; set; }
    public int? PromptTokens { get; set; }
    public int? TokensGenerated { get; set; }

    /// <summary>eval_count / eval_duration, in tokens per second.</summary>
    public double? TokensPerSecond { get; set; }

    /// <summary>"stop", "length", ... as Ollama reported it.</summary>
    public string? DoneReason { get; set; }

    /// <summary>HTTP requests made, retries included.</summary>
    public int Attempts { get; set; }

    /// <summary>Client wall-clock time of the whole call.</summary>
    public double ElapsedMs { get; set; }

    public GenerationErrorKind ErrorKind { get; set; }

    /// <summary>A clear message for the user; never holds the API key.</summary>
    public string? ErrorMessage { get; set; }

    /// <summary>The HTTP status of a refused request, else null.</summary>
    public int? StatusCode { get; set; }

    public bool Succeeded => Complete && ErrorKind == GenerationErrorKind.None;

    public override string ToString() => Succeeded
        ? $"Complete: {TokensGenerated} tokens, TTFT {TtftMs:0.#} ms, {TokensPerSecond:0.#} tok/s"
        : $"{ErrorKind}: {ErrorMessage}";
}

/// <summary>Why a generation call failed.</summary>
public enum GenerationErrorKind
{
    None,
    /// <summary>The request itself is invalid (no model, an option of the wrong type...): nothing was sent.</summary>
    InvalidRequest,
    /// <summary>404: the model is not on the server.</summary>
    ModelNotFound,
    /// <summary>400: the server refused the request (bad option, prompt over the context, ...).</summary>
    BadRequest,
    /// <summary>401: a proxy in front of Ollama refused the credentials.</summary>
    Unauthorized,
    /// <summary>403: Origin or Host not allowed.</summary>
    Forbidden,
    /// <summary>500: runner crash, out of memory, wrong option type.</summary>
    ServerError,
    /// <summary>503 after every retry.</summary>
    Busy,
    /// <summary>Any other HTTP status.</summary>
    HttpError,
    /// <summary>No connection could be made (after every retry for a refused connection).</summary>
    Unreachable,
    /// <summary>The server sent an {"error"} line mid-stream.</summary>
    StreamError,
    /// <summary>The stream ended without a done chunk.</summary>
    IncompleteStream,
    /// <summary>The connection broke mid-stream.</summary>
    ConnectionLost,
    /// <summary>Nothing arrived for longer than the idle timeout once the answer had started.</summary>
    IdleTimeout,
    /// <summary>The whole call took longer than its timeout.</summary>
    Timeout,
    /// <summary>The caller cancelled (Ctrl+C).</summary>
    Cancelled,
}
