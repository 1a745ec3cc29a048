namespace Chimera.Insight.Reporting.Grounding;

/// <summary>netstandard2.0 lacks KeyValuePair deconstruction: <c>foreach (var (key, value) in dictionary)</c>.</summary>
internal static class KeyValuePairs
{
    public static void Deconstruct<TKey, TValue>(this KeyValuePair<TKey, TValue> pair, out TKey key, out TValue value)
    {
        key = pair.Key;
        value = pair.Value;
    }
}
