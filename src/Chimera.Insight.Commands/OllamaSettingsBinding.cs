using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Security;
using Chimera.Insight.Configuration;

namespace Chimera.Insight.Commands;

/// <summary>
/// Turns the settings parameters the Ollama cmdlets share (-ConfigurationPath, -Profile, -OllamaUri,
/// -Model, -ApiKey, -Option...) into the engine's <see cref="SettingsParameters"/>, resolved against
/// PowerShell's current location, and resolves them into the effective settings.
/// </summary>
internal static class OllamaSettingsBinding
{
    /// <summary>A SettingsParameters with the working directory and, when given, the configuration path resolved by PowerShell.</summary>
    public static SettingsParameters Create(PSCmdlet cmdlet, string? configurationPath)
    {
        var parameters = new SettingsParameters
        {
            WorkingDirectory = cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath,
        };
        if (!string.IsNullOrWhiteSpace(configurationPath))
        {
            parameters.ConfigurationPath = cmdlet.GetUnresolvedProviderPathFromPSPath(configurationPath);
        }

        return parameters;
    }

    /// <summary>Resolves the settings; an unusable configuration ends the command with an error naming the file, line and column.</summary>
    public static EffectiveSettings Resolve(PSCmdlet cmdlet, SettingsParameters parameters)
    {
        try
        {
            return new SettingsResolver().Resolve(parameters);
        }
        catch (ConfigurationException ex)
        {
            var category = ex.Path is not null && ex.Line is null ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidData;
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidInsightConfiguration", category, (object?)ex.Path ?? parameters));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>The plain text of a SecureString key (kept only in the settings, never written out).</summary>
    public static string? ToPlainText(SecureString? secure) =>
        secure is null || secure.Length == 0 ? null : new NetworkCredential(string.Empty, secure).Password;

    /// <summary>-Option @{ num_ctx = 512 } as a plain dictionary: PSObject wrappers removed, arrays kept.</summary>
    public static IDictionary<string, object?>? ToOptions(Hashtable? options)
    {
        if (options is null)
        {
            return null;
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in options)
        {
            result[entry.Key?.ToString() ?? ""] = Unwrap(entry.Value);
        }

        return result;
    }

    private static object? Unwrap(object? value)
    {
        var bare = value is PSObject wrapped ? wrapped.BaseObject : value;
        return bare is object[] items ? items.Select(Unwrap).ToArray() : bare;
    }
}
