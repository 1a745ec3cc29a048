using System.Text.Json;
using System.Text.Json.Nodes;

namespace OllamaTestServer;

/// <summary>Ollama's option types (api/types.go): a wrongly typed known option is a 500, an unknown one is ignored.</summary>
public static class OptionRules
{
    private static readonly HashSet<string> Integers = new(StringComparer.Ordinal)
    {
        "num_ctx", "num_gpu", "num_batch", "main_gpu", "num_thread", "num_keep", "num_predict", "top_k", "seed",
        "repeat_last_n", "mirostat",
    };

    private static readonly HashSet<string> Floats = new(StringComparer.Ordinal)
    {
        "temperature", "top_p", "min_p", "typical_p", "repeat_penalty", "presence_penalty", "frequency_penalty",
        "mirostat_tau", "mirostat_eta",
    };

    private static readonly HashSet<string> Booleans = new(StringComparer.Ordinal)
    {
        "use_mmap", "numa", "penalize_newline", "low_vram", "vocab_only", "use_mlock",
    };

    /// <summary>The options set at model load: changing one forces a reload.</summary>
    public static readonly string[] LoadTime = ["num_ctx", "num_gpu", "num_batch", "main_gpu", "num_thread", "use_mmap"];

    /// <summary>Returns the server's error text for the first wrongly typed option, else null.</summary>
    public static string? Validate(JsonObject? options)
    {
        if (options is null)
        {
            return null;
        }

        foreach (var (key, value) in options)
        {
            var kind = value?.GetValueKind();
            if (Integers.Contains(key) && kind != JsonValueKind.Number)
            {
                return $"option \"{key}\" must be of type integer";
            }

            if (Floats.Contains(key) && kind != JsonValueKind.Number)
            {
                return $"option \"{key}\" must be of type float32";
            }

            if (Booleans.Contains(key) && kind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return $"option \"{key}\" must be of type boolean";
            }

            if (key == "stop" && kind != JsonValueKind.Array)
            {
                return "option \"stop\" must be of type array";
            }
        }

        return null;
    }

    public static int? Integer(JsonObject? options, string key) =>
        options?[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? (int)value.GetValue<double>() : null;

    public static string LoadSignature(JsonObject? options, int defaultNumCtx) =>
        string.Join(";", LoadTime.Select(key => key == "num_ctx"
            ? $"num_ctx={Integer(options, key) ?? defaultNumCtx}"
            : $"{key}={options?[key]?.ToJsonString(LogJson.Wire)}"));
}
