using System.Globalization;
using System.Runtime.CompilerServices;

namespace Chimera.Insight.Extraction;

/// <summary>Reads one benchmark artifact into samples. (Interface agreed between the extraction and
/// statistics work; the extraction work fills in the body.)</summary>
public static class ArtifactReader
{
    /// <summary>Reads every sample the file holds. Problems never throw: each becomes an
    /// <see cref="ExtractionError"/> and the rest of the file is still read where the format allows.
    /// <paramref name="content"/>: the file's bytes when they are in hand already (lent by the inventory, which read
    /// them to hash the file); the file is then not opened again.</summary>
    public static ExtractionResult Read(string path, ArtifactKind kind, ExtractionOptions? options = null, byte[]? content = null) =>
        Read(path, kind, options, content, null);

    /// <summary>As <see cref="Read(string, ArtifactKind, ExtractionOptions?, byte[]?)"/>, with the reader context of the
    /// worker reading it (a fresh one when null).</summary>
    internal static ExtractionResult Read(string path, ArtifactKind kind, ExtractionOptions? options, byte[]? content, ReaderContext? context)
    {
        options ??= new ExtractionOptions();
        var result = new ExtractionResult();
        var source = FullPath(path);
        var sink = new SampleSink(source, result, Math.Max(1, options.MaxErrorsPerFile), context);
        try
        {
            ReadInto(source, kind, options, sink, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            sink.Error(null, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.FileUnreadable, e.Message));
        }

        sink.Complete();
        return result;
    }

    private static void ReadInto(string source, ArtifactKind kind, ExtractionOptions options, SampleSink sink, byte[]? content)
    {
        var bytes = content is null ? ReadBytes(source, options.MaxFileSize, sink) : WithinLimit(content, options.MaxFileSize, sink);
        if (bytes is null)
        {
            return;
        }

        if (IsBlank(bytes))
        {
            sink.Error(null, ExtractionStrings.EmptyFile);
            return;
        }

        var context = PathConfiguration.FromPath(source, sink.Context.Folders);
        switch (kind)
        {
            case ArtifactKind.Csv:
                var utf8 = TextDecoding.ToUtf8(bytes, bytes.Length, sink);
                if (utf8.Span.IndexOf((byte)0) >= 0)
                {
                    if (TextWithoutNul(System.Text.Encoding.UTF8.GetString(utf8.ToArray()), sink) is not { } text)
                    {
                        break;
                    }

                    utf8 = System.Text.Encoding.UTF8.GetBytes(text);
                }

                if (!Producers.ProducerCsv.TryRead(utf8, context, sink))
                {
                    new CsvArtifactReader(sink, context).Read(utf8);
                }

                break;
            case ArtifactKind.Json:
                new JsonArtifactReader(sink, context, options).Read(TextDecoding.ToUtf8(bytes, bytes.Length, sink),
                    Path.GetExtension(source));
                break;
            case ArtifactKind.Markdown:
                if (TextWithoutNul(TextDecoding.ToText(bytes, bytes.Length, sink), sink) is { } markdown)
                {
                    new MarkdownArtifactReader(sink, context).Read(markdown);
                }

                break;
            case ArtifactKind.Text:
                if (TextWithoutNul(TextDecoding.ToText(bytes, bytes.Length, sink), sink) is { } plainText)
                {
                    new Producers.TextArtifactReader(sink, context).Read(plainText);
                }

                break;
            default:
                sink.Error(null, "unknown artifact kind " + kind);
                break;
        }
    }

    /// <summary>The file's bytes, opened once (its size is checked on the open handle); null, with the error said,
    /// when it is missing or larger than <paramref name="maxFileSize"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[]? ReadBytes(string source, long maxFileSize, SampleSink sink)
    {
        FileStream stream;
        try
        {
            // Read whole in one go: no buffer of its own and no read-ahead hint (one system call less per file).
            stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1,
                FileOptions.None);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            sink.Error(null, ExtractionStrings.FileNotFound);
            return null;
        }

