using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using Chimera.Insight.Configuration;

namespace Chimera.Insight.Commands;

/// <summary>
/// Completes -Metric: the canonical metric names, then every metric name this session's Measure-BenchmarkMetrics
/// and Get-BenchmarkSample have seen (a file's own names, such as insight_ttft_ms).
/// </summary>
public sealed class MetricNameCompleter : IArgumentCompleter
{
    private static readonly ConcurrentDictionary<string, byte> Seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical names, as CanonicalMetric declares them.</summary>
    internal static readonly string[] Canonical = typeof(CanonicalMetric).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    /// <summary>Remembers metric names that came out of a file, for later completions in the session.</summary>
    internal static void Remember(IEnumerable<string> metrics)
    {
        foreach (var metric in metrics)
        {
            if (!string.IsNullOrEmpty(metric)) Seen.TryAdd(metric, 0);
        }
    }

    /// <summary>Canonical names and those seen so far, canonical first.</summary>
    internal static IEnumerable<string> Known() =>
        Canonical.Concat(Seen.Keys.Where(k => !Canonical.Contains(k, StringComparer.OrdinalIgnoreCase)).OrderBy(k => k, StringComparer.OrdinalIgnoreCase));

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        return Known().Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(name => new CompletionResult(CompleterContext.Quote(name), name, CompletionResultType.ParameterValue, name)).ToArray();
    }
}

/// <summary>Completes -Profile from the effective configuration (the file -ConfigurationPath, CHIMERA_INSIGHT_CONFIG or
/// ./chimera-insight.yaml names, and the built-in profiles); silent when the configuration cannot be read.</summary>
public sealed class ProfileNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        try
        {
            var parameters = new SettingsParameters { ConfigurationPath = CompleterContext.Text(fakeBoundParameters, "ConfigurationPath") };
            if (CompleterContext.CurrentLocation() is { Length: > 0 } location)
            {
                parameters.WorkingDirectory = location;
            }

            return new SettingsResolver().Resolve(parameters).Profiles
                .Where(p => p.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(p => new CompletionResult(CompleterContext.Quote(p), p, CompletionResultType.ParameterValue, p)).ToArray();
        }
        catch (Exception)
        {
            // A completer stays silent: a configuration that cannot be read gives no names.
            return [];
        }
    }
}

/// <summary>Completes -Kind with the artifact kinds.</summary>
public sealed class ArtifactKindCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        return Enum.GetNames(typeof(ArtifactKind)).Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(k => new CompletionResult(k, k, CompletionResultType.ParameterValue, k)).ToArray();
    }
}

/// <summary>What the completers read from the session: a bound parameter's text and the current folder.</summary>
internal static class CompleterContext
{
    public static string? Text(IDictionary bound, string name) =>
        bound is not null && bound.Contains(name) && bound[name] is { } value
            ? (value is PSObject wrapped ? wrapped.BaseObject : value).ToString()
            : null;

    /// <summary>A name as it must be typed: in single quotes where PowerShell would read it otherwise (a space, a quote, a
    /// sigil).</summary>
    public static string Quote(string name) =>
        name.IndexOfAny([' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '@', '#']) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;

    /// <summary>PowerShell's current folder (where chimera-insight.yaml is looked for), asked through a nested pipeline.</summary>
    public static string? CurrentLocation()
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
}
