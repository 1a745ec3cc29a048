namespace Chimera.Insight.Configuration;

/// <summary>The settings one source gives (defaults, environment, file, a profile, parameters), each with where it came from.</summary>
internal sealed class SettingsLayer
{
    public SettingsLayer(SettingSource source) => Source = source;

    public SettingSource Source { get; }

    /// <summary>Setting name ("ollama.uri", "persona"...) to its value (string, double or int).</summary>
    public Dictionary<string, object> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Option name to its value; a null value removes an option a weaker layer set.</summary>
    public Dictionary<string, object?> Options { get; } = new(StringComparer.Ordinal);

    /// <summary>Setting or "options.name" to the detail of its origin (parameter, variable, file:line).</summary>
    public Dictionary<string, string> Details { get; } = new(StringComparer.Ordinal);

    public void Set(string setting, object value, string detail)
    {
        Values[setting] = value;
        Details[setting] = detail;
    }

    public void SetOption(string name, object? value, string detail)
    {
        Options[name] = value;
        Details["options." + name] = detail;
    }
}

/// <summary>The setting names, as the configuration file spells them.</summary>
internal static class SettingNames
{
    public const string Uri = "ollama.uri";
    public const string Model = "ollama.model";
    public const string TimeoutSeconds = "ollama.timeoutSeconds";
    public const string IdleTimeoutSeconds = "ollama.idleTimeoutSeconds";
    public const string MaxRetries = "ollama.maxRetries";
    public const string KeepAlive = "ollama.keepAlive";
    public const string ApiKey = "ollama.apiKey";
    public const string Persona = "persona";
    public const string Profile = "profile";
    public const string ConfigurationPath = "configurationPath";
}
