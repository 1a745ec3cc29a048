namespace Chimera.Insight.Statistics;

/// <summary>Remembers which file first brought each content, so that a byte-identical copy or a second export of
/// the same records is counted once.</summary>
internal sealed class RedundancyRegistry
{
    private readonly Dictionary<string, string> byContentHash = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Hash128, string> byRaw = [];
    private readonly Dictionary<Hash128, string> byReported = [];

    /// <summary>Registers a source; returns the earlier source it repeats for the given origin, if any.</summary>
    public Repeat? Register(string source, string? contentHash, ContentFingerprint fingerprint, MetricOrigin origin)
    {
        if (contentHash is { Length: > 0 })
        {
            if (byContentHash.TryGetValue(contentHash, out var copied))
            {
                if (!SameSource(copied, source))
                {
                    return new Repeat(RepeatKind.Duplicate, copied);
                }
            }
            else
            {
                byContentHash.Add(contentHash, source);
            }
        }

        var print = fingerprint.For(origin);
        if (print is null)
        {
            return null;
        }

        var registry = origin == MetricOrigin.Measured ? byRaw : byReported;
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
