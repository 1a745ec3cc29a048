using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Chimera.Insight.Reporting;

/// <summary>
/// JSON for reports and comparisons: PascalCase property names exactly as the C# properties, enums
/// as strings, invariant numbers, ISO 8601 dates. An exported report is itself a benchmark artifact
/// (an object with AgentType and Provider) that the extraction reads back as report samples.
/// </summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static string Serialize(InsightReport report) => JsonSerializer.Serialize(report, Options);

    public static string Serialize(IEnumerable<BenchmarkComparison> comparisons) => JsonSerializer.Serialize(comparisons.ToArray(), Options);

    public static InsightReport DeserializeReport(string json) =>
        JsonSerializer.Deserialize<InsightReport>(json, Options) ?? throw new JsonException("The JSON holds no report.");

    public static BenchmarkComparison[] DeserializeComparisons(string json) =>
        JsonSerializer.Deserialize<BenchmarkComparison[]>(json, Options) ?? [];

    /// <summary>
    /// Builds a <typeparamref name="T"/> from a tree of dictionaries, lists and primitive values (a
    /// property bag such as a deserialized PowerShell object), matching property names case-insensitively;
    /// enums may be names or numbers, numbers may be strings.
    /// </summary>
    public static T FromTree<T>(object? tree) where T : class
    {
        var node = ToNode(tree, 0) as JsonObject ?? new JsonObject();
        Prune(node, typeof(T));
        return node.Deserialize<T>(Options) ?? throw new JsonException($"Could not read a {typeof(T).Name}.");
    }

    /// <summary>
    /// Drops values whose shape does not fit the property they would fill, so that a property bag cut
    /// short by serialization depth (nested objects turned into their ToString() text) still reads:
    /// what fits is kept, what does not is left at its default.
    /// </summary>
    private static void Prune(JsonObject node, Type type)
    {
        var properties = type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, p => p.PropertyType, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in node.ToList())
        {
            if (!properties.TryGetValue(entry.Key, out var propertyType))
            {
                node.Remove(entry.Key);
            }
            else if (entry.Value is not null && !Fits(entry.Value, propertyType))
            {
                node.Remove(entry.Key);
            }
        }
    }

    private static bool Fits(JsonNode value, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return value is JsonValue;
        }

        if (type.IsArray)
        {
            if (value is not JsonArray array)
            {
                return false;
            }

            var element = type.GetElementType()!;
            foreach (var item in array.ToList())
            {
                if (item is not null && !Fits(item, element))
                {
                    array.Remove(item);
                }
            }

            return true;
        }

        if (value is not JsonValue scalar)
        {
            if (value is JsonObject obj && type.IsClass)
            {
                Prune(obj, type);
                return true;
            }

            return false;
        }

        if (type.IsClass)
        {
            return false;
        }

        var text = scalar.ToJsonString().Trim('"');
        if (type.IsEnum)
        {
            return Enum.GetNames(type).Any(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) ||
                   long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        }

        if (type == typeof(bool))
        {
            return bool.TryParse(text, out _);
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return scalar.TryGetValue<DateTime>(out _) || DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || text is "NaN" or "Infinity" or "-Infinity";
        }

        return true;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNameCaseInsensitive = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    private const int MaxDepth = 16;

    private static JsonNode? ToNode(object? value, int depth)
    {
        if (value is null || depth > MaxDepth)
        {
            return null;
        }

        switch (value)
        {
            case JsonNode node:
                return node.DeepClone();
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case DateTime d:
                return JsonValue.Create(d);
            case DateTimeOffset o:
                return JsonValue.Create(o);
            case Enum e:
                return JsonValue.Create(e.ToString());
            case double or float or decimal:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return double.IsNaN(number) || double.IsInfinity(number) ? JsonValue.Create(number.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(number);
            case sbyte or byte or short or ushort or int or uint or long:
                return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case ulong u:
                return JsonValue.Create(u);
            case char c:
                return JsonValue.Create(c.ToString());
            case Guid g:
                return JsonValue.Create(g.ToString());
            case TimeSpan t:
                return JsonValue.Create(t.ToString("c", CultureInfo.InvariantCulture));
            case IDictionary dictionary:
                var obj = new JsonObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                    if (!string.IsNullOrEmpty(key) && !obj.ContainsKey(key!))
                    {
                        obj[key!] = ToNode(entry.Value, depth + 1);
                    }
                }

                return obj;
            case IEnumerable sequence:
                var array = new JsonArray();
                foreach (var item in sequence)
                {
                    array.Add(ToNode(item, depth + 1));
                }

                return array;
            default:
                // A live engine object: serialize it as it is.
                return JsonSerializer.SerializeToNode(value, value.GetType(), Options);
        }
    }
}
