namespace Chimera.Insight.Configuration;

/// <summary>A configuration that cannot be used: the message names the file, line and column, the variable or the parameter.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message, string? path = null, int? line = null, int? column = null, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>The configuration file at fault, when it is a file.</summary>
    public string? Path { get; }

    public int? Line { get; }

    public int? Column { get; }
}
