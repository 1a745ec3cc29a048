namespace Chimera.Insight.Statistics;

/// <summary>A number for each source an aggregator meets, in the order it first meets them: groups keep their
/// per-source counts against these numbers instead of the path, so 100,000 files fed to 30 groups cost 30 x 100,000
/// small entries, not as many dictionary entries keyed by path.</summary>
internal sealed class SourceIds
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<string> names = [];
    private string? lastName;
    private int lastId;

    public int IdOf(string source)
    {
        if (ReferenceEquals(source, lastName))
        {
            return lastId;
        }

        if (!ids.TryGetValue(source, out var id))
        {
            id = names.Count;
            ids.Add(source, id);
            names.Add(source);
        }

        lastName = source;
        lastId = id;
        return id;
    }

    public string NameOf(int id) => names[id];
}

/// <summary>How many values and failed runs each source gave one group, kept in source-number order.</summary>
internal sealed class SourceTallies(SourceIds ids)
{
    private readonly SourceIds ids = ids;
    private Entry[] entries = new Entry[2];
    private int count;

    public void AddValue(string source) => Add(source, 1, 0);

    public void AddFailure(string source) => Add(source, 0, 1);

    public void Add(string source, int values, int failed)
    {
        // Found first: finding may grow (replace) the array.
        var index = IndexOf(ids.IdOf(source));
        entries[index].Count += values;
        entries[index].Failed += failed;
    }

    public string[] Sources() => Select(e => ids.NameOf(e.Id));

    public int[] Counts() => Select(e => e.Count);

    public int[] FailedCounts() => Select(e => e.Failed);

    public string[] FailedSources()
    {
        var failed = new List<string>();
        for (var i = 0; i < count; i++)
        {
            if (entries[i].Failed > 0)
            {
                failed.Add(ids.NameOf(entries[i].Id));
            }
        }

        return failed.ToArray();
    }

    private T[] Select<T>(Func<Entry, T> selector)
    {
        var result = new T[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = selector(entries[i]);
        }

        return result;
    }

    // Sources mostly arrive one after another, each newer than the last: the last entry, else an append; an older
    // source (samples interleaved) is found by binary search.
    private int IndexOf(int id)
    {
        if (count > 0 && entries[count - 1].Id == id)
        {
            return count - 1;
        }

        var index = count == 0 || entries[count - 1].Id < id ? ~count : Search(id);
        if (index >= 0)
        {
            return index;
        }

        index = ~index;
        if (count == entries.Length)
        {
            Array.Resize(ref entries, entries.Length * 2);
        }

        Array.Copy(entries, index, entries, index + 1, count - index);
        entries[index] = new Entry { Id = id };
        count++;
        return index;
    }

    private int Search(int id) => Array.BinarySearch(entries, 0, count, new Entry { Id = id }, EntryById.Instance);

    private struct Entry
    {
        public int Id;
        public int Count;
        public int Failed;
    }

    private sealed class EntryById : IComparer<Entry>
    {
        public static readonly EntryById Instance = new();

        public int Compare(Entry x, Entry y) => x.Id.CompareTo(y.Id);
    }
}
