namespace Chimera.Insight.Configuration;

/// <summary>The settings used when nothing else sets them.</summary>
public static class DefaultSettings
{
    public const string FileName = "chimera-insight.yaml";
    public const string ConfigurationVariable = "CHIMERA_INSIGHT_CONFIG";
    public const string HostVariable = "OLLAMA_HOST";
    public const string ApiKeyVariable = "OLLAMA_API_KEY";

    public const string Model = "gemma3:latest";
    public const double TimeoutSeconds = 600;
    public const double IdleTimeoutSeconds = 60;
    public const int MaxRetries = 3;
    public const long NumCtx = 4096;

    /// <summary>The persona of the earlier tool's InsightAgent, kept as the default system prompt.</summary>
    public const string Persona = Reporting.Personas.Default;

    internal static SettingsLayer Layer()
    {
        var layer = new SettingsLayer(SettingSource.Default);
        layer.Set(SettingNames.Uri, Ollama.OllamaEndpoint.DefaultUri.ToString(), "default");
        layer.Set(SettingNames.Model, Model, "default");
        layer.Set(SettingNames.TimeoutSeconds, TimeoutSeconds, "default");
        layer.Set(SettingNames.IdleTimeoutSeconds, IdleTimeoutSeconds, "default");
        layer.Set(SettingNames.MaxRetries, MaxRetries, "default");
        layer.Set(SettingNames.Persona, Persona, "default");
        layer.SetOption("num_ctx", NumCtx, "default");
        return layer;
    }

    /// <summary>Profiles every configuration has; a file's profile of the same name replaces one.</summary>
    internal static Dictionary<string, SettingsLayer> Profiles()
    {
        var baseline = new SettingsLayer(SettingSource.Profile);
        var chimera = new SettingsLayer(SettingSource.Profile);
        chimera.SetOption("num_gpu", 80L, "built-in profile chimera");
        chimera.SetOption("num_ctx", 512L, "built-in profile chimera");
        chimera.SetOption("temperature", 1.0, "built-in profile chimera");
        return new Dictionary<string, SettingsLayer>(StringComparer.OrdinalIgnoreCase)
        {
            ["baseline"] = baseline,
            ["chimera"] = chimera,
        };
    }
}
