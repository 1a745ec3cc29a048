using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Chimera.Insight.Extraction;

/// <summary>Turns a file's bytes into text: UTF-8 (with or without BOM), UTF-16 LE/BE and UTF-32 LE with BOM.
/// Invalid UTF-8 is reported with its byte offset and replaced, so the rest of the file still reads.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Decodes to a string (for CSV and Markdown).</summary>
    public static string ToText(byte[] bytes, int length, SampleSink sink)
    {
        var (encoding, offset) = DetectBom(bytes, length);
        if (encoding is not null)
        {
            return encoding.GetString(bytes, offset, length - offset);
        }

        return DecodeUtf8(bytes, offset, length - offset, sink);
    }

    /// <summary>UTF-8 bytes without BOM (for JSON): the file's own buffer when it already is valid UTF-8.</summary>
    public static ReadOnlyMemory<byte> ToUtf8(byte[] bytes, int length, SampleSink sink)
    {
        var (encoding, offset) = DetectBom(bytes, length);
        if (encoding is not null)
        {
            return LenientUtf8.GetBytes(encoding.GetString(bytes, offset, length - offset));
        }

        if (IsValidUtf8(bytes, offset, length - offset, out _))
        {
            return new ReadOnlyMemory<byte>(bytes, offset, length - offset);
        }

        return LenientUtf8.GetBytes(DecodeUtf8(bytes, offset, length - offset, sink));
    }

    private static string DecodeUtf8(byte[] bytes, int offset, int count, SampleSink sink)
    {
        if (IsValidUtf8(bytes, offset, count, out var badAt))
        {
            return LenientUtf8.GetString(bytes, offset, count);
        }

        sink.Error(string.Format(CultureInfo.InvariantCulture, "byte {0}", badAt),
            string.Format(CultureInfo.InvariantCulture, ExtractionStrings.InvalidUtf8, badAt));
        return LenientUtf8.GetString(bytes, offset, count);
    }

    private static bool IsValidUtf8(byte[] bytes, int offset, int count, out long badAt)
    {
        badAt = -1;
        // ASCII fast path: most benchmark files are pure ASCII, checked eight bytes at a time.
        var end = offset + count;
        var words = MemoryMarshal.Cast<byte, ulong>(new ReadOnlySpan<byte>(bytes, offset, count));
        var word = 0;
        while (word < words.Length && (words[word] & 0x8080808080808080UL) == 0)
        {
            word++;
        }

        var i = offset + (word * sizeof(ulong));
        while (i < end && bytes[i] < 0x80)
        {
            i++;
        }

        if (i == end)
        {
            return true;
        }

        try
        {
            StrictUtf8.GetCharCount(bytes, i, end - i);
            return true;
        }
        catch (DecoderFallbackException)
        {
            badAt = FindInvalid(bytes, i, end);
            return false;
        }
    }

    // The first byte offset that does not start or continue a well-formed UTF-8 sequence.
    private static long FindInvalid(byte[] bytes, int from, int end)
    {
        var i = from;
        while (i < end)
        {
            var b = bytes[i];
            int length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
            if (length == 0 || i + length > end)
            {
                return i;
            }

            for (var k = 1; k < length; k++)
            {
                if ((bytes[i + k] & 0xC0) != 0x80)
                {
                    return i;
                }
            }

            i += length;
        }

        return from;
    }

    private static (Encoding? Encoding, int Offset) DetectBom(byte[] b, int length)
    {
        if (length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        {
            return (null, 3);
        }

        if (length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        }

        if (length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        }

        if (length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        }

        return (null, 0);
    }
}
