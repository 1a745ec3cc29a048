namespace Chimera.Insight.Ollama;

/// <summary>A short question to the server: status, placement, model names.</summary>
public sealed class BackendQuery
{
    public Uri Uri { get; set; } = OllamaEndpoint.DefaultUri;

    /// <summary>The model whose presence (and placement) to report; optional.</summary>
    public string? Model { get; set; }

    /// <summary>Sent as "Authorization: Bearer ..." and nowhere else.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Each HTTP request's limit: a status check must answer quickly even when the server is down.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Also list the installed models (/api/tags). A report reading where its model ran right after the call
    /// needs the version and the loaded models only.</summary>
    public bool IncludeInstalledModels { get; set; } = true;

    public override string ToString() => OllamaEndpoint.Display(Uri);
}
