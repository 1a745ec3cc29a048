namespace Chimera.Insight.Statistics;

/// <summary>The values of one group, stored in fixed-size chunks: growing never copies or doubles the storage,
/// so millions of values cost 8 bytes each and no more.</summary>
internal sealed class ValueBuffer
{
    private const int ChunkSize = 4096;
    private readonly List<double[]> chunks = [];
    private int lastCount = ChunkSize;

    public int Count { get; private set; }

    public void Add(double value)
    {
        if (lastCount == ChunkSize)
        {
            chunks.Add(new double[Math.Min(ChunkSize, Math.Max(16, Count))]);
            lastCount = 0;
        }

        var last = chunks[chunks.Count - 1];
        if (lastCount == last.Length)
        {
            // A small first chunk grows until it reaches the chunk size.
            Array.Resize(ref last, Math.Min(ChunkSize, last.Length * 2));
            chunks[chunks.Count - 1] = last;
        }

        last[lastCount++] = value;
        Count++;
    }

    public void AddRange(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            Add(value);
        }
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

    public void Clear()
    {
        chunks.Clear();
        lastCount = ChunkSize;
        Count = 0;
    }
}
