using System.Globalization;
using System.Text.RegularExpressions;

namespace Chimera.Insight.Reporting.Grounding;

internal enum MentionKind
{
    Model,
    Backend,
    Phase,
    Setting,
    Source,
}

/// <summary>A subject named in a text: a model, a backend, a phase, a setting and its value, or a file.</summary>
internal readonly struct Mention
{
    public Mention(MentionKind kind, int start, int end, string value, string? key = null)
    {
        Kind = kind;
        Start = start;
        End = end;
        Value = value;
        Key = key;
    }

    public MentionKind Kind { get; }
    public int Start { get; }
    public int End { get; }
    public string Value { get; }
    public string? Key { get; }
}

/// <summary>
/// The names a text may use for the subjects of the data: its models (and the short forms Ollama accepts,
/// gemma3 for gemma3:latest; a kernel's last path part), backends, configuration settings, phases and files.
/// Finds them in a line of text.
/// </summary>
internal sealed partial class SubjectVocabulary
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    private static readonly Regex PhaseWords = PhaseWordsRegex();
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(cold|warm)(?![\p{L}\p{N}])", Options)]
    private static partial Regex PhaseWordsRegex();
    private static readonly Regex FileName = FileNameRegex();
    [GeneratedRegex(@"[\w.\-]+\.(?:jsonl|json|csv|md|markdown|txt|log|yaml|yml)(?![\w])", Options)]
    private static partial Regex FileNameRegex();

    private readonly (string Alias, string Name)[] models;
    private readonly (string Alias, string Name)[] backends;
    private readonly Regex settings;
    private readonly HashSet<string> labels;

    public SubjectVocabulary(IEnumerable<MetricGroup> groups)
    {
        var list = groups.ToList();
        labels = new HashSet<string>(list.Select(g => g.Label), StringComparer.OrdinalIgnoreCase);
        var modelAliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in list.Select(g => g.Model).Where(m => m is not null).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            modelAliases[name!] = name!;
        }

        // Short forms, only where they name one model: gemma3 for gemma3:latest, fused_linear_gelu for fusion/fused_linear_gelu.
        var shortForms = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in modelAliases.Values.ToList())
        {
            if (name.EndsWith(":latest", StringComparison.OrdinalIgnoreCase)) Add(shortForms, name.Substring(0, name.Length - 7), name);
            var slash = name.LastIndexOfAny(['/', '\\']);
            if (slash > 0 && slash < name.Length - 2) Add(shortForms, name.Substring(slash + 1), name);
        }

        foreach (var (alias, names) in shortForms)
        {
            if (names.Count == 1 && !modelAliases.ContainsKey(alias)) modelAliases[alias] = names[0];
        }

        models = modelAliases.Where(p => p.Key.Length >= 2).Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Key.Length).ToArray();
        backends = list.Select(g => g.Backend).Where(b => b is { Length: >= 2 }).Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(b => !modelAliases.ContainsKey(b!)).Select(b => (b!, b!)).OrderByDescending(b => b.Item1.Length).ToArray();

        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            @"num[_ ]?gpu", @"num[_ ]?ctx", "temperature", "temp", @"top[_ \-]?p", @"top[_ \-]?k", @"repeat[_ ]?penalty",
            @"context(?: window| length| size)?", "ctx", "gpu layers", "quantization",
        };
        foreach (var key in list.SelectMany(g => g.Settings.Keys).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            keys.Add(Regex.Escape(key));
        }

        settings = new Regex(
            @"(?<![\p{L}\p{N}_])(?<key>" + string.Join("|", keys.OrderByDescending(k => k.Length)) + @")(?:\s*(?:=|:)\s*\**(?<value>-?\d+(?:\.\d+)?(?![\d.]*[A-Za-z])|[A-Za-z][\w.\-]*)|\s+(?:of|at|set to)?\s*\**(?<value>-?\d+(?:\.\d+)?(?![\d.]*[A-Za-z])))",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase); // built for each fact set: interpreted, not compiled
    }

    /// <summary>True when <paramref name="text"/> is a group's whole label as the module writes it.</summary>
    public bool IsLabel(string text) => labels.Contains(text.Trim().Trim('*', '`', ' '));

    /// <summary>The subjects named in <paramref name="text"/>, in order.</summary>
    public List<Mention> Find(string text)
    {
        var found = new List<Mention>();
        if (string.IsNullOrEmpty(text)) return found;
        FindNames(text, models, MentionKind.Model, found);
        FindNames(text, backends, MentionKind.Backend, found);
        foreach (Match match in settings.Matches(text))
        {
            var key = SettingKeyOf(match.Groups["key"].Value);
            var value = match.Groups["value"].Value;
            if (!Overlaps(found, match.Index, match.Index + match.Length))
            {
                found.Add(new Mention(MentionKind.Setting, match.Index, match.Index + match.Length, value, key));
            }
        }

        foreach (Match match in PhaseWords.Matches(text))
        {
            if (!Overlaps(found, match.Index, match.Index + match.Length))
            {
                found.Add(new Mention(MentionKind.Phase, match.Index, match.Index + match.Length, char.ToUpperInvariant(match.Value[0]) + match.Value.Substring(1).ToLowerInvariant()));
            }
        }

        foreach (Match match in FileName.Matches(text))
        {
            if (!Overlaps(found, match.Index, match.Index + match.Length))
            {
                found.Add(new Mention(MentionKind.Source, match.Index, match.Index + match.Length, match.Value));
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>The canonical key of a setting as written: "num ctx", "context window" and "ctx" are num_ctx.</summary>
    private static string SettingKeyOf(string written)
    {
        var normalised = written.ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        if (normalised.StartsWith("context", StringComparison.Ordinal) || normalised == "ctx") return GroundingVocabulary.NumCtx;
        if (normalised == "gpu_layers") return GroundingVocabulary.NumGpu;
        return GroundingVocabulary.SettingKey(normalised) ?? normalised;
    }

    private static void FindNames(string text, (string Alias, string Name)[] names, MentionKind kind, List<Mention> found)
    {
        foreach (var (alias, name) in names)
        {
            var at = 0;
            while ((at = text.IndexOf(alias, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var end = at + alias.Length;
                if (BoundaryBefore(text, at) && BoundaryAfter(text, end) && !Overlaps(found, at, end))
                {
                    found.Add(new Mention(kind, at, end, name));
                }

                at = end;
            }
        }
    }

    private static bool BoundaryBefore(string text, int at) =>
        at == 0 || !(char.IsLetterOrDigit(text[at - 1]) || text[at - 1] is ':' or '_' or '/' or '\\' or '-' || (text[at - 1] == '.' && at > 1 && char.IsLetterOrDigit(text[at - 2])));

    private static bool BoundaryAfter(string text, int end) =>
        end >= text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] is '_' or '/' or '\\' or '-' ||
                                (text[end] is '.' or ':' && end + 1 < text.Length && char.IsLetterOrDigit(text[end + 1])));

    private static bool Overlaps(List<Mention> found, int start, int end) => found.Any(m => start < m.End && m.Start < end);

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = new List<string>();
        if (!list.Contains(value, StringComparer.OrdinalIgnoreCase)) list.Add(value);
    }

    /// <summary>True when a setting's value as written equals the group's (numerically where both are numbers).</summary>
    public static bool SameSetting(string written, string held)
    {
        if (double.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) &&
            double.TryParse(held, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
        {
            return Math.Abs(a - b) < 1e-9;
        }

        return string.Equals(written, held, StringComparison.OrdinalIgnoreCase);
    }
}
