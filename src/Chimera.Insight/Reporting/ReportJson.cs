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

    /// <summary>The export's options: compact, no nulls, no empty lists, and each metric without what the report
    /// states once (the inventory) or its findings state already (the duplicate and redundant file pairs).</summary>
    private static readonly JsonSerializerOptions ExportOptions = CreateExportOptions();

    /// <summary>
    /// A report as its JSON export: every figure (statistics, raw values, findings, timings, grounding) at full
    /// precision, the inventory once at the top instead of in each metric, compact. Read back with
    /// <see cref="DeserializeReport"/>, each metric gets the report's inventory again.
    /// </summary>
    public static string Serialize(InsightReport report)
    {
        var node = JsonSerializer.SerializeToNode(report, ExportOptions)!.AsObject();
        var inventory = report.Inventory ?? report.Metrics.Select(m => m.Inventory).FirstOrDefault(i => i is not null);
        if (report.Inventory is null && inventory is not null)
        {
            node[nameof(InsightReport.Inventory)] = JsonSerializer.SerializeToNode(inventory, ExportOptions);
        }

        if (SingleRoot(inventory) is { } root && node[nameof(InsightReport.Metrics)] is JsonArray metrics)
        {
            foreach (var metric in metrics.OfType<JsonObject>())
            {
                RelativeTo(root, metric[nameof(BenchmarkMetric.Sources)] as JsonArray);
                RelativeTo(root, metric[nameof(BenchmarkMetric.FailedSources)] as JsonArray);
            }
        }

        return node.ToJsonString(ExportOptions);
    }

    /// <summary>The one folder every file of the inventory was found under, with a trailing separator; null when several.</summary>
    private static string? SingleRoot(BenchmarkInventorySummary? inventory) =>
        inventory?.Roots is { Length: 1 } roots && roots[0].Length > 0 ? roots[0].TrimEnd('/', '\\') + System.IO.Path.DirectorySeparatorChar : null;

    /// <summary>Paths under the inventory's one root written relative to it (the root is written once, in the inventory).</summary>
    private static void RelativeTo(string root, JsonArray? paths)
    {
        if (paths is null) return;
        for (var i = 0; i < paths.Count; i++)
        {
            if (paths[i]?.GetValue<string>() is { } path && path.StartsWith(root, StringComparison.Ordinal))
            {
                paths[i] = path.Substring(root.Length);
            }
        }
    }

    private static void Rooted(string root, string[] paths)
    {
        for (var i = 0; i < paths.Length; i++)
        {
            if (!System.IO.Path.IsPathRooted(paths[i])) paths[i] = root + paths[i];
        }
    }

    public static string Serialize(IEnumerable<BenchmarkComparison> comparisons) => JsonSerializer.Serialize(comparisons.ToArray(), Options);

    public static InsightReport DeserializeReport(string json)
    {
        var report = JsonSerializer.Deserialize<InsightReport>(json, Options) ?? throw new JsonException("The JSON holds no report.");
        var root = SingleRoot(report.Inventory);
        foreach (var metric in report.Metrics)
        {
            metric.Inventory ??= report.Inventory;
            if (root is not null)
            {
                Rooted(root, metric.Sources);
                Rooted(root, metric.FailedSources);
            }
        }

        return report;
    }

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

    private static readonly string[] LeftOutOfExportedMetrics =
        [nameof(BenchmarkMetric.Inventory), nameof(BenchmarkMetric.DuplicateSources), nameof(BenchmarkMetric.RedundantSources)];

    private static JsonSerializerOptions CreateExportOptions()
    {
        var options = new JsonSerializerOptions(Options)
        {
            WriteIndented = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver { Modifiers = { Lean } },
        };
        return options;
    }

    /// <summary>Leaves out empty lists and empty run settings (they read back as the empty ones the types start with) and, in metrics,
    /// what the report carries once.</summary>
    private static void Lean(System.Text.Json.Serialization.Metadata.JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (type.Type == typeof(InsightReport))
            {
                // The report itself names every property, null or empty: a reader sees what it could hold.
                property.ShouldSerialize = (_, _) => true;
            }
            else if (type.Type == typeof(BenchmarkMetric) && LeftOutOfExportedMetrics.Contains(property.Name))
            {
                property.ShouldSerialize = (_, _) => false;
            }
            else if (type.Type == typeof(BenchmarkMetric) && property.PropertyType == typeof(int)
                     && property.Name is nameof(BenchmarkMetric.FailedCount) or nameof(BenchmarkMetric.ColdCount))
            {
                property.ShouldSerialize = (_, value) => value is not 0;
            }
            else if (typeof(Array).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = (_, value) => value is Array { Length: > 0 };
            }
            else if (property.PropertyType == typeof(RunSettings))
            {
                property.ShouldSerialize = (_, value) => value is RunSettings { IsEmpty: false };
            }
        }
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
