namespace Chimera.Insight.Ollama;

/// <summary>One generation call: where, which model, what to say and how long to wait.</summary>
public sealed class GenerationRequest
{
    /// <summary>The Ollama base address (a base path such as a proxy's /ollama/ is kept).</summary>
    public Uri Uri { get; set; } = OllamaEndpoint.DefaultUri;

    public string Model { get; set; } = "";

    /// <summary>The system prompt (the persona).</summary>
    public string? System { get; set; }

    public string Prompt { get; set; } = "";

    /// <summary>
    /// Ollama options, snake_case as Ollama spells them (num_gpu, num_ctx, temperature, top_p, top_k,
    /// repeat_penalty, seed, num_predict, ...). Known options are converted to Ollama's types (a numeric
    /// string becomes a number); unknown ones go on the wire as given. A null value is left out.
    /// </summary>
    public IDictionary<string, object?> Options { get; set; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Ollama's keep_alive: a duration ("5m", "0", "-1s"); a bare number is taken as seconds.</summary>
    public string? KeepAlive { get; set; }

    /// <summary>The whole call, retries included. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>The longest silence allowed between two chunks once the answer has started.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a busy server (503) or a refused connection, only before any text arrived.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Sent as "Authorization: Bearer ..." and nowhere else.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Use /api/chat (system + user messages) instead of /api/generate.</summary>
    public bool UseChat { get; set; }

    public override string ToString() => $"{Model} at {OllamaEndpoint.Display(Uri)}";
}
