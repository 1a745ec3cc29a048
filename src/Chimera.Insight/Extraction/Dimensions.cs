using System.Globalization;
using System.Text;

namespace Chimera.Insight.Extraction;

/// <summary>The conditions a record was measured under: model, backend, run settings, prompt, time. Every record has
/// its own; the run settings are one <see cref="RunSettings"/> value, the time a flag and a value.</summary>
internal sealed class Dimensions
{
    private RunSettings settings;
    private DateTime timestamp;
    private bool hasTimestamp;

    public string? Model { get; set; }
    public string? Backend { get; set; }
    public string? Device { get; set; }
    public string? Quantization { get; set; }
    public string? Prompt { get; set; }
    public string? PromptIndex { get; set; }
    /// <summary>The tool that wrote the file (vllm, aiperf, guidellm, llmperf, llama-bench, ollama, sglang).</summary>
    public string? Producer { get; set; }
    /// <summary>A llama-bench test (pp512, tg128, pp512 @ d1024).</summary>
    public string? Test { get; set; }
    /// <summary>Which of several runs in one file (1, 2, ...; or the run's own label).</summary>
    public string? Run { get; set; }
    /// <summary>Concurrent requests of a serving run.</summary>
    public int? Concurrency { get; set; }

    public RunSettings Settings { get => settings; set => settings = value; }

    // The settings readers set by name (from paths and llama-bench's columns); every other one goes through Settings.
    public int? NumGpu { get => settings.NumGpu; set => settings = settings.With(RunSettings.NumGpuOption, value); }
    public int? NumCtx { get => settings.NumCtx; set => settings = settings.With(RunSettings.NumCtxOption, value); }
    public double? Temperature { get => settings.Temperature; set => settings = settings.With(RunSettings.TemperatureOption, value); }

    public DateTime? Timestamp
    {
        get => hasTimestamp ? timestamp : null;
        set
        {
            timestamp = value.GetValueOrDefault();
            hasTimestamp = value.HasValue;
        }
    }

    public Dimensions Clone() => (Dimensions)MemberwiseClone();

    /// <summary>Fills what is still unknown from <paramref name="other"/>.</summary>
    public void FillFrom(Dimensions other)
    {
        Model ??= other.Model;
        Backend ??= other.Backend;
        Device ??= other.Device;
        Quantization ??= other.Quantization;
        Prompt ??= other.Prompt;
        PromptIndex ??= other.PromptIndex;
        Producer ??= other.Producer;
        Test ??= other.Test;
        Run ??= other.Run;
        Concurrency ??= other.Concurrency;
        settings = settings.FillFrom(other.settings);
        Timestamp ??= other.Timestamp;
    }

    /// <summary>Sets a dimension from text (a CSV cell, JSON string, Markdown value). Values such as
    /// "default" or empty leave it unset. Returns false when a number was expected and not found.</summary>
    public bool Set(FieldRole role, string? raw, bool decimalComma = false)
    {
        var text = Clean(raw);
        if (text is null)
        {
            return true;
        }

        switch (role)
        {
            case FieldRole.Model: Model = text; return true;
            case FieldRole.Backend: Backend ??= text; return true;
            case FieldRole.Device: Device = text; return true;
            case FieldRole.Quantization: Quantization = text; return true;
            case FieldRole.Prompt: Prompt = text; return true;
            case FieldRole.PromptIndex: PromptIndex = text; return true;
            case FieldRole.Timestamp:
                Timestamp = ParseTimestamp(text) ?? Timestamp;
                return true;
            case >= FieldRoles.FirstRunSetting:
                return NumberText.TryParse(text, decimalComma, out var value, out _) && SetNumber(role, value);
            default:
                return true;
        }
    }

    /// <summary>Sets a numeric dimension; integers must be whole numbers.</summary>
    public bool SetNumber(FieldRole role, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return false;
        }

