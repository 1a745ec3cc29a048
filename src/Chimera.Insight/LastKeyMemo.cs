namespace Chimera.Insight;

/// <summary>The value computed for the last key asked, kept until another key comes. Files arrive folder by folder,
/// so what a folder's path says is computed once for all its files. Not thread-safe: hold one per thread.</summary>
internal sealed class LastKeyMemo<T>(Func<string?, T> compute)
    where T : class
{
    private string? lastKey;
    private T? lastValue;

    public T Get(string? key)
    {
        if (lastValue is null || !string.Equals(key, lastKey, StringComparison.Ordinal))
        {
            lastValue = compute(key);
            lastKey = key;
        }

        return lastValue;
    }
}
