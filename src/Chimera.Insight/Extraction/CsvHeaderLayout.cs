using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;

namespace Chimera.Insight.Extraction;

/// <summary>
/// What a CSV header says, worked out once: each column's name and what it maps to, how many hold metrics, and the
/// repeated names to report. The files of one tool share their header, so the last few layouts are kept in the reader
/// context (<see cref="Cache"/>), keyed by the header's field bytes, and most files find theirs there.
/// </summary>
internal sealed class CsvHeaderLayout
{
    private const int CacheSize = 8;
    private const int LongestKey = 4096;

    /// <summary>The last layouts one reader context saw, and the scratch their keys are made in.</summary>
    internal sealed class Cache
    {
        public readonly CsvHeaderLayout?[] Recent = new CsvHeaderLayout?[CacheSize];
        public int NextSlot;
        public byte[] KeyScratch = new byte[256];
    }

    private readonly byte[] key;

    private CsvHeaderLayout(byte[] key, string[] names, FieldMapping[] mappings, (int Column, string Name)[] repeated)
    {
        this.key = key;
        Names = names;
        Mappings = mappings;
        Repeated = repeated;
        MetricColumns = mappings.Count(m => m.Role == FieldRole.Metric);
        IsBlank = names.All(n => n.Length == 0);
    }

    /// <summary>Column names, trimmed (and without a byte order mark).</summary>
    public string[] Names { get; }

    /// <summary>What each column maps to (<see cref="FieldMapping.IgnoreField"/> for a blank or repeated name), siblings resolved.</summary>
    public FieldMapping[] Mappings { get; }

    public int MetricColumns { get; }

    /// <summary>A name seen before in the header: its 0-based column and the name. Only the first such column counts.</summary>
    public (int Column, string Name)[] Repeated { get; }

    /// <summary>True when every name is blank: no header at all.</summary>
    public bool IsBlank { get; }

    // A layout belongs to the one reader context that cached it, which reads one file at a time: its columns serve
    // file after file of that context.
    private CsvColumn[]? columns;

    /// <summary>The columns for the next file, none yet known to hold numbers. (The text each last read is kept:
    /// the files of one tool repeat their models, and the same text is then the same string.)</summary>
    public CsvColumn[] TakeColumns()
    {
        if (columns is null)
        {
            columns = new CsvColumn[Names.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = new CsvColumn(Names[i], Mappings[i]);
            }
        }
        else
        {
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i].Numeric = false;
            }
        }

        return columns;
    }

    /// <summary>The layout of the record <paramref name="reader"/> is on, taken as the header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CsvHeaderLayout Of(CsvReader reader, Cache layouts)
    {
        var cache = layouts.Recent;
        var length = KeyOf(reader, layouts, out var keyBytes);
        if (length <= LongestKey)
        {
            var wanted = keyBytes.AsSpan(0, length);
            foreach (var layout in cache)
            {
                if (layout is not null && wanted.SequenceEqual(layout.key))
                {
                    return layout;
                }
            }
        }

        var built = Build(reader, length <= LongestKey ? keyBytes.AsSpan(0, length).ToArray() : []);
        if (length <= LongestKey)
        {
            cache[layouts.NextSlot] = built;
            layouts.NextSlot = (layouts.NextSlot + 1) % CacheSize;
        }

        return built;
    }

    /// <summary>Each field's decoded bytes followed by a NUL (a file holding NUL bytes is not read as text).</summary>
    private static int KeyOf(CsvReader reader, Cache layouts, out byte[] buffer)
    {
        buffer = layouts.KeyScratch;
        var length = 0;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var field = reader.GetSpan(i);
            var needed = length + field.Length + 1;
            if (needed > LongestKey)
            {
                return needed;
            }

            if (needed > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(LongestKey, Math.Max(needed, buffer.Length * 2)));
                layouts.KeyScratch = buffer;
            }

            field.CopyTo(buffer.AsSpan(length));
            length += field.Length;
            buffer[length++] = 0;
        }

        return length;
    }

    private static CsvHeaderLayout Build(CsvReader reader, byte[] key)
    {
        var count = reader.FieldCount;
        var names = new string[count];
        var mappings = new FieldMapping?[count];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var repeated = new List<(int, string)>();
        for (var i = 0; i < count; i++)
        {
            names[i] = reader.GetString(i).Trim().TrimStart('\uFEFF');
            if (names[i].Length == 0)
            {
                continue;
            }

            if (!seen.Add(names[i]))
            {
                repeated.Add((i, names[i]));
                continue;
            }

            mappings[i] = MetricNames.Map(names[i]);
        }

        RecordRules.ResolveSiblings(mappings, names);
        return new CsvHeaderLayout(key, names, [.. mappings.Select(m => m ?? FieldMapping.IgnoreField)], [.. repeated]);
    }

    /// <summary>The message for a repeated column, as the header's problem.</summary>
    public static string RepeatedMessage((int Column, string Name) repeat) =>
        string.Format(CultureInfo.InvariantCulture, ExtractionStrings.CsvDuplicateColumn, repeat.Name, repeat.Column + 1);
}
