using System.Buffers;
using System.IO.Hashing;
using System.Runtime.CompilerServices;

namespace Chimera.Insight.Inventory;

/// <summary>XxHash128 of a file's bytes, read through a pooled buffer. A file that fits the buffer can be handed back
/// whole (<see cref="HashFile(string, out byte[], CancellationToken)"/>); a larger one is never held.</summary>
public static class ContentHasher
{
    /// <summary>Files smaller than this have their bytes handed back by
    /// <see cref="HashFile(string, out byte[], CancellationToken)"/>.</summary>
    public const int KeptContentLimit = BufferSize;

    private const int BufferSize = 128 * 1024;

    /// <summary>The hash of an empty file, which is never opened.</summary>
    public static string EmptyHash { get; } = ToHex(XxHash128.Hash([]));

    /// <summary>Lower-case hex XxHash128 of the file, and its bytes in <paramref name="content"/> when it is smaller
    /// than <see cref="KeptContentLimit"/> (null otherwise). Throws what opening or reading the file throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string HashFile(string path, out byte[]? content, CancellationToken cancellationToken = default)
    {
        content = null;
        // Made only for a file larger than the buffer: a smaller one is hashed in one call.
        XxHash128? hasher = null;
        Span<byte> hash = stackalloc byte[16];
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            // No read-ahead hint: most artifacts are a few KB, and the hint is one more system call per file.
            using var stream = new FileStream(
                path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.None);
            var filled = 0;
            int read;
            while ((read = stream.Read(buffer, filled, buffer.Length - filled)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                filled += read;
                if (filled == buffer.Length)
                {
                    // Larger than the buffer (or exactly its size): hashed as it streams, not kept.
                    (hasher ??= new XxHash128()).Append(buffer);
                    filled = 0;
                }
            }

            var rest = new ReadOnlySpan<byte>(buffer, 0, filled);
            if (hasher is null)
            {
                XxHash128.Hash(rest, hash);
                content = rest.ToArray();
            }
            else
            {
                hasher.Append(rest);
                hasher.GetCurrentHash(hash);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return ToHex(hash);
    }

    private static string ToHex(ReadOnlySpan<byte> hash)
    {
        var characters = new char[hash.Length * 2];
        for (var i = 0; i < hash.Length; i++)
        {
            characters[2 * i] = HexDigit(hash[i] >> 4);
            characters[(2 * i) + 1] = HexDigit(hash[i] & 0xF);
        }

        return new string(characters);
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);
}
