using System.Collections;
using System.Globalization;
using System.Management.Automation;

namespace Chimera.Insight.Commands.Input;

/// <summary>Reads typed values from a PSObject's properties, whether it wraps a live object or is a deserialized
/// property bag (Start-Job, Invoke-Command, Import-Clixml): numbers may arrive as strings, enums as their names or
/// underlying integers, arrays as ArrayLists, nested objects as property bags or, beyond the serialization depth,
/// as their ToString() text.</summary>
internal readonly struct PropertyReader
{
    private readonly PSObject source;

    public PropertyReader(PSObject source) => this.source = source;

    public bool Has(string name) => source.BaseObject is IDictionary dictionary
        ? Key(dictionary, name) is not null
        : source.Properties[name] is not null;

    public object? Raw(string name) => Unwrap(Value(name));

    /// <summary>A property's value, or a hashtable's entry (keys matched case-insensitively, as PowerShell does).</summary>
    private object? Value(string name)
    {
        if (source.BaseObject is IDictionary dictionary)
        {
            return Key(dictionary, name) is { } key ? dictionary[key] : null;
        }

        return source.Properties[name]?.Value;
    }

    private static object? Key(IDictionary dictionary, string name)
    {
        foreach (var key in dictionary.Keys)
        {
            if (string.Equals(Convert.ToString(key, CultureInfo.InvariantCulture), name, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }

    public string? String(string name) => Raw(name) switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    public double? Double(string name) => ToDouble(Value(name));

    public int? Int(string name) => Double(name) is { } d && !double.IsNaN(d) ? (int)Math.Round(d) : null;

    public bool Bool(string name) => Raw(name) switch
    {
        bool b => b,
        string s => bool.TryParse(s, out var b) && b,
        IConvertible c => c.ToDouble(CultureInfo.InvariantCulture) != 0,
        _ => false,
    };

    public DateTime? DateTime(string name) => Raw(name) switch
    {
        System.DateTime d => d,
        DateTimeOffset o => o.UtcDateTime,
        string s when System.DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var d) => d,
        _ => null,
    };

    public T? Enum<T>(string name) where T : struct
    {
        var value = Value(name);
        if (value is null)
        {
            return null;
        }

        // A deserialized enum is a property bag whose ToString() is the name; a live one parses from its name too.
        var text = value is PSObject wrapped ? wrapped.ToString() : value.ToString();
        if (System.Enum.TryParse<T>(text, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        return Unwrap(value) is IConvertible number && !(Unwrap(value) is string)
            ? (T)System.Enum.ToObject(typeof(T), number.ToInt32(CultureInfo.InvariantCulture))
            : null;
    }

    public string[] Strings(string name) => Items(name).Select(i => Unwrap(i)?.ToString()).Where(s => s is not null).ToArray()!;

    public double[] Doubles(string name) =>
        Items(name).Select(ToDouble).Where(d => d is not null).Select(d => d!.Value).ToArray();

    public int[] Ints(string name) => Doubles(name).Select(d => (int)Math.Round(d)).ToArray();

    /// <summary>The items of an array property; a single value counts as one item.</summary>
    public IEnumerable<object?> Items(string name)
    {
        var value = Raw(name);
        return value switch
        {
            null => [],
            string s => [s],
            IEnumerable list => list.Cast<object?>(),
            _ => [value],
        };
    }

    public static object? Unwrap(object? value) => value is PSObject ps && ps.BaseObject is not PSCustomObject ? ps.BaseObject : value;

    public static double? ToDouble(object? value) => Unwrap(value) switch
    {
        null => null,
        double d => d,
        float f => f,
        decimal m => (double)m,
        string s => ParseDouble(s),
        IConvertible c when c is not bool => c.ToDouble(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>Invariant culture first ("1.5"), then the session's ("1,5" under de-DE).</summary>
    public static double? ParseDouble(string text)
    {
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.CurrentCulture, out d) ? d : null;
    }
}
