namespace Chimera.Insight.Configuration;

/// <summary>The values given explicitly (cmdlet parameters): each one set beats every other source; null means not given.</summary>
public sealed class SettingsParameters
{
    /// <summary>-ConfigurationPath; relative to <see cref="WorkingDirectory"/>.</summary>
    public string? ConfigurationPath { get; set; }

    public string? Profile { get; set; }

    /// <summary>-OllamaUri, in any form OLLAMA_HOST accepts.</summary>
    public string? OllamaUri { get; set; }

    public string? Model { get; set; }

    public double? TimeoutSeconds { get; set; }

    public double? IdleTimeoutSeconds { get; set; }

    public int? MaxRetries { get; set; }

    public string? KeepAlive { get; set; }

    public string? Persona { get; set; }

    /// <summary>Never shown: only its presence is.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Ollama options that add to or override the file's and the profile's; a null value removes one.</summary>
    public IDictionary<string, object?>? Options { get; set; }

    /// <summary>Where chimera-insight.yaml is looked for and relative paths start (PowerShell's current location); default: the process's.</summary>
    public string? WorkingDirectory { get; set; }

    public override string ToString() => $"Model={Model}, OllamaUri={OllamaUri}, Profile={Profile}, ApiKey={(ApiKey is null ? "absent" : "present")}";
}
