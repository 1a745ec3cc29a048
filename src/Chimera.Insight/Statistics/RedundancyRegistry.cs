namespace Chimera.Insight.Statistics;

/// <summary>Remembers which file first brought each content, so that a byte-identical copy or a second export of
/// the same records is counted once.</summary>
internal sealed class RedundancyRegistry
{
    private readonly Dictionary<string, string> byContentHash = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Hash128, string> byRaw = [];
    private readonly Dictionary<Hash128, string> byReported = [];

    /// <summary>Registers a source; returns the earlier source it repeats, if any, for measured and for reported
    /// figures: a byte-identical copy repeats both, the same records in another form each apart.</summary>
    public (Repeat? Measured, Repeat? Reported) Register(string source, string? contentHash, ContentFingerprint fingerprint)
    {
        if (contentHash is { Length: > 0 })
        {
            if (byContentHash.TryGetValue(contentHash, out var copied))
            {
                if (!SameSource(copied, source))
                {
                    var duplicate = new Repeat(RepeatKind.Duplicate, copied);
                    return (duplicate, duplicate);
                }
            }
            else
            {
                byContentHash.Add(contentHash, source);
            }
        }

        return (Register(source, fingerprint.Raw, byRaw), Register(source, fingerprint.Reported, byReported));
    }

    private static Repeat? Register(string source, Hash128? print, Dictionary<Hash128, string> registry)
    {
        if (print is null)
        {
            return null;
        }

        if (registry.TryGetValue(print.Value, out var original))
        {
            return SameSource(original, source) ? null : new Repeat(RepeatKind.Redundant, original);
        }

        registry.Add(print.Value, source);
        return null;
    }

    /// <summary>The source that first brought this content hash, if any.</summary>
    public string? OriginalOf(string contentHash) => byContentHash.TryGetValue(contentHash, out var source) ? source : null;

    private static bool SameSource(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);

    internal sealed class Repeat(RepeatKind kind, string original)
    {
        public RepeatKind Kind { get; } = kind;
        public string Original { get; } = original;
    }
}
