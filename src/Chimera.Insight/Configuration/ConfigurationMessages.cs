namespace Chimera.Insight.Configuration;

/// <summary>Every user-facing message of the configuration layer.</summary>
internal static class ConfigurationMessages
{
    public const string FileNotFound = "The configuration file '{0}' does not exist.";
    public const string FileNotFoundFromEnvironment = "The configuration file '{0}' named by CHIMERA_INSIGHT_CONFIG does not exist.";
    public const string Unreadable = "The configuration file '{0}' cannot be read: {1}";
    public const string BadYaml = "The configuration file '{0}' is not valid YAML at line {1}, column {2}: {3}";
    public const string NotAMapping = "The configuration file '{0}' must hold a mapping ('{1}:' keys) at line {2}, column {3}.";
    public const string ExpectedMapping = "'{1}' must be a mapping (keys and values) in '{0}' at line {2}, column {3}.";
    public const string ExpectedText = "'{1}' must be a text value in '{0}' at line {2}, column {3}.";
    public const string ExpectedNumber = "'{1}' must be a positive number in '{0}' at line {2}, column {3}; got '{4}'.";
    public const string ExpectedCount = "'{1}' must be a whole number, 0 or more, in '{0}' at line {2}, column {3}; got '{4}'.";
    public const string BadOption = "{1} (in '{0}' at line {2}, column {3}).";
    public const string BadUriInFile = "'{1}' is not a valid Ollama address in '{0}' at line {2}, column {3}: {4}";
    public const string UnknownKey = "Unknown setting '{1}' in '{0}' at line {2}, column {3}: ignored.";
    public const string UnknownProfile = "Unknown profile '{0}'. Known profiles: {1}.";
    public const string BadEnvironmentUri = "The environment variable {0} = '{1}' is not a valid Ollama address: {2}";
    public const string BadParameterUri = "-OllamaUri '{0}' is not a valid Ollama address: {1}";
    public const string BadParameter = "{0} must be {1}; got {2}.";
    public const string Positive = "more than 0";
    public const string NotNegative = "0 or more";
    public const string BadParameterOption = "-Option: {0}";
    public const string EmptyModel = "No model is set: give -Model or set ollama.model in the configuration file.";
    public const string KeyPresent = "(present)";
    public const string KeyAbsent = "(absent)";
}
