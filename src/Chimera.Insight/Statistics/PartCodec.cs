using System.Buffers.Binary;
using System.IO.Compression;

namespace Chimera.Insight.Statistics;

/// <summary>Writes the bytes of a part's payload (varints, zigzag-coded signed numbers, raw doubles) and hands them
/// out Deflate-compressed as base64, a string property CLIXML carries at a third over the bytes.</summary>
internal sealed class PartWriter
{
    private byte[] buffer = new byte[256];
    private int length;

    public void WriteByte(byte value)
    {
        Ensure(1);
        buffer[length++] = value;
    }

    public void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            buffer[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[length++] = (byte)value;
    }

    public void WriteSigned(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteVarint(0);
            return;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(value);
        WriteVarint((ulong)bytes.Length + 1);
        Ensure(bytes.Length);
        bytes.CopyTo(buffer, length);
        length += bytes.Length;
    }

    public void WriteDouble(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(length), BitConverter.DoubleToInt64Bits(value));
        length += 8;
    }

    /// <summary>The bytes written, compressed: the uncompressed length as a varint, then the Deflate stream.</summary>
    public string ToBase64()
    {
        var output = new MemoryStream(length / 2 + 16);
        var prefix = new PartWriter();
        prefix.WriteVarint((ulong)length);
        output.Write(prefix.buffer, 0, prefix.length);
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(buffer, 0, length);
        }

        return Convert.ToBase64String(output.GetBuffer(), 0, (int)output.Length);
    }

    private void Ensure(int more)
    {
        if (length + more > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + more));
        }
    }
}

/// <summary>Reads what <see cref="PartWriter"/> wrote; a damaged payload raises <see cref="InvalidDataException"/>.</summary>
internal sealed class PartReader
{
    private readonly byte[] bytes;
    private int position;

    private PartReader(byte[] bytes) => this.bytes = bytes;

    public static PartReader FromBase64(string text)
    {
        byte[] packed;
        try
        {
            packed = Convert.FromBase64String(text);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException(PartialMessages.DamagedPart(ex.Message), ex);
        }

        var head = new PartReader(packed);
        var length = head.ReadVarint();
        // Deflate expands at most about 1032 to 1: a stated length beyond that is damage, not data.
        if (length > int.MaxValue / 2 || length > (ulong)packed.Length * 1100 + 1024)
        {
            throw new InvalidDataException(PartialMessages.DamagedPart("length out of range"));
        }

        var raw = new byte[(int)length];
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(packed, head.position, packed.Length - head.position), CompressionMode.Decompress);
            var read = 0;
            while (read < raw.Length && deflate.Read(raw, read, raw.Length - read) is var n and > 0)
            {
                read += n;
            }

            if (read != raw.Length)
            {
                throw new InvalidDataException(PartialMessages.DamagedPart("shorter than its stated length"));
            }
        }
        catch (IOException ex) when (ex.GetType() == typeof(IOException))
        {
            throw new InvalidDataException(PartialMessages.DamagedPart(ex.Message), ex);
        }

        return new PartReader(raw);
    }

    /// <summary>A count read from the payload, refused when the bytes left could not hold that many items (a damaged
    /// payload must not make the reader allocate without bound).</summary>
    public int ReadCount()
    {
        var count = ReadVarint();
        return count <= (ulong)(bytes.Length - position) ? (int)count : throw new InvalidDataException(PartialMessages.DamagedPart("a count beyond its bytes"));
    }

    public byte ReadByte() => position < bytes.Length ? bytes[position++] : throw Truncated();

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException(PartialMessages.DamagedPart("varint too long"));
    }

    public long ReadSigned()
    {
        var zigzag = ReadVarint();
        return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
    }

    public string? ReadString()
    {
        var size = ReadVarint();
        if (size == 0)
        {
            return null;
        }

        if (size - 1 > (ulong)(bytes.Length - position))
        {
            throw Truncated();
        }

        var text = System.Text.Encoding.UTF8.GetString(bytes, position, (int)(size - 1));
        position += (int)(size - 1);
        return text;
    }

    public double ReadDouble()
    {
        if (position + 8 > bytes.Length)
        {
            throw Truncated();
        }

        var value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(position)));
        position += 8;
        return value;
    }

    private static InvalidDataException Truncated() => new(PartialMessages.DamagedPart("truncated"));
}

/// <summary>What one source gave one group: its value, cold and failed counts, and (exact parts) its values.</summary>
internal sealed class PartSegment(int source, int count, int cold, int failed, double[] values)
{
    public int Source { get; } = source;
    public int Count { get; } = count;
    public int Cold { get; } = cold;
    public int Failed { get; } = failed;
    /// <summary>The values, ascending; empty for a sketched part.</summary>
    public double[] Values { get; } = values;
}

