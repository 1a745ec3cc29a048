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
            .Select(name => new CompletionResult(CompleterContext.Quote(name), name, CompletionResultType.ParameterValue, name))
            .ToArray();
    }

    private static EffectiveSettings Settings(IDictionary bound)
    {
        var parameters = new SettingsParameters
        {
            OllamaUri = CompleterContext.Text(bound, "OllamaUri"),
            ConfigurationPath = CompleterContext.Text(bound, "ConfigurationPath"),
            Profile = CompleterContext.Text(bound, "Profile"),
        };
        var location = CompleterContext.CurrentLocation();
        if (!string.IsNullOrEmpty(location))
        {
            parameters.WorkingDirectory = location;
        }

        return new SettingsResolver().Resolve(parameters);
    }
}
