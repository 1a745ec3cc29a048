using System.Globalization;

namespace Chimera.Insight.Reporting;

/// <summary>Invariant number formatting with the precision a report wants.</summary>
public static class Numbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A measurement: integers stay integers; otherwise two decimals at or above 1, up to four
    /// significant decimals below 1 (0.0968, 0.59). Never a thousands separator.
    /// </summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "n/a";
        }

        var abs = Math.Abs(value);
        if (abs >= 1 || abs == 0)
        {
            return Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", Invariant);
        }

        return value.ToString("0.####", Invariant);
    }

    public static string Format(double? value) => value.HasValue ? Format(value.Value) : "n/a";

    public static string Format(double value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(Invariant), Invariant);

    public static string Integer(long value) => value.ToString(Invariant);

    /// <summary>A run setting's value: whole for a whole-number option (num_ctx=2048), else as <see cref="Format(double)"/>.</summary>
    public static string Setting(RunOption option, double value) => option.IsWholeNumber ? Integer((long)value) : Format(value);

    /// <summary>A percentage with one decimal: 43.6%.</summary>
    public static string Percent(double value) => Format(value, 1) + "%";

    /// <summary>A signed figure, +12.3 or -4.56.</summary>
    public static string Signed(double value) => (value > 0 ? "+" : "") + Format(value);

    /// <summary>A value with its unit, "108.05 tok/s", "589.98 ms", "2253 tokens".</summary>
    public static string WithUnit(double? value, string? unit)
    {
        var text = Format(value);
        return string.IsNullOrWhiteSpace(unit) || !value.HasValue ? text : unit == "%" ? text + "%" : text + " " + unit;
    }

    public static string Date(DateTime value) => value.ToString("yyyy-MM-dd", Invariant);

    public static string DateTimeUtc(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " UTC";
}
