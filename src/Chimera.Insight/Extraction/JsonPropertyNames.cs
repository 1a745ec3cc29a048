using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Chimera.Insight.Extraction;

/// <summary>
/// Property names without a new string per property: the same few names (model, success, ttft_s, ...) come back in
/// every object of every file, so a small cache per thread, keyed by the name's raw UTF-8 bytes, answers most.
/// </summary>
internal static class JsonPropertyNames
{
    private const int CacheSize = 128;
    private const int LongestCached = 48;

    [ThreadStatic]
    private static Entry[]? recent;

    [MethodImpl(HotPath.Optimized)]
    public static string Of(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        // Escaped names (\u00e9, \") are left to the parser to unescape.
        if (raw.Length > LongestCached || raw.IndexOf((byte)'\\') >= 0)
        {
            return property.Name;
        }

        var cache = recent ??= new Entry[CacheSize];
        ref var entry = ref cache[XxHash32.HashToUInt32(raw) & (CacheSize - 1)];
        if (entry.Text is null || !raw.SequenceEqual(entry.Bytes))
        {
            entry.Bytes = raw.ToArray();
            entry.Text = property.Name;
        }

        return entry.Text;
    }

    private struct Entry
    {
        public byte[] Bytes;
        public string? Text;
    }
}
