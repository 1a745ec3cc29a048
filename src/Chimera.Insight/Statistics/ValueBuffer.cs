using System.Collections;

namespace Chimera.Insight.Statistics;

/// <summary>The values of one group, stored in chunks of 512: growing never copies or doubles the storage, so
/// millions of values cost 8 bytes each and no more. The first chunk starts small and doubles up to that size, so a
/// group of a few values costs little; small chunks keep what that doubling leaves behind small too (a group fills
/// over the whole run, so the arrays it outgrows die old, where the collector reclaims them last). Once handed to a
/// metric it is read, never added to.</summary>
internal sealed class ValueBuffer : IReadOnlyList<double>
{
    private const int ChunkShift = 9;
    private const int ChunkSize = 1 << ChunkShift;
    private readonly List<double[]> chunks = [];
    private double[] last = [];
    private int lastCount;

    public int Count { get; private set; }

    // Every chunk but the last holds ChunkSize values: the first grows to that size before a second is made.
    public double this[int index] =>
        (uint)index < (uint)Count ? chunks[index >> ChunkShift][index & (ChunkSize - 1)] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(double value)
    {
        if (lastCount == last.Length)
        {
            Grow();
        }

        last[lastCount++] = value;
        Count++;
    }

    private void Grow()
    {
        if (chunks.Count > 0 && last.Length < ChunkSize)
        {
            // A small first chunk grows until it reaches the chunk size.
            Array.Resize(ref last, Math.Min(ChunkSize, last.Length * 2));
            chunks[chunks.Count - 1] = last;
        }
        else
        {
            last = new double[Math.Min(ChunkSize, Math.Max(16, Count))];
            chunks.Add(last);
            lastCount = 0;
        }
    }

    public void AddRange(ReadOnlySpan<double> values)
    {
        while (values.Length > 0)
        {
            if (lastCount == last.Length)
            {
                Grow();
            }

            var taken = Math.Min(values.Length, last.Length - lastCount);
            values.Slice(0, taken).CopyTo(last.AsSpan(lastCount));
            lastCount += taken;
            Count += taken;
            values = values.Slice(taken);
        }
    }

    /// <summary>Adds another list's values: a buffer's or an array's a block at a time.</summary>
    public void AddRange(IReadOnlyList<double> values)
    {
        switch (values)
        {
            case double[] array:
                AddRange(array.AsSpan());
                break;
            case ValueBuffer buffer:
                for (var c = 0; c < buffer.chunks.Count; c++)
                {
                    AddRange(buffer.chunks[c].AsSpan(0, c == buffer.chunks.Count - 1 ? buffer.lastCount : buffer.chunks[c].Length));
                }

                break;
            default:
                foreach (var value in values)
                {
                    Add(value);
                }

                break;
        }
    }

    /// <summary>Whether every value passes <paramref name="test"/>.</summary>
    public bool All(Func<double, bool> test)
    {
        for (var c = 0; c < chunks.Count; c++)
        {
            foreach (var value in chunks[c].AsSpan(0, c == chunks.Count - 1 ? lastCount : chunks[c].Length))
            {
                if (!test(value))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The values in the order they were added.</summary>
    public double[] ToArray()
    {
        var result = new double[Count];
        var offset = 0;
        for (var c = 0; c < chunks.Count; c++)
        {
            var used = c == chunks.Count - 1 ? lastCount : chunks[c].Length;
            Array.Copy(chunks[c], 0, result, offset, used);
            offset += used;
        }

        return result;
    }

    public IEnumerator<double> GetEnumerator()
    {
        for (var c = 0; c < chunks.Count; c++)
        {
            var chunk = chunks[c];
            var used = c == chunks.Count - 1 ? lastCount : chunk.Length;
            for (var i = 0; i < used; i++)
            {
                yield return chunk[i];
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
