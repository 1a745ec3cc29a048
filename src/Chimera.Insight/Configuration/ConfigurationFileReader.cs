using System.Globalization;
using Chimera.Insight.Ollama;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chimera.Insight.Configuration;

/// <summary>Reads chimera-insight.yaml: its base settings, its profiles, and warnings for keys it does not know.</summary>
internal sealed class ConfigurationFileReader
{
    private readonly string path;
    private readonly List<string> warnings = [];

    private ConfigurationFileReader(string path) => this.path = path;

    public static ConfigurationFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(Format(ConfigurationMessages.Unreadable, path, ex.Message), path, inner: ex);
        }

        return new ConfigurationFileReader(path).Parse(text);
    }

    private ConfigurationFile Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var line = (int)ex.Start.Line;
            var column = (int)ex.Start.Column;
            throw new ConfigurationException(Format(ConfigurationMessages.BadYaml, path, line, column, Innermost(ex)), path, line, column, ex);
        }

        var file = new ConfigurationFile(path, new SettingsLayer(SettingSource.File));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return file;
        }

        var root = stream.Documents[0].RootNode as YamlMappingNode
                   ?? throw Error(ConfigurationMessages.NotAMapping, stream.Documents[0].RootNode, "");
        foreach (var (key, value) in Entries(root))
        {
            switch (key.Value)
            {
                case "ollama":
                    ReadOllama(Mapping(value, "ollama"), file.Base, "ollama");
                    break;
                case "options":
                    ReadOptions(Mapping(value, "options"), file.Base);
                    break;
                case "persona":
                    file.Base.Set(SettingNames.Persona, Text(value, "persona").TrimEnd(), Where(value));
                    break;
                case "profiles":
                    foreach (var (name, profile) in Entries(Mapping(value, "profiles")))
                    {
                        file.Profiles[name.Value!] = ReadProfile(profile, "profiles." + name.Value);
                    }

                    break;
                default:
                    Warn(key, key.Value ?? "");
                    break;
            }
        }

        file.Warnings.AddRange(warnings);
        return file;
    }

    private SettingsLayer ReadProfile(YamlNode node, string name)
    {
        var layer = new SettingsLayer(SettingSource.Profile);
        if (node is YamlScalarNode { Value: null or "" } || IsNull(node))
        {
            return layer;
        }

        foreach (var (key, value) in Entries(Mapping(node, name)))
        {
            switch (key.Value)
            {
                case "ollama":
                    ReadOllama(Mapping(value, name + ".ollama"), layer, name + ".ollama");
                    break;
                case "options":
                    ReadOptions(Mapping(value, name + ".options"), layer);
                    break;
                case "persona":
                    layer.Set(SettingNames.Persona, Text(value, name + ".persona").TrimEnd(), Where(value));
                    break;
                default:
                    Warn(key, name + "." + key.Value);
                    break;
            }
        }

        return layer;
    }

    private void ReadOllama(YamlMappingNode mapping, SettingsLayer layer, string prefix)
    {
        foreach (var (key, value) in Entries(mapping))
        {
            var name = prefix + "." + key.Value;
            switch (key.Value)
            {
                case "uri":
                    var text = Text(value, name);
                    try
                    {
                        layer.Set(SettingNames.Uri, OllamaEndpoint.Parse(text).ToString(), Where(value));
                    }
                    catch (FormatException ex)
                    {
                        throw Error(ConfigurationMessages.BadUriInFile, value, name, ex.Message);
                    }

                    break;
                case "model":
                    layer.Set(SettingNames.Model, Text(value, name), Where(value));
                    break;
                case "timeoutSeconds":
                    layer.Set(SettingNames.TimeoutSeconds, PositiveNumber(value, name), Where(value));
                    break;
                case "idleTimeoutSeconds":
                    layer.Set(SettingNames.IdleTimeoutSeconds, PositiveNumber(value, name), Where(value));
                    break;
                case "maxRetries":
                    layer.Set(SettingNames.MaxRetries, Count(value, name), Where(value));
                    break;
                case "keepAlive":
                    layer.Set(SettingNames.KeepAlive, Text(value, name), Where(value));
                    break;
                default:
                    Warn(key, name);
                    break;
            }
        }
    }

    private void ReadOptions(YamlMappingNode mapping, SettingsLayer layer)
    {
        foreach (var (key, value) in Entries(mapping))
        {
            var name = OllamaOptions.NormalizeName(key.Value ?? "");
            try
            {
                layer.SetOption(name, OllamaOptions.NormalizeValue(name, Value(value)), Where(value));
            }
            catch (FormatException ex)
            {
                throw Error(ConfigurationMessages.BadOption, value, ex.Message.TrimEnd('.'));
            }
        }
    }

    /// <summary>A plain scalar becomes a number, a flag or null as YAML 1.2's core schema reads it; a quoted one stays text.</summary>
    private static object? Value(YamlNode node)
    {
        switch (node)
        {
            case YamlSequenceNode sequence:
                return sequence.Children.Select(Value).ToArray();
            case YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain:
                var text = scalar.Value ?? "";
                if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
                {
                    return null;
                }

                if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
                {
                    return bool.Parse(text);
                }

                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    return whole;
                }

                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text;
            case YamlScalarNode scalar:
                return scalar.Value ?? "";
            default:
                return node.ToString();
        }
    }

    private IEnumerable<(YamlScalarNode Key, YamlNode Value)> Entries(YamlMappingNode mapping)
    {
        foreach (var entry in mapping.Children)
        {
            if (entry.Key is not YamlScalarNode key)
            {
                throw Error(ConfigurationMessages.ExpectedText, entry.Key, "key");
            }

            yield return (key, entry.Value);
        }
    }

    private YamlMappingNode Mapping(YamlNode node, string name) =>
        node as YamlMappingNode ?? (IsNull(node) ? new YamlMappingNode() : throw Error(ConfigurationMessages.ExpectedMapping, node, name));

    private string Text(YamlNode node, string name) =>
        node is YamlScalarNode { Value: { } text } ? text : throw Error(ConfigurationMessages.ExpectedText, node, name);

    private double PositiveNumber(YamlNode node, string name) =>
        node is YamlScalarNode { Value: { } text } &&
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw Error(ConfigurationMessages.ExpectedNumber, node, name, (node as YamlScalarNode)?.Value ?? node.ToString());

    private int Count(YamlNode node, string name) =>
        node is YamlScalarNode { Value: { } text } &&
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw Error(ConfigurationMessages.ExpectedCount, node, name, (node as YamlScalarNode)?.Value ?? node.ToString());

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    private void Warn(YamlNode key, string name) =>
        warnings.Add(Format(ConfigurationMessages.UnknownKey, path, name, key.Start.Line, key.Start.Column));

    private string Where(YamlNode node) => $"{path}:{node.Start.Line}";

    private ConfigurationException Error(string format, YamlNode node, string name, params object[] more)
    {
        var line = (int)node.Start.Line;
        var column = (int)node.Start.Column;
        var args = new object[] { path, name, line, column }.Concat(more).ToArray();
        return new ConfigurationException(Format(format, args), path, line, column);
    }

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex.Message;
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}

/// <summary>A configuration file read: its base settings and its profiles.</summary>
internal sealed class ConfigurationFile
{
    public ConfigurationFile(string path, SettingsLayer baseLayer)
    {
        Path = path;
        Base = baseLayer;
    }

    public string Path { get; }

    public SettingsLayer Base { get; }

    public Dictionary<string, SettingsLayer> Profiles { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Warnings { get; } = [];
}
