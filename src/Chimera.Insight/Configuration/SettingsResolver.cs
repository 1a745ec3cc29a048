using System.Globalization;
using Chimera.Insight.Ollama;

namespace Chimera.Insight.Configuration;

/// <summary>
/// Resolves the effective settings: parameters beat the selected profile, which beats the
/// configuration file, which beats the environment (OLLAMA_HOST, OLLAMA_API_KEY), which beats the
/// defaults. The file is -ConfigurationPath, else $env:CHIMERA_INSIGHT_CONFIG, else
/// chimera-insight.yaml in the working directory when there is one.
/// </summary>
public sealed class SettingsResolver
{
    private readonly Func<string, string?> environment;

    public SettingsResolver()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <param name="environment">Reads an environment variable (injectable for tests).</param>
    public SettingsResolver(Func<string, string?> environment) => this.environment = environment;

    /// <exception cref="ConfigurationException">A file that is missing or invalid (named with line and column), an unknown profile, a bad address or value.</exception>
    public EffectiveSettings Resolve(SettingsParameters parameters)
    {
        if (parameters is null)
        {
            throw new ArgumentNullException(nameof(parameters));
        }

        var workingDirectory = string.IsNullOrEmpty(parameters.WorkingDirectory) ? Directory.GetCurrentDirectory() : parameters.WorkingDirectory!;
        var file = FindFile(parameters.ConfigurationPath, workingDirectory) is { } path ? ConfigurationFileReader.Read(path) : null;

        var profiles = DefaultSettings.Profiles();
        if (file is not null)
        {
            foreach (var profile in file.Profiles)
            {
                profiles[profile.Key] = profile.Value;
            }
        }

        var layers = new List<SettingsLayer> { DefaultSettings.Layer(), EnvironmentLayer() };
        if (file is not null)
        {
            layers.Add(file.Base);
        }

        string? profileName = null;
        if (!string.IsNullOrWhiteSpace(parameters.Profile))
        {
            var selected = profiles.Keys.FirstOrDefault(name => string.Equals(name, parameters.Profile!.Trim(), StringComparison.OrdinalIgnoreCase))
                           ?? throw new ConfigurationException(Format(ConfigurationMessages.UnknownProfile, parameters.Profile!,
                               string.Join(", ", profiles.Keys.OrderBy(name => name, StringComparer.OrdinalIgnoreCase))), file?.Path);
            profileName = selected;
            layers.Add(profiles[selected]);
        }

        layers.Add(ParameterLayer(parameters));
        return Merge(layers, profileName, file, profiles.Keys);
    }

    private string? FindFile(string? explicitPath, string workingDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var full = Path.GetFullPath(Path.Combine(workingDirectory, explicitPath));
            return File.Exists(full) ? full : throw new ConfigurationException(Format(ConfigurationMessages.FileNotFound, full), full);
        }

        var fromEnvironment = environment(DefaultSettings.ConfigurationVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var full = Path.GetFullPath(Path.Combine(workingDirectory, fromEnvironment!));
            return File.Exists(full) ? full : throw new ConfigurationException(Format(ConfigurationMessages.FileNotFoundFromEnvironment, full), full);
        }

