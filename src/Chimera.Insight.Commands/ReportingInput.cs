using System.Collections;
using System.Management.Automation;
using Chimera.Insight.Reporting;

namespace Chimera.Insight.Commands;

/// <summary>
/// Reads pipeline input into engine objects: live objects as they are, property bags (deserialized
/// objects, PSCustomObject, ConvertFrom-Json output, hashtables) by property name.
/// </summary>
internal static class ReportingInput
{
    private const int MaxDepth = 12;

    public enum InputKind
    {
        Unknown,
        Report,
        Comparison,
        Metric,
        Finding,
        Sample,
        Inventory,
    }

    public static InputKind Classify(PSObject input)
    {
        switch (input.BaseObject)
        {
            case InsightReport: return InputKind.Report;
            case BenchmarkComparison: return InputKind.Comparison;
            case BenchmarkMetric: return InputKind.Metric;
            case Finding: return InputKind.Finding;
            case BenchmarkSample: return InputKind.Sample;
            case BenchmarkInventorySummary: return InputKind.Inventory;
        }

        foreach (var typeName in input.TypeNames)
        {
            var name = typeName.StartsWith("Deserialized.", StringComparison.Ordinal) ? typeName.Substring("Deserialized.".Length) : typeName;
            switch (name)
            {
                case "Chimera.Insight.InsightReport": return InputKind.Report;
                case "Chimera.Insight.BenchmarkComparison": return InputKind.Comparison;
                case "Chimera.Insight.BenchmarkMetric": return InputKind.Metric;
                case "Chimera.Insight.Finding": return InputKind.Finding;
                case "Chimera.Insight.BenchmarkSample": return InputKind.Sample;
                case "Chimera.Insight.BenchmarkInventorySummary": return InputKind.Inventory;
            }
        }

        bool Has(string name) => input.BaseObject is IDictionary dictionary
            ? dictionary.Keys.Cast<object>().Any(k => string.Equals(Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture), name, StringComparison.OrdinalIgnoreCase))
            : input.Properties[name] is not null;

        if (Has("AgentType") || (Has("Provider") && (Has("Text") || Has("Markdown")))) return InputKind.Report;
        if (Has("ReferenceMean") || Has("DifferenceMean")) return InputKind.Comparison;
        if (Has("Metric") && (Has("Mean") || Has("Count")) && !Has("Value")) return InputKind.Metric;
        if (Has("Metric") && Has("Value")) return InputKind.Sample;
        if (Has("Kind") && Has("Text") && (Has("Figures") || Has("Severity"))) return InputKind.Finding;
        if (Has("FileCount") && Has("Kinds")) return InputKind.Inventory;
        return InputKind.Unknown;
    }

    /// <summary>The engine object for <paramref name="input"/>: the live object, or one read by property name.</summary>
    public static T Read<T>(PSObject input) where T : class =>
        input.BaseObject as T ?? ReportJson.FromTree<T>(ToTree(input, 0));

    public static string TypeName(PSObject input) => input.TypeNames.Count > 0 ? input.TypeNames[0] : input.BaseObject?.GetType().FullName ?? "null";

    /// <summary>A tree of dictionaries, lists and primitive values; live engine objects stay as they are.</summary>
    private static object? ToTree(object? value, int depth)
    {
        if (value is null || depth > MaxDepth)
        {
            return null;
        }

        if (value is PSObject psObject)
        {
            var baseObject = psObject.BaseObject;
            if (baseObject is not PSCustomObject && baseObject is not PSObject)
            {
                return ToTree(baseObject, depth);
            }

            return Bag(psObject, depth);
        }

        switch (value)
        {
            case string or bool or DateTime or DateTimeOffset or Enum or Guid or TimeSpan or char:
                return value;
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal:
                return value;
            case IDictionary dictionary:
                var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    if (!map.ContainsKey(key)) map[key] = ToTree(entry.Value, depth + 1);
                }

                return map;
            case IEnumerable sequence:
                var list = new List<object?>();
                foreach (var item in sequence)
                {
                    list.Add(ToTree(item, depth + 1));
                }

                return list;
            default:
                return value.GetType().Namespace?.StartsWith("Chimera.Insight", StringComparison.Ordinal) == true
                    ? value
                    : Bag(PSObject.AsPSObject(value), depth);
        }
    }

    private static Dictionary<string, object?> Bag(PSObject psObject, int depth)
    {
        var bag = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in psObject.Properties)
        {
            if (!property.IsGettable || bag.ContainsKey(property.Name))
            {
                continue;
            }

            object? propertyValue;
            try
            {
                propertyValue = property.Value;
            }
            catch (GetValueException)
            {
                continue;
            }

            bag[property.Name] = ToTree(propertyValue, depth + 1);
        }

        return bag;
    }
}
