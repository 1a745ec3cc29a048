using System.Collections;

namespace Chimera.Insight.Statistics;

/// <summary>The values of one group, stored in chunks of 512: growing never copies or doubles the storage, so
/// millions of values cost 8 bytes each and no more. The first chunk starts small and doubles up to that size, so a
/// group of a few values costs little; small chunks keep what that doubling leaves behind small too (a group fills
/// over the whole run, so the arrays it outgrows die old, where the collector reclaims them last). Once handed to a
/// metric it is read, never added to; an empty buffer given such a buffer's values reads them in place (a metric
/// piped on alone into a group of its own), and copies them only when a value of its own comes.</summary>
internal sealed class ValueBuffer : IReadOnlyList<double>
{
    private const int ChunkShift = 9;
    private const int ChunkSize = 1 << ChunkShift;
    private readonly List<double[]> chunks = [];
    private double[] last = [];
    private int lastCount;
    private int count;
    // Another buffer's values, read in place while this one has none of its own.
    private ValueBuffer? borrowed;

    public int Count => borrowed?.Count ?? count;

    // Every chunk but the last holds ChunkSize values: the first grows to that size before a second is made.
    public double this[int index] =>
        borrowed is not null ? borrowed[index]
        : (uint)index < (uint)count ? chunks[index >> ChunkShift][index & (ChunkSize - 1)]
        : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(double value)
    {
        if (lastCount == last.Length)
        {
            Grow();
        }

        last[lastCount++] = value;
        count++;
    }

    private void Grow()
    {
        if (borrowed is not null)
        {
            CopyBorrowed();
            if (lastCount < last.Length)
            {
                return;
            }
        }

        if (chunks.Count > 0 && last.Length < ChunkSize)
        {
            // A small first chunk grows until it reaches the chunk size.
            Array.Resize(ref last, Math.Min(ChunkSize, last.Length * 2));
            chunks[chunks.Count - 1] = last;
        }
        else
        {
            last = new double[Math.Min(ChunkSize, Math.Max(16, count))];
            chunks.Add(last);
            lastCount = 0;
        }
    }

    private void CopyBorrowed()
    {
        var source = borrowed!;
        borrowed = null;
        source.ForEachBlock(AddRange);
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
            count += taken;
            values = values.Slice(taken);
        }
    }

    /// <summary>Adds another list's values: an array's a block at a time; a buffer's, into an empty buffer, by reading
    /// them where they are.</summary>
    public void AddRange(IReadOnlyList<double> values)
    {
        switch (values)
        {
            case double[] array:
                AddRange(array.AsSpan());
                break;
            case ValueBuffer buffer when count == 0 && borrowed is null:
                borrowed = buffer.borrowed ?? buffer;
                break;
            case ValueBuffer buffer:
                buffer.ForEachBlock(AddRange);
                break;
            default:
                foreach (var value in values)
                {
                    Add(value);
                }

                break;
        }
    }

    private delegate void BlockAction(ReadOnlySpan<double> block);

    private void ForEachBlock(BlockAction action)
    {
        if (borrowed is not null)
        {
            borrowed.ForEachBlock(action);
            return;
        }

        for (var c = 0; c < chunks.Count; c++)
        {
            action(chunks[c].AsSpan(0, c == chunks.Count - 1 ? lastCount : chunks[c].Length));
        }
    }

    /// <summary>Whether every value passes <paramref name="test"/>.</summary>
    public bool All(Func<double, bool> test)
    {
        if (borrowed is not null)
        {
            return borrowed.All(test);
        }

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
        if (borrowed is not null)
        {
            return borrowed.ToArray();
        }

        var result = new double[count];
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
        if (borrowed is not null)
        {
            return borrowed.GetEnumerator();
        }

        return Own();

        IEnumerator<double> Own()
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
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