        var local = Path.Combine(workingDirectory, DefaultSettings.FileName);
        return File.Exists(local) ? Path.GetFullPath(local) : null;
    }

    private SettingsLayer EnvironmentLayer()
    {
        var layer = new SettingsLayer(SettingSource.Environment);
        var host = environment(DefaultSettings.HostVariable);
        if (!string.IsNullOrWhiteSpace(host))
        {
            try
            {
                layer.Set(SettingNames.Uri, OllamaEndpoint.Parse(host!).ToString(), DefaultSettings.HostVariable);
            }
            catch (FormatException ex)
            {
                throw new ConfigurationException(Format(ConfigurationMessages.BadEnvironmentUri, DefaultSettings.HostVariable, host!, ex.Message));
            }
        }

        var key = environment(DefaultSettings.ApiKeyVariable);
        if (!string.IsNullOrEmpty(key))
        {
            layer.Set(SettingNames.ApiKey, key!, DefaultSettings.ApiKeyVariable);
        }

        return layer;
    }

    private static SettingsLayer ParameterLayer(SettingsParameters parameters)
    {
        var layer = new SettingsLayer(SettingSource.Parameter);
        if (!string.IsNullOrWhiteSpace(parameters.OllamaUri))
        {
            try
            {
                layer.Set(SettingNames.Uri, OllamaEndpoint.Parse(parameters.OllamaUri!).ToString(), "-OllamaUri");
            }
            catch (FormatException ex)
            {
                throw new ConfigurationException(Format(ConfigurationMessages.BadParameterUri, parameters.OllamaUri!, ex.Message));
            }
        }

        if (!string.IsNullOrWhiteSpace(parameters.Model))
        {
            layer.Set(SettingNames.Model, parameters.Model!.Trim(), "-Model");
        }

        SetPositive(layer, SettingNames.TimeoutSeconds, parameters.TimeoutSeconds, "-TimeoutSec");
        SetPositive(layer, SettingNames.IdleTimeoutSeconds, parameters.IdleTimeoutSeconds, "-IdleTimeoutSec");
        if (parameters.MaxRetries is { } retries)
        {
            layer.Set(SettingNames.MaxRetries, retries >= 0 ? retries : throw new ConfigurationException(
                Format(ConfigurationMessages.BadParameter, "-MaxRetries", ConfigurationMessages.NotNegative, retries)), "-MaxRetries");
        }

        if (!string.IsNullOrWhiteSpace(parameters.KeepAlive))
        {
            layer.Set(SettingNames.KeepAlive, parameters.KeepAlive!.Trim(), "-KeepAlive");
        }

        if (!string.IsNullOrWhiteSpace(parameters.Persona))
        {
            layer.Set(SettingNames.Persona, parameters.Persona!, "-Persona");
        }

        if (!string.IsNullOrEmpty(parameters.ApiKey))
        {
            layer.Set(SettingNames.ApiKey, parameters.ApiKey!, "-ApiKey");
        }

        foreach (var pair in parameters.Options ?? new Dictionary<string, object?>())
        {
            var name = OllamaOptions.NormalizeName(pair.Key);
            try
            {
                layer.SetOption(name, OllamaOptions.NormalizeValue(name, pair.Value), "-Option");
            }
            catch (FormatException ex)
            {
                throw new ConfigurationException(Format(ConfigurationMessages.BadParameterOption, ex.Message));
            }
        }

        return layer;
    }

    private static void SetPositive(SettingsLayer layer, string setting, double? value, string parameter)
    {
        if (value is { } number)
        {
            layer.Set(setting, number > 0 ? number : throw new ConfigurationException(
                Format(ConfigurationMessages.BadParameter, parameter, ConfigurationMessages.Positive, number.ToString(CultureInfo.InvariantCulture))), parameter);
        }
    }

    private static EffectiveSettings Merge(List<SettingsLayer> layers, string? profile, ConfigurationFile? file, IEnumerable<string> profileNames)
    {
        var sources = new List<InsightSetting>();
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var setting in new[]
                 {
                     SettingNames.Uri, SettingNames.Model, SettingNames.TimeoutSeconds, SettingNames.IdleTimeoutSeconds,
                     SettingNames.MaxRetries, SettingNames.KeepAlive, SettingNames.ApiKey, SettingNames.Persona,
                 })
        {
            var layer = layers.LastOrDefault(candidate => candidate.Values.ContainsKey(setting));
            if (layer is null)
            {
                continue;
            }

            values[setting] = layer.Values[setting];
            var shown = setting == SettingNames.ApiKey ? ConfigurationMessages.KeyPresent : Show(setting, layer.Values[setting]);
            sources.Add(new InsightSetting { Setting = setting, Value = shown, Source = layer.Source, Detail = Detail(layer, setting, profile) });
        }

        if (!values.ContainsKey(SettingNames.ApiKey))
        {
            sources.Add(new InsightSetting { Setting = SettingNames.ApiKey, Value = ConfigurationMessages.KeyAbsent, Source = SettingSource.Default, Detail = "default" });
        }

        var options = new Dictionary<string, object>(StringComparer.Ordinal);
        var optionSources = new Dictionary<string, InsightSetting>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var pair in layer.Options)
            {
                if (pair.Value is null)
                {
                    options.Remove(pair.Key);
                    optionSources.Remove(pair.Key);
                    continue;
                }

                options[pair.Key] = pair.Value;
                optionSources[pair.Key] = new InsightSetting
                {
                    Setting = "options." + pair.Key,
                    Value = OllamaOptions.FormatValue(pair.Value),
                    Source = layer.Source,
                    Detail = Detail(layer, "options." + pair.Key, profile),
                };
            }
        }

        sources.AddRange(optionSources.Values.OrderBy(source => source.Setting, StringComparer.Ordinal));
        if (profile is not null)
        {
            sources.Add(new InsightSetting { Setting = SettingNames.Profile, Value = profile, Source = SettingSource.Parameter, Detail = "-Profile" });
        }

        if (file is not null)
        {
            sources.Add(new InsightSetting { Setting = SettingNames.ConfigurationPath, Value = file.Path, Source = SettingSource.File, Detail = file.Path });
        }

        var model = (string)values[SettingNames.Model];
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ConfigurationException(ConfigurationMessages.EmptyModel, file?.Path);
        }

        return new EffectiveSettings(
            new Uri((string)values[SettingNames.Uri]),
            model,
            TimeSpan.FromSeconds(Convert.ToDouble(values[SettingNames.TimeoutSeconds], CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(Convert.ToDouble(values[SettingNames.IdleTimeoutSeconds], CultureInfo.InvariantCulture)),
            Convert.ToInt32(values[SettingNames.MaxRetries], CultureInfo.InvariantCulture),
            values.TryGetValue(SettingNames.KeepAlive, out var keepAlive) ? (string)keepAlive : null,
            (string)values[SettingNames.Persona],
            options,
            profile,
            file?.Path,
            values.TryGetValue(SettingNames.ApiKey, out var key) ? (string)key : null,
            profileNames.OrderBy(name => name, StringComparer.OrdinalIgnoreCase).ToArray(),
            sources,
            file?.Warnings.ToArray() ?? []);
    }

    private static string Detail(SettingsLayer layer, string setting, string? profile)
    {
        var detail = layer.Details.TryGetValue(setting, out var where) ? where : layer.Source.ToString();
        return layer.Source == SettingSource.Profile ? $"profile {profile} ({detail})" : detail;
    }

    private static string Show(string setting, object value) => setting switch
    {
        SettingNames.Uri => OllamaEndpoint.Display(new Uri((string)value)),
        SettingNames.Persona => FirstLine((string)value),
        _ => OllamaOptions.FormatValue(value),
    };

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length > 60 ? line.Substring(0, 57) + "..." : line;
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
