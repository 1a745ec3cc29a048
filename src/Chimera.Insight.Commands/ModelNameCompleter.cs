using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Chimera.Insight.Configuration;
using Chimera.Insight.Ollama;

namespace Chimera.Insight.Commands;

/// <summary>
/// Completes -Model from the server's installed models (/api/tags). The server is the one -OllamaUri
/// names, else the configuration's, else OLLAMA_HOST's, else localhost. Quick (1.5 s at most) and
/// silent: no server, no completions. Use it as [ArgumentCompleter(typeof(ModelNameCompleter))].
/// </summary>
public sealed class ModelNameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1.5);
    private static readonly Lazy<OllamaGateway> Gateway = new(() => new OllamaGateway());

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        string[] names;
        try
        {
            using var budget = new CancellationTokenSource(Budget);
            var query = Settings(fakeBoundParameters).CreateBackendQuery(Budget);
            names = Gateway.Value.GetModelNamesAsync(query, budget.Token).GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // A completer stays silent: a bad configuration or a server that is down gives no names.
            return [];
        }

        return names
            .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(name => new CompletionResult(Quote(name), name, CompletionResultType.ParameterValue, name))
            .ToArray();
    }

    private static EffectiveSettings Settings(IDictionary bound)
    {
        var parameters = new SettingsParameters
        {
            OllamaUri = Text(bound, "OllamaUri"),
            ConfigurationPath = Text(bound, "ConfigurationPath"),
            Profile = Text(bound, "Profile"),
        };
        var location = CurrentLocation();
        if (!string.IsNullOrEmpty(location))
        {
            parameters.WorkingDirectory = location;
        }

        return new SettingsResolver().Resolve(parameters);
    }

    /// <summary>PowerShell's current folder (where chimera-insight.yaml is looked for); the runspace is busy, so ask it through a nested pipeline.</summary>
    private static string? CurrentLocation()
    {
        try
        {
            using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
            shell.AddScript("$ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath");
            return shell.Invoke().FirstOrDefault()?.BaseObject as string;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static string? Text(IDictionary bound, string name) =>
        bound is not null && bound.Contains(name) && bound[name] is { } value
            ? (value is PSObject wrapped ? wrapped.BaseObject : value).ToString()
            : null;

    private static string Quote(string name) =>
        name.IndexOfAny([' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '@', '#']) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
}
