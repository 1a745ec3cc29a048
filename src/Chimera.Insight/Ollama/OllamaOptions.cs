using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Chimera.Insight.Ollama;

/// <summary>Ollama options: names as Ollama spells them, values in Ollama's types, and their canonical text.</summary>
public static class OllamaOptions
{
    // The run settings' types come from RunSettings.Options; these are the other options Ollama knows.
    private static readonly HashSet<string> Integers = new(
        RunSettings.Options.Where(o => o.IsWholeNumber).Select(o => o.Name).Concat(
            ["num_batch", "main_gpu", "num_thread", "num_keep", "num_predict", "seed", "repeat_last_n", "mirostat", "num_gqa"]),
        StringComparer.Ordinal);

    private static readonly HashSet<string> Floats = new(
        RunSettings.Options.Where(o => !o.IsWholeNumber).Select(o => o.Name).Concat(
            ["typical_p", "presence_penalty", "frequency_penalty", "mirostat_tau", "mirostat_eta", "tfs_z"]),
        StringComparer.Ordinal);

    private static readonly HashSet<string> Booleans = new(StringComparer.Ordinal)
    {
        "use_mmap", "use_mlock", "numa", "low_vram", "penalize_newline", "vocab_only", "f16_kv", "logits_all",
    };

    /// <summary>The order of the canonical configuration text: the run settings (<see cref="RunSettings.Options"/>), then
    /// the rest by name.</summary>
    private static readonly string[] CanonicalOrder = [.. RunSettings.Options.Select(option => option.Name)];

    /// <summary>"numCtx" and "NumCtx" become "num_ctx"; snake_case names are kept.</summary>
    public static string NormalizeName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.All(c => !char.IsUpper(c)))
        {
            return trimmed;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsUpper(c) && i > 0 && trimmed[i - 1] != '_')
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Converts one option to Ollama's type: whole numbers to long, fractions to double, flags to bool,
    /// stop to a text array; unknown options keep their value (numbers, text, flags, lists).
    /// </summary>
    /// <exception cref="FormatException">A known option has a value of the wrong kind; the message names both.</exception>
    public static object? NormalizeValue(string name, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Integers.Contains(name))
        {
            return ToDouble(value) is { } number && Math.Abs(number % 1) < double.Epsilon && Math.Abs(number) < long.MaxValue
                ? (long)number
                : throw Invalid(name, OllamaMessages.WholeNumber, value);
        }

        if (Floats.Contains(name))
        {
            return ToDouble(value) ?? throw Invalid(name, OllamaMessages.Number, value);
        }

        if (Booleans.Contains(name))
        {
            return value switch
            {
                bool flag => flag,
                string text when bool.TryParse(text.Trim(), out var flag) => flag,
                _ => throw Invalid(name, OllamaMessages.Boolean, value),
            };
        }

        if (name == "stop")
        {
            return value switch
            {
                string text => new[] { text },
                IEnumerable items => items.Cast<object?>().Select(item => item?.ToString() ?? "").ToArray(),
                _ => throw Invalid(name, OllamaMessages.TextList, value),
            };
        }

        return value switch
        {
            string or bool or long or double => value,
            int or short or byte or sbyte or uint or ushort => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            IEnumerable items => items.Cast<object?>().ToArray(),
            _ => value.ToString(),
        };
    }

    /// <summary>Normalizes names and values; null values are dropped.</summary>
    /// <exception cref="FormatException">See <see cref="NormalizeValue"/>.</exception>
    public static Dictionary<string, object> Normalize(IEnumerable<KeyValuePair<string, object?>> options)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var pair in options)
        {
            var name = NormalizeName(pair.Key);
            var value = NormalizeValue(name, pair.Value);
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = value;
            }
        }

        return result;
    }

    /// <summary>The canonical text, e.g. "num_gpu=80, num_ctx=512, temperature=1".</summary>
    public static string Describe(IEnumerable<KeyValuePair<string, object>> options)
    {
        var items = options.ToList();
        var ordered = CanonicalOrder
            .SelectMany(name => items.Where(item => item.Key == name))
            .Concat(items.Where(item => Array.IndexOf(CanonicalOrder, item.Key) < 0).OrderBy(item => item.Key, StringComparer.Ordinal));
        return string.Join(", ", ordered.Select(item => item.Key + "=" + FormatValue(item.Value)));
    }

    public static string FormatValue(object? value) => value switch
    {
        null => "",
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        string text => text,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(FormatValue)) + "]",
        _ => value.ToString() ?? "",
    };

    internal static JsonObject ToJson(IEnumerable<KeyValuePair<string, object>> options)
    {
        var json = new JsonObject();
        foreach (var pair in options)
        {
            json[pair.Key] = ToNode(pair.Value);
        }

        return json;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        long number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        IEnumerable items => new JsonArray(items.Cast<object?>().Select(ToNode).ToArray()),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static double? ToDouble(object value) => value switch
    {
        double number => number,
        float number => number,
        decimal number => (double)number,
        long or int or short or byte or sbyte or uint or ushort or ulong => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        string text when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static FormatException Invalid(string name, string expected, object value) =>
        new(string.Format(CultureInfo.InvariantCulture, OllamaMessages.InvalidOption, name, expected, FormatValue(value)));
}
