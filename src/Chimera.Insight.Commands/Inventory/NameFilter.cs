using System.Management.Automation;

namespace Chimera.Insight.Commands.Inventory;

/// <summary>Turns -Include and -Exclude wildcards into the file-name test the engine takes.</summary>
internal static class NameFilter
{
    private const WildcardOptions Options = WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant;

    public static Func<string, bool>? Create(string[]? include, string[]? exclude)
    {
        var included = Patterns(include);
        var excluded = Patterns(exclude);
        if (included.Length == 0 && excluded.Length == 0)
        {
            return null;
        }

        return name =>
            (included.Length == 0 || included.Any(pattern => pattern.IsMatch(name))) &&
            !excluded.Any(pattern => pattern.IsMatch(name));
    }

    private static WildcardPattern[] Patterns(string[]? patterns) =>
        (patterns ?? []).Where(pattern => !string.IsNullOrEmpty(pattern)).Select(pattern => new WildcardPattern(pattern, Options)).ToArray();
}
