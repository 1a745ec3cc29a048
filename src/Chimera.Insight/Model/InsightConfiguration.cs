namespace Chimera.Insight;

/// <summary>The effective settings (configuration file + parameters + environment + defaults) and where each came from.</summary>
public sealed class InsightConfiguration
{
    public string OllamaUri { get; set; } = "";
    public string Model { get; set; } = "";
    /// <summary>The selected profile, null when none.</summary>
    public string? Profile { get; set; }
    /// <summary>The canonical text of the options, e.g. "num_gpu=80, num_ctx=512, temperature=1".</summary>
    public string Configuration { get; set; } = "";
    /// <summary>The Ollama options sent with every call, snake_case.</summary>
    public Dictionary<string, object> Options { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The run settings, every option of <see cref="RunSettings.Options"/> (min_p too): the six below are
    /// views of it, and <see cref="Configuration"/> names them all.</summary>
    public RunSettings Settings { get; set; }
    public int? NumGpu { get => Settings.NumGpu; set => Settings = Settings.With(RunSettings.NumGpuOption, value); }
    public int? NumCtx { get => Settings.NumCtx; set => Settings = Settings.With(RunSettings.NumCtxOption, value); }
    public double? Temperature { get => Settings.Temperature; set => Settings = Settings.With(RunSettings.TemperatureOption, value); }
    public double? TopP { get => Settings.TopP; set => Settings = Settings.With(RunSettings.TopPOption, value); }
    public int? TopK { get => Settings.TopK; set => Settings = Settings.With(RunSettings.TopKOption, value); }
    public double? RepeatPenalty { get => Settings.RepeatPenalty; set => Settings = Settings.With(RunSettings.RepeatPenaltyOption, value); }
    public double TimeoutSeconds { get; set; }
    public double IdleTimeoutSeconds { get; set; }
    public int MaxRetries { get; set; }
    public string? KeepAlive { get; set; }
    /// <summary>Whether an API key is set; the key itself is never shown.</summary>
    public bool ApiKeyPresent { get; set; }
    public string Persona { get; set; } = "";
    /// <summary>The configuration file read, null when none.</summary>
    public string? ConfigurationPath { get; set; }
    /// <summary>The profiles that can be selected (built-in and from the file).</summary>
    public string[] Profiles { get; set; } = [];
    /// <summary>Every setting with its value and where it came from.</summary>
    public InsightSetting[] Sources { get; set; } = [];
    /// <summary>A warning about the address (plain http to another machine), else null.</summary>
    public string? EndpointWarning { get; set; }
    /// <summary>Problems that did not stop the resolution (unknown keys in the file...).</summary>
    public string[] Warnings { get; set; } = [];
}

/// <summary>One effective setting: its name, its value as text, and where it came from.</summary>
public sealed class InsightSetting
{
    /// <summary>"ollama.uri", "ollama.model", "options.num_ctx", "persona", ...</summary>
    public string Setting { get; set; } = "";
    public string Value { get; set; } = "";
    public SettingSource Source { get; set; }
    /// <summary>Which parameter, variable, file line or profile: "-Model", "OLLAMA_HOST", "./chimera-insight.yaml:3".</summary>
    public string? Detail { get; set; }
}

/// <summary>Where a setting came from, weakest first: a parameter beats a profile, which beats the file, the environment, the default.</summary>
public enum SettingSource
{
    Default,
    Environment,
    File,
    Profile,
    Parameter,
}
