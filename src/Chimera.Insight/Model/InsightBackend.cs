namespace Chimera.Insight;

/// <summary>What Get-InsightBackend found: is Ollama reachable, which version, which models, where the loaded ones run.</summary>
public sealed class InsightBackend
{
    public bool Reachable { get; set; }
    public string Uri { get; set; } = "";
    public string? Version { get; set; }
    public OllamaModel[] Models { get; set; } = [];
    public OllamaLoadedModel[] LoadedModels { get; set; } = [];
    /// <summary>The model asked about (-Model or the configuration).</summary>
    public string? Model { get; set; }
    /// <summary>Whether /api/tags lists that model; null when unreachable or no model was asked about.</summary>
    public bool? ModelPresent { get; set; }
    /// <summary>Why the server is not reachable or a query failed; null when all went well.</summary>
    public string? Error { get; set; }
    /// <summary>A warning about the address itself (plain http to another machine), else null.</summary>
    public string? EndpointWarning { get; set; }
    public double ResponseMs { get; set; }
    public DateTime CheckedAt { get; set; }
}
