using System.Globalization;
using Chimera.Insight.Ollama;

namespace Chimera.Insight.Configuration;

/// <summary>The settings a run uses, each with where it came from. Holds the API key but never shows it.</summary>
public sealed class EffectiveSettings
{
    internal EffectiveSettings(
        Uri ollamaUri, string model, TimeSpan timeout, TimeSpan idleTimeout, int maxRetries, string? keepAlive, string persona,
        IReadOnlyDictionary<string, object> options, string? profile, string? configurationPath, string? apiKey,
        IReadOnlyList<string> profiles, IReadOnlyList<InsightSetting> sources, IReadOnlyList<string> warnings)
    {
        OllamaUri = ollamaUri;
        Model = model;
        Timeout = timeout;
        IdleTimeout = idleTimeout;
        MaxRetries = maxRetries;
        KeepAlive = keepAlive;
        Persona = persona;
        Options = options;
        Profile = profile;
        ConfigurationPath = configurationPath;
        ApiKey = apiKey;
        Profiles = profiles;
        Sources = sources;
        Warnings = warnings;
    }

    public Uri OllamaUri { get; }
    public string Model { get; }
    public TimeSpan Timeout { get; }
    public TimeSpan IdleTimeout { get; }
    public int MaxRetries { get; }
    public string? KeepAlive { get; }
    public string Persona { get; }

    /// <summary>Normalized Ollama options (snake_case names; long, double, bool, string or string[] values).</summary>
    public IReadOnlyDictionary<string, object> Options { get; }

    public string? Profile { get; }
    public string? ConfigurationPath { get; }

    /// <summary>The key for a proxy in front of Ollama; pass it on, never print it.</summary>
    public string? ApiKey { get; }

    public bool ApiKeyPresent => !string.IsNullOrEmpty(ApiKey);
    public IReadOnlyList<string> Profiles { get; }
    public IReadOnlyList<InsightSetting> Sources { get; }
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>"num_gpu=80, num_ctx=512, temperature=1".</summary>
    public string ConfigurationText => OllamaOptions.Describe(Options);

    public string? EndpointWarning => EndpointPolicy.Describe(OllamaUri, ApiKeyPresent);

    /// <summary>The run settings among the options.</summary>
    public RunSettings RunSettings => RunSettings.FromOptions(Options);

    public int? NumCtx => RunSettings.NumCtx;

    /// <summary>A generation request with these settings: persona as system prompt, a copy of the options.</summary>
    public GenerationRequest CreateGenerationRequest(string prompt) => new()
    {
        Uri = OllamaUri,
        Model = Model,
        System = Persona,
        Prompt = prompt,
        Options = Options.ToDictionary(pair => pair.Key, pair => (object?)pair.Value, StringComparer.Ordinal),
        KeepAlive = KeepAlive,
        Timeout = Timeout,
        IdleTimeout = IdleTimeout,
        MaxRetries = MaxRetries,
        ApiKey = ApiKey,
    };

    /// <summary>A status or placement query with these settings (a short timeout: 5 s unless given).</summary>
    public BackendQuery CreateBackendQuery(TimeSpan? timeout = null) => new()
    {
        Uri = OllamaUri,
        Model = Model,
        ApiKey = ApiKey,
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
    };

    /// <summary>The public, printable view (the key shown only as present or absent).</summary>
    public InsightConfiguration ToConfiguration() => new()
    {
        OllamaUri = OllamaEndpoint.Display(OllamaUri),
        Model = Model,
        Profile = Profile,
        Configuration = ConfigurationText,
        Options = Options.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
        Settings = RunSettings,
        TimeoutSeconds = Timeout.TotalSeconds,
        IdleTimeoutSeconds = IdleTimeout.TotalSeconds,
        MaxRetries = MaxRetries,
        KeepAlive = KeepAlive,
        ApiKeyPresent = ApiKeyPresent,
        Persona = Persona,
        ConfigurationPath = ConfigurationPath,
        Profiles = Profiles.ToArray(),
        Sources = Sources.ToArray(),
        EndpointWarning = EndpointWarning,
        Warnings = Warnings.ToArray(),
    };

    public override string ToString() =>
        $"{Model} at {OllamaEndpoint.Display(OllamaUri)} ({ConfigurationText}){(Profile is null ? "" : ", profile " + Profile)}";
}