/// <summary>
/// The lossless coding of a part's segments. Benchmark figures are decimals as a file wrote them, times a unit's
/// scale (1.8234 s read as 1.8234 * 1000 ms): each value is stored as the integer d for which (d / 10^k) * m gives
/// back exactly the same double, one decimal exponent k and scale m per part (the pair that fits most values),
/// values sorted within each source and delta-coded as varints; a value no pair gives back exactly is stored as its
/// 8 raw bytes. Deflate then compresses the whole.
/// </summary>
internal static class PartSegmentCodec
{
    private static readonly double[] Scales = [1, 1000, 0.001, 1e-6, 1e6, 60000, 100, 0.01];
    private const int MaxDecimals = 9;
    private const int ChoiceSample = 256;
    private const double MaxExact = 9007199254740992.0; // 2^53

    public static void Write(PartWriter writer, IReadOnlyList<PartSegment> segments, bool withValues)
    {
        writer.WriteVarint((ulong)segments.Count);
        writer.WriteByte(withValues ? (byte)1 : (byte)0);
        var (scaleIndex, decimals) = withValues ? ChooseCoding(segments) : (0, 0);
        if (withValues)
        {
            writer.WriteByte((byte)scaleIndex);
            writer.WriteByte((byte)decimals);
        }

        var scale = Scales[scaleIndex];
        var power = Math.Pow(10, decimals);
        var previousSource = 0;
        foreach (var segment in segments)
        {
            writer.WriteSigned(segment.Source - (long)previousSource);
            previousSource = segment.Source;
            writer.WriteVarint((ulong)segment.Count);
            writer.WriteVarint((ulong)segment.Cold);
            writer.WriteVarint((ulong)segment.Failed);
            if (!withValues)
            {
                continue;
            }

            long previous = 0;
            foreach (var value in segment.Values)
            {
                if (Exact(value, scale, power) is { } d)
                {
                    writer.WriteVarint(Zigzag(d - previous) << 1);
                    previous = d;
                }
                else
                {
                    writer.WriteVarint(1);
                    writer.WriteDouble(value);
                }
            }
        }
    }

    public static List<PartSegment> Read(PartReader reader)
    {
        var count = reader.ReadCount();
        var withValues = reader.ReadByte() == 1;
        double scale = 1, power = 1;
        if (withValues)
        {
            var index = reader.ReadByte();
            var decimals = reader.ReadByte();
            if (index >= Scales.Length || decimals > MaxDecimals)
            {
                throw new InvalidDataException(PartialMessages.DamagedPart("unknown value coding"));
            }

            scale = Scales[index];
            power = Math.Pow(10, decimals);
        }

        var segments = new List<PartSegment>(count);
        long source = 0;
        for (var s = 0; s < count; s++)
        {
            source += reader.ReadSigned();
            var n = withValues ? reader.ReadCount() : (int)Math.Min(reader.ReadVarint(), int.MaxValue);
            var cold = (int)reader.ReadVarint();
            var failed = (int)reader.ReadVarint();
            var values = withValues ? new double[n] : [];
            long previous = 0;
            for (var i = 0; withValues && i < n; i++)
            {
                var token = reader.ReadVarint();
                if ((token & 1) == 1)
                {
                    values[i] = reader.ReadDouble();
                }
                else
                {
                    previous += Unzigzag(token >> 1);
                    values[i] = previous / power * scale;
                }
            }

            segments.Add(new PartSegment((int)source, n, cold, failed, values));
        }

        return segments;
    }

    /// <summary>The scale and decimal exponent that give back most of a sample of the values exactly (the first
    /// such pair: scale 1 and the fewest decimals win ties).</summary>
    private static (int ScaleIndex, int Decimals) ChooseCoding(IReadOnlyList<PartSegment> segments)
    {
        var total = segments.Sum(s => s.Values.Length);
        var sample = new List<double>(Math.Min(total, ChoiceSample));
        var step = Math.Max(1, total / ChoiceSample);
        var at = 0;
        foreach (var segment in segments)
        {
            foreach (var value in segment.Values)
            {
                if (at++ % step == 0 && sample.Count < ChoiceSample)
                {
                    sample.Add(value);
                }
            }
        }

        var best = (0, 0);
        var bestHits = -1;
        for (var s = 0; s < Scales.Length; s++)
        {
            for (var k = 0; k <= MaxDecimals; k++)
            {
                var power = Math.Pow(10, k);
                var hits = sample.Count(v => Exact(v, Scales[s], power) is not null);
                if (hits > bestHits)
                {
                    (best, bestHits) = ((s, k), hits);
                }

                if (hits == sample.Count)
                {
                    break; // more decimals only make the integers longer
                }
            }

            if (bestHits == sample.Count)
            {
                break;
            }
        }

        return best;
    }

    private static long? Exact(double value, double scale, double power)
    {
        var scaled = Math.Round(value / scale * power);
        if (!(Math.Abs(scaled) < MaxExact))
        {
            return null;
        }

        return scaled / power * scale == value && !(value == 0 && BitConverter.DoubleToInt64Bits(value) < 0) ? (long)scaled : null;
    }

    private static ulong Zigzag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long Unzigzag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
