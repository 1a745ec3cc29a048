using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Chimera.Insight.Extraction;

/// <summary>
/// Property names without a new string per property: the same few names (model, success, ttft_s, ...) come back in
/// every object of every file, so a small cache kept by each reader context, keyed by the name's raw UTF-8 bytes,
/// answers most.
/// </summary>
internal sealed class JsonPropertyNames
{
    private const int CacheSize = 128;
    private const int LongestCached = 48;

    private readonly Entry[] recent = new Entry[CacheSize];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Of(JsonProperty property)
    {
        ref var entry = ref EntryOf(property, out var uncached);
        return uncached ?? entry.Text!;
    }

    /// <summary>The name, and what it maps to (<see cref="MetricNames.Map"/>), kept in the same cache entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Of(JsonProperty property, out FieldMapping mapping)
    {
        ref var entry = ref EntryOf(property, out var uncached);
        if (uncached is not null)
        {
            mapping = MetricNames.Map(uncached);
            return uncached;
        }

        mapping = entry.Mapping ??= MetricNames.Map(entry.Text!);
        return entry.Text!;
    }

    /// <summary>The cache entry for the name. A name too long or escaped is not cached: <paramref name="uncached"/> is
    /// then the name itself, and the entry returned is not its own.</summary>
    private ref Entry EntryOf(JsonProperty property, out string? uncached)
    {
        var cache = recent;
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        // Escaped names (\u00e9, \") are left to the parser to unescape.
        if (raw.Length > LongestCached || raw.IndexOf((byte)'\\') >= 0)
        {
            uncached = property.Name;
            return ref cache[0];
        }

        uncached = null;
        ref var entry = ref cache[XxHash32.HashToUInt32(raw) & (CacheSize - 1)];
        if (entry.Text is null || !raw.SequenceEqual(entry.Bytes))
        {
            entry.Bytes = raw.ToArray();
            entry.Text = property.Name;
            entry.Mapping = null;
        }

        return ref entry;
    }

    private struct Entry
    {
        public byte[] Bytes;
        public string? Text;
        public FieldMapping? Mapping;
    }
}
