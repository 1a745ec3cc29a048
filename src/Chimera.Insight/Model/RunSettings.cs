using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chimera.Insight;

/// <summary>One Ollama option the tool follows as a run setting: its name as Ollama spells it (also its name in the
/// configuration file's <c>options:</c>, in a configuration text and in a benchmark file's columns), whether it is a
/// whole number, and the other column names benchmark files use for it.</summary>
public sealed class RunOption
{
    internal RunOption(int index, string name, bool isWholeNumber, params string[] aliases)
    {
        Index = index;
        Name = name;
        IsWholeNumber = isWholeNumber;
        Aliases = aliases;
        PropertyName = string.Concat(name.Split('_').Select(word => char.ToUpperInvariant(word[0]) + word.Substring(1)));
    }

    /// <summary>The position in <see cref="RunSettings.Options"/> (and in the canonical configuration text).</summary>
    public int Index { get; }

    public string Name { get; }

    /// <summary>The name in PowerShell's spelling (num_gpu: NumGpu, min_p: MinP): the property a piped object may
    /// carry it in.</summary>
    public string PropertyName { get; }

    public bool IsWholeNumber { get; }

    public IReadOnlyList<string> Aliases { get; }

    public override string ToString() => Name;
}

/// <summary>
/// The run settings a measurement or a report was made with (num_gpu, num_ctx, temperature, ...), as one immutable
/// value: a part is either set or not. <see cref="Options"/> is the one list of the options followed; adding an Ollama
/// option is one row there (the configuration file and the wire take any option by name already).
/// </summary>
[JsonConverter(typeof(RunSettingsJsonConverter))]
public readonly struct RunSettings : IEquatable<RunSettings>
{
    /// <summary>The most options a value holds.</summary>
    public const int Capacity = 8;

    // The options the public objects also carry as properties of their own (NumGpu ... RepeatPenalty).
    public static readonly RunOption NumGpuOption = new(0, "num_gpu", isWholeNumber: true, "gpu_layers", "n_gpu_layers");
    public static readonly RunOption NumCtxOption = new(1, "num_ctx", isWholeNumber: true, "n_ctx", "ctx", "context_size", "context_length");
    public static readonly RunOption TemperatureOption = new(2, "temperature", isWholeNumber: false, "temp");
    public static readonly RunOption TopPOption = new(3, "top_p", isWholeNumber: false);
    public static readonly RunOption TopKOption = new(4, "top_k", isWholeNumber: true);
    public static readonly RunOption RepeatPenaltyOption = new(5, "repeat_penalty", isWholeNumber: false);

    /// <summary>The options followed, in the order of the canonical configuration text.</summary>
    public static readonly IReadOnlyList<RunOption> Options =
    [
        NumGpuOption, NumCtxOption, TemperatureOption, TopPOption, TopKOption, RepeatPenaltyOption,
        new(6, "min_p", isWholeNumber: false),
    ];

    private static readonly Dictionary<string, RunOption> ByName = Options.ToDictionary(o => o.Name, StringComparer.Ordinal);

    private readonly Values values;
    private readonly byte known;

    private RunSettings(Values values, byte known)
    {
        this.values = values;
        this.known = known;
    }

    /// <summary>No part set.</summary>
    public static RunSettings None => default;

    public bool IsEmpty => known == 0;

    /// <summary>The option of that (Ollama) name, or null when it is not followed.</summary>
    public static RunOption? Find(string name) => ByName.TryGetValue(name, out var option) ? option : null;

    /// <summary>The value of one part, or null when it is not set.</summary>
    public double? this[RunOption option] => Get(option.Index);

    /// <summary>The value of the option of that name (num_ctx, min_p, ...), or null when it is not set or not followed.</summary>
    public double? this[string name] => Find(name) is { } option ? Get(option.Index) : null;

    public double? Get(int index) => (known & (1 << index)) != 0 ? values[index] : null;

    public int? NumGpu => Whole(NumGpuOption.Index);
    public int? NumCtx => Whole(NumCtxOption.Index);
    public double? Temperature => Get(TemperatureOption.Index);
    public double? TopP => Get(TopPOption.Index);
    public int? TopK => Whole(TopKOption.Index);
    public double? RepeatPenalty => Get(RepeatPenaltyOption.Index);

    private int? Whole(int index) => Get(index) is { } value ? (int)value : null;

    /// <summary>A copy with one part set (or, with null, unset). A whole-number option takes only whole numbers in the
    /// range of an int, a real one only finite numbers: anything else returns false and leaves the value as it was.</summary>
    public bool TryWith(RunOption option, double? value, out RunSettings result)
    {
        var bit = (byte)(1 << option.Index);
        if (value is not { } number)
        {
            result = new RunSettings(values, (byte)(known & ~bit));
            return true;
        }

        if (double.IsNaN(number) || double.IsInfinity(number) ||
            (option.IsWholeNumber && (number != Math.Floor(number) || number < int.MinValue || number > int.MaxValue)))
        {
            result = this;
            return false;
        }

        var copy = values;
        copy[option.Index] = number;
        result = new RunSettings(copy, (byte)(known | bit));
        return true;
    }

    /// <summary>A copy with one part set or unset; a value the option cannot take is ignored.</summary>
    public RunSettings With(RunOption option, double? value) => TryWith(option, value, out var result) ? result : this;

    /// <summary>These settings, with the parts still unset taken from <paramref name="other"/>.</summary>
    public RunSettings FillFrom(RunSettings other)
    {
        var copy = values;
        for (var i = 0; i < Options.Count; i++)
        {
            if ((known & (1 << i)) == 0 && (other.known & (1 << i)) != 0)
            {
                copy[i] = other.values[i];
            }
        }

        return new RunSettings(copy, (byte)(known | other.known));
    }

    /// <summary>The parts both agree on; a part they differ on (or only one has) is unset.</summary>
    public RunSettings Intersect(RunSettings other)
    {
        byte agreed = 0;
        for (var i = 0; i < Options.Count; i++)
        {
            var bit = 1 << i;
            if ((known & bit) != 0 && (other.known & bit) != 0 && values[i] == other.values[i])
            {
                agreed |= (byte)bit;
            }
        }

        return new RunSettings(values, agreed);
    }

    /// <summary>The followed options found in Ollama options (names as Ollama spells them, numbers as values).</summary>
    public static RunSettings FromOptions(IReadOnlyDictionary<string, object> options)
    {
        var settings = None;
        foreach (var option in Options)
        {
            if (options.TryGetValue(option.Name, out var value) && value is IConvertible number && value is not string and not bool)
            {
                settings = settings.With(option, number.ToDouble(CultureInfo.InvariantCulture));
            }
        }

        return settings;
    }

    /// <summary>The followed options named in a configuration text ("num_gpu=80, num_ctx=512, device=cuda"); other
    /// parts, and values an option cannot take, are passed over. Null or empty text gives no settings.</summary>
    public static RunSettings Parse(string? text)
    {
        var settings = None;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals > 0 && Find(part.Substring(0, equals).Trim()) is { } option &&
                double.TryParse(part.Substring(equals + 1).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                settings = settings.With(option, value);
            }
        }

        return settings;
    }

    /// <summary>Appends "num_gpu=80, num_ctx=512" (the parts set, in the order of <see cref="Options"/>, invariant
    /// shortest round-trip numbers), separated from what <paramref name="text"/> holds already by ", ".</summary>
    public void AppendTo(StringBuilder text)
    {
        for (var i = 0; i < Options.Count; i++)
        {
            if ((known & (1 << i)) != 0)
            {
                if (text.Length > 0)
                {
                    text.Append(", ");
                }

                text.Append(Options[i].Name).Append('=').Append(Extraction.NumberText.Format(values[i]));
            }
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        AppendTo(text);
        return text.ToString();
    }

    public bool Equals(RunSettings other)
    {
        if (known != other.known)
        {
            return false;
        }

        for (var i = 0; i < Options.Count; i++)
        {
            if ((known & (1 << i)) != 0 && values[i] != other.values[i])
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is RunSettings other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(known);
        for (var i = 0; i < Options.Count; i++)
        {
            if ((known & (1 << i)) != 0)
            {
                hash.Add(values[i]);
            }
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(RunSettings left, RunSettings right) => left.Equals(right);

    public static bool operator !=(RunSettings left, RunSettings right) => !left.Equals(right);

    [InlineArray(Capacity)]
    private struct Values
    {
        private double first;
    }
}

/// <summary>Run settings in JSON as their canonical text ("num_gpu=80, min_p=0.05"; null when none), so that a report
/// written and read back keeps every option.</summary>
internal sealed class RunSettingsJsonConverter : JsonConverter<RunSettings>
{
    public override bool HandleNull => true;

    public override RunSettings Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? RunSettings.Parse(reader.GetString())
        : reader.TokenType == JsonTokenType.Null ? RunSettings.None
        : throw new JsonException("run settings are a text such as \"num_ctx=2048, min_p=0.05\"");

    public override void Write(Utf8JsonWriter writer, RunSettings value, JsonSerializerOptions options)
    {
        if (value.IsEmpty)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.ToString());
        }
    }
}
