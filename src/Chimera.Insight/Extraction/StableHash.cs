using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Chimera.Insight.Extraction;

/// <summary>64-bit hashes that are the same in every process (no per-process seed): XxHash64 of a text's UTF-16
/// code units, combined with the splitmix64 finalizer. Record ids and content fingerprints are built from them.</summary>
internal static class StableHash
{
    private const ulong Null = 0x9E3779B97F4A7C15UL;

    public static ulong Of(string? text) =>
        text is null ? Null : XxHash64.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));

    /// <summary>The hash of four texts, in order.</summary>
    public static ulong OfFour(string? first, string? second, string? third, string? fourth) =>
        Mix(Mix(Mix(Of(first), Of(second)), Of(third)), Of(fourth));

    /// <summary>The hash of four texts in order (<see cref="OfFour"/>), remembered for the same four string objects: the
    /// records of a file mostly share their model, backend, configuration and prompt, so most reuse the last one.</summary>
    internal struct LastOfFour
    {
        private string? a, b, c, d;
        private ulong hash;
        private bool known;

        public ulong Of(string? first, string? second, string? third, string? fourth)
        {
            if (!known || !ReferenceEquals(first, a) || !ReferenceEquals(second, b) || !ReferenceEquals(third, c) || !ReferenceEquals(fourth, d))
            {
                hash = OfFour(first, second, third, fourth);
                (a, b, c, d, known) = (first, second, third, fourth, true);
            }

            return hash;
        }
    }

    /// <summary>What a value's field fixes (metric, unit, statistic), hashed in one key for record ids and fingerprints.</summary>
    public static ulong OfFigure(string? metric, string? unit, string? statistic) => Mix(Mix(Of(metric), Of(unit)), Of(statistic));

    /// <summary>Combines <paramref name="value"/> into <paramref name="hash"/>: order matters.</summary>
    public static ulong Mix(ulong hash, ulong value) => unchecked((hash ^ Finalize(value)) * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL);

    /// <summary>The splitmix64 finalizer: spreads every input bit over the whole word.</summary>
    public static ulong Finalize(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