        using (stream)
        {
            var length = stream.Length;
            if (!IsWithinLimit(length, maxFileSize, sink))
            {
                return null;
            }

            var bytes = new byte[length];
            var filled = 0;
            int read;
            while (filled < bytes.Length && (read = stream.Read(bytes, filled, bytes.Length - filled)) > 0)
            {
                filled += read;
            }

            return filled == bytes.Length ? bytes : bytes.AsSpan(0, filled).ToArray();
        }
    }

    private static byte[]? WithinLimit(byte[] content, long maxFileSize, SampleSink sink) =>
        IsWithinLimit(content.Length, maxFileSize, sink) ? content : null;

    private static bool IsWithinLimit(long length, long maxFileSize, SampleSink sink)
    {
        if (length <= maxFileSize)
        {
            return true;
        }

        sink.Error(null, string.Format(CultureInfo.InvariantCulture, ExtractionStrings.FileTooLarge, length, maxFileSize));
        return false;
    }

    private static string FullPath(string path)
    {
        // A Unix path from the inventory is full already: nothing to resolve.
        if (Path.DirectorySeparatorChar == '/' && path.Length > 0 && path[0] == '/'
            && path.IndexOf("/.", StringComparison.Ordinal) < 0 && path.IndexOf("//", StringComparison.Ordinal) < 0)
        {
            return path;
        }

        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsBlank(byte[] bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not (0x20 or 0x09 or 0x0A or 0x0D or 0xEF or 0xBB or 0xBF or 0xFE or 0xFF or 0x00))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Text with NUL characters removed (and reported by line); null when the content is binary.</summary>
    private static string? TextWithoutNul(string text, SampleSink sink)
    {
        var first = text.IndexOf('\0');
        if (first < 0)
        {
            return text;
        }

        var nulCount = 0;
        var lines = 0;
        var lastLine = -1;
        var line = 1;
        var firstLine = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
            }
            else if (c == '\0')
            {
                nulCount++;
                if (lastLine != line)
                {
                    lines++;
                    lastLine = line;
                    if (firstLine == 0)
                    {
                        firstLine = line;
                    }
                }
            }
        }

        // Text with a stray NUL here and there is damaged text; text with many is not text at all.
        if (nulCount * 20 > text.Length)
        {
            sink.Error(null, ExtractionStrings.BinaryContent);
            return null;
        }

        sink.Error(string.Format(CultureInfo.InvariantCulture, "line {0}", firstLine),
            string.Format(CultureInfo.InvariantCulture, ExtractionStrings.NulBytes, lines, firstLine));
        return text.Replace("\0", "");
    }
}

public sealed class ExtractionOptions
{
    /// <summary>Files larger than this are skipped with an error rather than read. A file's values are held while it
    /// is read (about 50 bytes of memory per byte of a JSON file with small records), so the default of 16 MB keeps a
    /// run under about a gigabyte whatever a folder holds; real benchmark artifacts are far smaller.</summary>
    public long MaxFileSize { get; set; } = DefaultMaxFileSize;

    public const long DefaultMaxFileSize = 16L * 1024 * 1024;

    /// <summary>JSON nested deeper than this is refused with an error (the parser's stack stays bounded).</summary>
    public int MaxJsonDepth { get; set; } = 256;

    /// <summary>At most this many errors are listed per file; a last error counts the rest.</summary>
    public int MaxErrorsPerFile { get; set; } = 100;
}

/// <summary>What one file holds: its records (complete, with their values) and the problems met. The samples are
/// built from the records the first time they are asked for: measuring reads the records and never builds them.</summary>
public sealed class ExtractionResult
{
    private List<BenchmarkSample>? samples;

    /// <summary>Full path of the file (or the source named by the caller) the records came from.</summary>
    public string Source { get; private set; } = "";

    /// <summary>One sample per value of every record, in file order.</summary>
    public List<BenchmarkSample> Samples => samples ??= SampleList.Of(Source, Records);

    public List<ExtractionError> Errors { get; } = [];

    /// <summary>What the user should hear about the file that is not an error: a prompt served from the cache, a report's
    /// cell that holds no figure, a column of changes (for verbose output).</summary>
    public List<ExtractionError> Notes { get; } = [];

    /// <summary>The file's records, in file order: the form the samples are a view of.</summary>
    public IReadOnlyList<BenchmarkRecord> Records => RecordList;

    internal List<BenchmarkRecord> RecordList { get; } = [];

    internal void Add(string source, BenchmarkRecord record)
    {
        Source = source;
        record.Source = source;
        RecordList.Add(record);
        samples = null;
    }
}

/// <summary>A problem with one file, row, line or position: named so that a person can find it.</summary>
public sealed class ExtractionError
{
    public string Source { get; set; } = "";
    /// <summary>Row, line, JSON path or byte position, when known.</summary>
    public string? Location { get; set; }
    public string Reason { get; set; } = "";
    public override string ToString() => Location is null ? $"{Source}: {Reason}" : $"{Source} ({Location}): {Reason}";
}
