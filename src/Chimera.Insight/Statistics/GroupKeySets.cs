namespace Chimera.Insight.Statistics;

/// <summary>The groups each file fed, remembered so that a later copy of the file can be noted in them. Files of one
/// kind feed the same groups, so each distinct list is kept once: 100,000 files cost a reference each.</summary>
internal sealed class GroupKeySets
{
    private readonly Dictionary<string, GroupKey[]> bySource = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<GroupKey[]>> distinct = [];

    public void Remember(string source, IReadOnlyList<GroupKey> keys) => bySource[source] = Intern(keys);

    public bool TryGet(string source, out GroupKey[] keys) => bySource.TryGetValue(source, out keys!);

    private GroupKey[] Intern(IReadOnlyList<GroupKey> keys)
    {
        var hash = keys.Count;
        foreach (var key in keys)
        {
            hash = unchecked((hash * 31) + key.GetHashCode());
        }

        if (!distinct.TryGetValue(hash, out var candidates))
        {
            candidates = [];
            distinct.Add(hash, candidates);
        }

        foreach (var candidate in candidates)
        {
            if (SameKeys(candidate, keys))
            {
                return candidate;
            }
        }

        var stored = keys.ToArray();
        candidates.Add(stored);
        return stored;
    }

    private static bool SameKeys(GroupKey[] stored, IReadOnlyList<GroupKey> keys)
    {
        if (stored.Length != keys.Count)
        {
            return false;
        }

        for (var i = 0; i < stored.Length; i++)
        {
            if (!stored[i].Equals(keys[i]))
            {
                return false;
            }
        }

        return true;
    }
}
