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
    public static T FromTree<T>(object? tree) where T : class =>
        (ToNode(tree, 0) ?? new JsonObject()).Deserialize<T>(Options) ?? throw new JsonException($"Could not read a {typeof(T).Name}.");

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