        switch (role)
        {
            case >= FieldRoles.FirstRunSetting: return settings.TryWith(role.RunOption(), value, out settings);
            case FieldRole.Timestamp: Timestamp = FromEpoch(value) ?? Timestamp; return true;
            case FieldRole.PromptIndex: PromptIndex = IndexText(value); return true;
            default: return true;
        }
    }

    /// <summary>The prompt as a sample shows it: the text, else "#index".</summary>
    public string? PromptText => Prompt ?? (PromptIndex is null ? null : IndexLabel(PromptIndex));

    // Prompt indexes are mostly small whole numbers, one per record: their texts are made once.
    private const int SharedIndexes = 1024;
    private static readonly string[] IndexTexts = [.. Enumerable.Range(0, SharedIndexes).Select(i => i.ToString(CultureInfo.InvariantCulture))];
    private static readonly string[] IndexLabels = [.. IndexTexts.Select(text => "#" + text)];

    private static string IndexText(double value) =>
        value >= 0 && value < SharedIndexes && value == Math.Floor(value) ? IndexTexts[(int)value] : NumberText.Format(value);

    private static string IndexLabel(string index)
    {
        // Up to 4 digits, without a leading zero (so that "007" keeps its own label).
        var small = index.Length is > 0 and <= 4 && (index.Length == 1 || index[0] != '0') ? 0 : -1;
        for (var i = 0; small >= 0 && i < index.Length; i++)
        {
            small = index[i] is >= '0' and <= '9' ? (small * 10) + (index[i] - '0') : -1;
        }

        return small is >= 0 and < SharedIndexes ? IndexLabels[small] : "#" + index;
    }

    /// <summary>Canonical configuration text: the run settings present, in the order of <see cref="RunSettings.Options"/>,
    /// then device, concurrency, test, run; invariant shortest round-trip numbers.</summary>
    public string? ConfigurationText()
    {
        var text = new StringBuilder();
        settings.AppendTo(text);
        AppendPart(text, "device", Device);
        // A serving run's concurrency, a llama-bench test and a run of several in one file: unlike runs stay apart.
        AppendPart(text, "concurrency", Concurrency?.ToString(CultureInfo.InvariantCulture));
        AppendPart(text, "test", Test);
        AppendPart(text, "run", Run);

        return text.Length == 0 ? null : text.ToString();
    }

    private static void AppendPart(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.Append(text.Length > 0 ? ", " : "").Append(name).Append('=').Append(value);
        }
    }

    private static readonly char[] MarkdownEmphasis = ['`', '*'];

    private static string? Clean(string? raw)
    {
        var text = raw?.Trim().Trim(MarkdownEmphasis).Trim();
        if (string.IsNullOrEmpty(text) || text!.Equals("default", StringComparison.OrdinalIgnoreCase) || NumberText.IsMissingMarker(text))
        {
            return null;
        }

        return text;
    }

    /// <summary>Exactly "yyyy-MM-ddTHH:mm:ss" (or a space for the T), optionally followed by "Z": as UTC.
    /// Anything else (fractions, offsets) goes to the general parser.</summary>
    private static bool TryParseIsoSeconds(string text, out DateTime value) => TryParseIsoSeconds(text.AsSpan(), out value);

    /// <summary>As <see cref="TryParseIsoSeconds(string, out DateTime)"/>, from a CSV field's UTF-8 bytes.</summary>
    public static bool TryParseIsoSeconds(ReadOnlySpan<byte> utf8, out DateTime value)
    {
        value = default;
        if (utf8.Length is not (19 or 20))
        {
            return false;
        }

        // ASCII is all the form allows: a byte is its character.
        Span<char> text = stackalloc char[utf8.Length];
        for (var i = 0; i < utf8.Length; i++)
        {
            text[i] = (char)utf8[i];
        }

        return TryParseIsoSeconds(text, out value);
    }

    private static bool TryParseIsoSeconds(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        var length = text.Length;
        if ((length != 19 && !(length == 20 && text[19] == 'Z')) || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ')
            || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second)
            || month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }

    /// <summary>ISO 8601 text (taken as UTC when it carries no offset) or epoch seconds/milliseconds.</summary>
    public static DateTime? ParseTimestamp(string text)
    {
        // The usual ISO 8601 form first (2025-09-30T20:11:33): much cheaper than the general parser.
        if (TryParseIsoSeconds(text, out var iso))
        {
            return iso;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch) ? FromEpoch(epoch) : null;
    }

    /// <summary>Epoch seconds (1e9..1e10) or milliseconds (1e12..1e13) as UTC; anything else is not a time.</summary>
    public static DateTime? FromEpoch(double value)
    {
        if (value >= 1e9 && value < 1e10)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value * 1000)).UtcDateTime;
        }

        if (value >= 1e12 && value < 1e13)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value)).UtcDateTime;
        }

        return null;
    }

    /// <summary>Reads <c>num_gpu=80, num_ctx=512, temp=1, top_p=default</c> (also space- or semicolon-separated);
    /// returns true when at least one configuration part was found.</summary>
    public bool SetFromPairs(string text)
    {
        var found = false;
        foreach (var piece in text.Split([',', ';', ' ', '|', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = piece.IndexOf('=');
            if (equals <= 0 || equals == piece.Length - 1)
            {
                continue;
            }

            var role = MetricNames.Map(piece.Substring(0, equals)).Role;
            if (role is >= FieldRoles.FirstRunSetting or FieldRole.Model or FieldRole.Quantization or FieldRole.Device)
            {
                Set(role, piece.Substring(equals + 1).TrimEnd('.', ')'));
                found = true;
            }
        }

        return found;
    }
}
